"""The commentary list's facets: which filters are facets (``FACETS``), their labels, and the
choices each offers with its count of published commentary (``facet_choices``), which
``filters.ArticleFilter`` keeps with ``pagecache.remember(..., held=True)``.
"""

from django.db.models import F, QuerySet, TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from actors.models import Actor
from articles.models import Article, Author, Claim, Event, Publication, Theme
from articles.models.expressions import translated

FACETS = ("theme", "actor", "author", "publication", "claim", "event")
FACET_LABELS = {
    "theme": _("Theme"),
    "actor": _("Actor mentioned"),
    "author": _("Author"),
    "publication": _("Publication"),
    "claim": _("Claim cited"),
    "event": _("Event discussed"),
}


def facet_choices():
    """{facet: [(value, label, count, pk)]} for every theme, actor, author,
    publication and claim that published commentary uses. Counts come from
    ``counts_per`` (the GROUP BY twin of ``count_per``, the one count rule): thirteen
    queries however many articles there are; the filter keeps the result until the
    next editorial write (``pagecache.remember``)."""
    published = Article.objects.published()
    # Plain querysets (not the translated models' managers, which rewrite values());
    # labels in the reader's language, English where there is no translation.
    sources = {
        "theme": (QuerySet(Theme), "slug", translated("name")),
        "actor": (QuerySet(Actor), "slug", translated("name")),
        "author": (Author.objects.all(), "slug", F("name")),
        "publication": (QuerySet(Publication), "slug", F("name")),
        "claim": (QuerySet(Claim), "pk", translated("statement")),
        "event": (QuerySet(Event), "slug", translated("title")),
    }
    choices = {}
    for facet, (queryset, key, label) in sources.items():
        counts = published.counts_per(facet)
        rows = (
            queryset.filter(pk__in=list(counts))
            .annotate(facet_label=Cast(label, output_field=TextField()))
            .values_list("pk", key, "facet_label")
            .order_by()
        )
        if facet == "event":
            rows = rows.order_by("date", "pk")  # the timeline's order
        items = [(str(value), text if facet != "claim" else text[:90], counts[pk], pk) for pk, value, text in rows]
        if facet == "claim":
            items.sort(key=lambda item: int(item[0]))
        elif facet != "event":  # events keep the timeline's order from the query
            items.sort(key=lambda item: item[1].casefold())
        choices[facet] = items
    return choices


def _labelled_choices(items):
    """A function giving a facet's (value, "label (count)") choices: a plain function, which
    deepcopy keeps as it is (a ``partial`` would be copied with its list)."""

    def choices():
        return [(key, f"{label} ({count})") for key, label, count, _pk in items]

    return choices
