"""``/publications/<slug>/``: a publication and its published commentary."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from articles.models import Article, Publication

from . import jsonld
from .base import PagedSectionMixin, PageMixin, card_rows, paged


@dataclass
class PublicationPage:
    publication: Publication
    articles: list[Article]
    article_page: object = None
    notice: str | None = None


def publication_page(slug: str, page: str | None = None) -> PublicationPage:
    """A publication and its published articles, one page at a time: five queries."""
    publication = Publication.objects.get(slug=slug)  # 1
    article_page, notice = paged(
        Article.objects.published().from_publication(publication).by_date(), page, display=card_rows
    )  # 4: count, articles, authors, themes
    return PublicationPage(publication, article_page.object_list, article_page, notice)


class PublicationDetailView(PagedSectionMixin, PageMixin, TemplateView):
    template_name = "publications/detail.html"

    def page_context(self, slug, **kwargs):
        page = publication_page(slug, self.raw_page)
        publication = page.publication
        return {
            "page": page,
            "notices": [page.notice] if page.notice else [],
            "publication": publication,
            "page_title": publication.name,
            "page_description": publication.description
            or gettext("Commentary on the January 2022 Kazakhstan crisis published by {name}.").format(name=publication.name),
        }

    def crumbs(self, context):
        return [(_("Commentary"), reverse("articles:list")), (context["page_title"], "")]

    def jsonld(self, context):
        return jsonld.publication_page(context["publication"], self.request)
