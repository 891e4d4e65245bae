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
from .base import PageMixin


@dataclass
class AuthorPage:
    author: Author
    articles: list[Article]
    claims: list[Claim]


def author_page(slug: str) -> AuthorPage:
    """An author's published articles (byline or round-up contribution) and claims: five queries."""
    author = Author.objects.select_related("portrait").get(slug=slug)  # 1 (with the portrait)
    byline = ArticleAuthor.objects.filter(author=author)
    contributed = Contribution.objects.filter(author=author)
    articles = list(
        Article.objects.published()
        .by_author(author)
        .annotate(
            is_byline=Exists(byline.filter(article=OuterRef("pk"))),
            contribution_order=contributed.filter(article=OuterRef("pk")).values("order")[:1],
        )
        .for_list()
        .defer("body", "body_html")
        .by_date()
    )  # 3
    claims = list(Claim.objects.filter(claimant_author=author).for_list().with_stance_counts())  # 1
    return AuthorPage(author, articles, claims)


class AuthorDetailView(PageMixin, TemplateView):
    template_name = "authors/detail.html"

    def page_context(self, slug, **kwargs):
        page = author_page(slug)
        author = page.author
        portrait = image_of(author, "portrait")
        return {
            "page": page,
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
