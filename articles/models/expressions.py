"""Query expressions shared by the query plans."""

from django.db.models import IntegerField, Subquery


class SubqueryCount(Subquery):
    """COUNT(*) of a correlated subquery: counts without joins, so they never multiply."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _count)"
    output_field = IntegerField()


def translated(field):
    """The active language's text of a translated ``field`` (articles/translation.py,
    actors/translation.py), English where it has none: for annotations and
    ``values()`` on plain querysets, where the model's descriptor cannot help."""
    from django.conf import settings
    from django.db.models import F, Value
    from django.db.models.functions import Coalesce, NullIf
    from django.utils.translation import get_language

    default = settings.LANGUAGE_CODE
    language = (get_language() or default).split("-")[0]
    if language == default or language not in dict(settings.LANGUAGES):
        return F(f"{field}_{default}")
    return Coalesce(NullIf(F(f"{field}_{language}"), Value("")), F(f"{field}_{default}"))
