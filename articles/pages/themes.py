"""``/themes/``: every theme with its counts, and each theme's articles, claims and events."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import OuterRef
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from articles import pagecache
from articles.models import Article, Claim, Event, SubqueryCount, Theme

from . import jsonld
from .base import EVENT_ARTICLES_SHOWN, ListPageMixin, PagedSectionMixin, PageMixin, card_rows, paged


def theme_index():
    """Themes with counts of published articles (GROUP BY), claims and events: two
    queries, kept until the next editorial write."""
    def counted():
        articles = Article.objects.published().counts_per("theme")
        themes = list(
            Theme.objects.annotate(
                claim_count=SubqueryCount(Claim.objects.filter(themes=OuterRef("pk")).values("pk")),
                event_count=SubqueryCount(Event.objects.filter(themes=OuterRef("pk")).values("pk")),
            ).order_by("name")
        )
        for theme in themes:
            theme.article_count = articles.get(theme.pk, 0)
        return themes

    return pagecache.remember("theme-index", counted, per_language=True)


@dataclass
class ThemePage:
    theme: Theme
    articles: list[Article]
    claims: list[Claim]
    events: list[Event]
    article_page: object = None
    notice: str | None = None


def theme_page(slug: str, page: str | None = None) -> ThemePage:
    """A theme and everything under it (its commentary one page at a time), in nine queries."""
    theme = Theme.objects.get(slug=slug)  # 1
    article_page, notice = paged(
        Article.objects.published().tagged(theme).by_date(), page, display=card_rows
    )  # 4: count, articles, authors, themes
    claims = list(Claim.objects.filter(themes=theme).for_list().with_stance_counts())  # 1
    events = list(Event.objects.filter(themes=theme).for_timeline(shown=EVENT_ARTICLES_SHOWN))  # 3
    return ThemePage(theme, article_page.object_list, claims, events, article_page, notice)


class ThemeListView(ListPageMixin, TemplateView):
    template_name = "themes/list.html"
    def list_items(self, context):
        return [(t.name, t.get_absolute_url()) for t in context["themes"]]

    def page_context(self, **kwargs):
        return {
            "page_title": _("Themes"),
            "page_description": _("The questions the commentary on the January 2022 Kazakhstan crisis keeps "
                                  "returning to, each with its articles, claims and events."),
            "themes": list(theme_index()),
        }


class ThemeDetailView(PagedSectionMixin, PageMixin, TemplateView):
    template_name = "themes/detail.html"
    section = (_("Themes"), "themes:list")

    def page_context(self, slug, **kwargs):
        page = theme_page(slug, self.raw_page)
        return {
            "page": page,
            "notices": [page.notice] if page.notice else [],
            "theme": page.theme,
            "page_title": page.theme.name,
            "page_description": page.theme.description
            or f"Commentary, claims and events on {page.theme.name} in the January 2022 Kazakhstan crisis.",
        }

    def jsonld(self, context):
        return jsonld.theme_page(context["page"], self.request)
