"""``/themes/``: every theme with its counts, and each theme's articles, claims and events."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import OuterRef
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from articles.models import Article, Claim, Event, SubqueryCount, Theme

from . import jsonld
from .base import ListPageMixin, PageMixin


def theme_index():
    """Themes with counts of published articles, claims and events (one query)."""
    return Theme.objects.annotate(
        article_count=Article.objects.published().count_per("theme"),
        claim_count=SubqueryCount(Claim.objects.filter(themes=OuterRef("pk")).values("pk")),
        event_count=SubqueryCount(Event.objects.filter(themes=OuterRef("pk")).values("pk")),
    ).order_by("name")


@dataclass
class ThemePage:
    theme: Theme
    articles: list[Article]
    claims: list[Claim]
    events: list[Event]


def theme_page(slug: str) -> ThemePage:
    """A theme and everything under it, in eight queries."""
    theme = Theme.objects.get(slug=slug)  # 1
    articles = list(
        Article.objects.published().tagged(theme).for_list().defer("body", "body_html").by_date()
    )  # 3
    claims = list(Claim.objects.filter(themes=theme).for_list().with_stance_counts())  # 1
    events = list(Event.objects.filter(themes=theme).for_timeline())  # 3
    return ThemePage(theme, articles, claims, events)


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


class ThemeDetailView(PageMixin, TemplateView):
    template_name = "themes/detail.html"
    section = (_("Themes"), "themes:list")

    def page_context(self, slug, **kwargs):
        page = theme_page(slug)
        return {
            "page": page,
            "theme": page.theme,
            "page_title": page.theme.name,
            "page_description": page.theme.description
            or f"Commentary, claims and events on {page.theme.name} in the January 2022 Kazakhstan crisis.",
        }

    def jsonld(self, context):
        return jsonld.theme_page(context["page"], self.request)
