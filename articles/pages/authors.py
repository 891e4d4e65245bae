"""``/authors/<slug>/``: an author's published commentary (byline or round-up
contribution) and the claims they made."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from articles.images.models import image_of
from articles.models import Article, ArticleAuthor, Author, Claim, Contribution

from . import jsonld
from .base import PagedSectionMixin, PageMixin, card_rows, paged


@dataclass
class AuthorPage:
    author: Author
    articles: list[Article]
    claims: list[Claim]
    article_page: object = None
    notice: str | None = None


def author_page(slug: str, page: str | None = None) -> AuthorPage:
    """An author's published articles (byline or round-up contribution), one page at a
    time, and claims: six queries."""
    author = Author.objects.select_related("portrait").get(slug=slug)  # 1 (with the portrait)
    byline = ArticleAuthor.objects.filter(author=author)
    contributed = Contribution.objects.filter(author=author)
    article_page, notice = paged(
        Article.objects.published().by_author(author).by_date(),
        page,
        display=lambda rows: card_rows(rows).annotate(
            is_byline=Exists(byline.filter(article=OuterRef("pk"))),
            contribution_order=contributed.filter(article=OuterRef("pk")).values("order")[:1],
        ),
    )  # 4: count, articles, authors, themes
    claims = list(Claim.objects.filter(claimant_author=author).for_list().with_stance_counts())  # 1
    return AuthorPage(author, article_page.object_list, claims, article_page, notice)


class AuthorDetailView(PagedSectionMixin, PageMixin, TemplateView):
    template_name = "authors/detail.html"

    def page_context(self, slug, **kwargs):
        page = author_page(slug, self.raw_page)
        author = page.author
        portrait = image_of(author, "portrait")
        return {
            "page": page,
            "notices": [page.notice] if page.notice else [],
            "author": author,
            "portrait": portrait,
            "og_image": self.request.build_absolute_uri(portrait.largest_url) if portrait else "",
            "og_image_alt": portrait.alt if portrait else "",
            "social": author.public_social,
            "social_url": author.public_social_url,
            "page_title": author.name,
            "page_description": gettext("%(author)s: commentary and claims on the January 2022 Kazakhstan crisis.")
            % {"author": f"{author.name}{' (' + author.affiliation + ')' if author.affiliation else ''}"},
        }

    def crumbs(self, context):
        return [(_("Commentary"), reverse("articles:list")), (context["page_title"], "")]

    def jsonld(self, context):
        return jsonld.author_page(context["author"], self.request)
