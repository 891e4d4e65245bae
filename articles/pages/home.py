"""``/``: the latest commentary, the timeline in brief, key actors and themes."""

from django.views.generic import TemplateView

from actors.models import Actor
from articles import pagecache
from articles.models import Article, Event, Theme

from . import jsonld


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        published = Article.objects.published()
        return super().get_context_data(
            latest=list(published.for_list().by_date()[:6]),
            events=list(Event.objects.order_by("date", "title")[:8]),
            # Counts over every published article: kept until the next editorial write.
            **pagecache.remember("home-counts", lambda: hub_counts(published)),
            jsonld=jsonld.website(self.request),
            **kwargs,
        )


def hub_counts(published):
    """The home page's counts: all published articles, the most-mentioned actors and
    the busiest themes (five queries: GROUP BY counts, not a count per row)."""

    def top(model, kind, limit):
        counts = published.counts_per(kind)
        rows = list(model.objects.filter(pk__in=list(counts)))
        for row in rows:
            row.article_count = counts[row.pk]
        return sorted(rows, key=lambda row: (-row.article_count, row.name))[:limit]

    return {
        "article_count": published.count(),
        "key_actors": top(Actor, "actor", 10),
        "themes": top(Theme, "theme", 12),
    }
