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
    the busiest themes (three queries)."""
    return {
        "article_count": published.count(),
        "key_actors": list(
            Actor.objects.annotate(article_count=published.count_per("actor"))
            .filter(article_count__gt=0)
            .order_by("-article_count", "name")[:10]
        ),
        "themes": list(
            Theme.objects.annotate(article_count=published.count_per("theme"))
            .filter(article_count__gt=0)
            .order_by("-article_count", "name")[:12]
        ),
    }
