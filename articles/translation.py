"""The editorial layer in Russian and Kazakh (django-modeltranslation).

Translated columns sit on the same rows as the English ones (``statement_ru``,
``title_kk`` ...): reading ``claim.statement`` gives the active language's text
and falls back to English, so every page keeps its query count in every
language. Articles are not here: an article is a text in one language
(``Article.language``), linked to its translations.

The history of these models is registered here, after their translation options:
django-simple-history copies the fields a model has when its historical model is
built, and the per-language columns exist only from here on. So every version
records every language, an editor's change to a Russian description shows in the
history diff, and reverting restores it.
"""

from modeltranslation.translator import TranslationOptions, register

from kzportal.history import register_history

from .models import Claim, Event, Publication, Theme


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("en",)
    # Theme names are unique per language: an empty translation is NULL, not "".
    empty_values = {"name": None}


@register(Claim)
class ClaimTranslation(TranslationOptions):
    fields = ("statement", "rationale")
    required_languages = ("en",)


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = ("en",)


@register(Publication)
class PublicationTranslation(TranslationOptions):
    fields = ("description",)


register_history(Theme)
register_history(Claim)
register_history(Event, m2m_fields=["actors"])
register_history(Publication)
