"""The actors' editorial text in Russian and Kazakh (django-modeltranslation).

Each translated field gets a column per language on the same row (``name_en``,
``name_ru``, ``name_kk``); reading ``actor.name`` gives the active language's
text and falls back to English, so no page needs an extra query or join.

The history of both models is registered here, after their translation options,
so the historical models copy the per-language columns too (see
articles/translation.py).
"""

from modeltranslation.translator import TranslationOptions, register

from kzportal.history import register_history

from .models import Actor, ActorAlias


@register(Actor)
class ActorTranslation(TranslationOptions):
    fields = ("name", "role", "description")
    required_languages = ("en",)


@register(ActorAlias)
class ActorAliasTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("en",)
    # Unique per actor and language: an empty translation is NULL, not "".
    empty_values = None


register_history(Actor)
register_history(ActorAlias)
