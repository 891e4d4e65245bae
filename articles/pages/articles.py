"""``/articles/``: the filterable list of commentary, and each article's page.

Thin views over named query plans on ``ArticleQuerySet``: the list starts from
``Article.objects.published()``; the detail page, its print view and its social card
from ``visible_to(request.user)``, so those who may preview (``Article.may_preview``:
the preview permission, not staff status nor the right to change articles) see a piece
before readers do, while everyone else gets a 404.
A preview is never cached (``Cache-Control: private, no-store``).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from articles import pagecache
from articles.images.cards import render_card
from articles.models import Article, format_partial_date
from articles.ratings.services import with_rating
from articles.rendering import highlight

from . import jsonld
from .base import PublishedArticlesMixin, render_blocks
from .filters import ArticleFilter


class ArticleListView(PublishedArticlesMixin, ListView):
    """``/articles/``: filterable, orderable, paginated commentary."""

    template_name = "articles/list.html"

    def get_queryset(self):
        self.filterset = ArticleFilter(self.request.GET, queryset=super().get_queryset())
        self.notices.extend(self.filterset.notices)
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["active_filters"] = self.filterset.active
        context["search_query"] = self.filterset.current("q") or ""
        return context


class ArticleDetailView(DetailView):
    """An article; one not yet public only as a preview, for those who may preview.

    The page's own parts (``articles/detail_parts.html``: head, text, claims, comments,
    sidebar) are rendered block by block and, for readers (anonymous), kept per address,
    language and generation with the per-reader tokens and the rating summary as holes
    (``articles.pagecache``): until the next editorial write, a reader's request costs
    a cache read and ``base.html`` around the parts, even when the page cache does not
    serve it (page cache off, a query string it has not seen, another app server's
    first request). Anyone logged in (staff, previews) and requests with a message to
    show (e.g. "comment sent") get them rendered whole, never kept.
    """

    template_name = "articles/detail.html"
    parts_template = "articles/detail_parts.html"
    context_object_name = "article"

    def get_queryset(self):
        return with_rating(Article.objects.visible_to(self.request.user).for_detail().select_related("lead_image"))

    def get(self, request, *args, **kwargs):
        if request.user.is_authenticated or pagecache.messages_waiting(request):
            parts = self.render_parts(kept=False)
        else:
            # The parts hold absolute addresses (JSON-LD, og:image): one copy per origin and path.
            where = f"{request.scheme}://{request.get_host()}{request.path}".encode()
            key = "article-parts:" + hashlib.blake2b(where, digest_size=16).hexdigest()
            kept = pagecache.remember(key, lambda: self.render_parts(kept=True), per_language=True)
            parts = {name: fill_holes(request, html) for name, html in kept.items()}
        return self.render_to_response({"parts": parts, "view": self})

    def render_parts(self, *, kept):
        """The blocks of ``parts_template`` for this request's article (404 if there is none
        to show); ``kept``: with holes where each reader's request puts its own values."""
        self.object = self.get_object()
        context = self.get_context_data(object=self.object)
        parts = render_blocks(self.parts_template, context, self.request)
        if kept:
            # Rendered and escaped here; holes only replace tokens and a summary.
            parts = {
                name: mark_safe(pagecache.punch_holes(self.request, html.encode())[0].decode())  # noqa: S308
                for name, html in parts.items()
            }
        parts["preview"] = context["preview"]
        return parts

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context.get("preview") or context.get("parts", {}).get("preview"):
            # Only this editor's browser may keep it, and not even that: no shared or stored copy.
            response["Cache-Control"] = "private, no-store"
        return response

    def get_context_data(self, **kwargs):
        article = self.object
        sections = highlight.article_sections(article)
        # The HTML was sanitised when saved; highlight only added escaped elements.
        body = mark_safe(sections[0].html)  # noqa: S308
        contributions = [(section.contribution, mark_safe(section.html)) for section in sections[1:]]  # noqa: S308
        claims = {}
        for citation in article.citations.all():
            claims.setdefault(citation.claim_id, (citation.claim, []))[1].append(citation)
        crumbs = [(_("Commentary"), reverse("articles:list")), (article.title, "")]
        language = article.language.strip()
        interface_language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
        image = lead_image(article)
        og_image = (
            self.request.build_absolute_uri(image.largest_url) if image
            else self.request.build_absolute_uri(reverse("articles:card", kwargs={"slug": article.slug}))
        )
        return super().get_context_data(
            # A piece in another language than the interface's says so on its own text.
            text_lang="" if not language or language.lower().split("-")[0] == interface_language else language,
            body_html=body,
            contributions=contributions,
            claims_cited=list(claims.values()),
            # Ranks every article sharing something: kept until the next editorial write.
            related=pagecache.remember(
                f"related:{article.pk}", lambda: list(Article.objects.published().related_to(article))
            ),
            preview=not article.is_published,
            crumbs=crumbs,
            credited=jsonld.credited_authors(article),
            jsonld=jsonld.article_jsonld(article, self.request, image=og_image),
            image=image,
            og_image=og_image,
            og_image_alt=image.alt if image else article.title,
            **kwargs,
        )


class ArticlePrintView(ArticleDetailView):
    """``/articles/<slug>/print/``: the article alone, ready to print.

    Title, byline, date, standfirst and text with the cited passages marked
    and numbered, the claims they link to as footnotes with full addresses,
    the original's address; no navigation, comments, sharing or sidebar.
    """

    template_name = "articles/print.html"

    def get(self, request, *args, **kwargs):
        return DetailView.get(self, request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["footnotes"] = [
            (citation, self.request.build_absolute_uri(citation.claim.get_absolute_url()))
            for citation in self.object.citations.all()
        ]
        context["page_url"] = self.request.build_absolute_uri(self.object.get_absolute_url())
        return context


def fill_holes(request, html):
    """A kept part (or the "preview" flag) with this reader's tokens and the current
    rating summary put in."""
    if not isinstance(html, str) or "@@kz-" not in html:
        return html
    return mark_safe(pagecache.fill_holes(request, html.encode()).decode())  # noqa: S308 (rendered, escaped)


def lead_image(article):
    """The article's lead image (``select_related("lead_image")``), or None."""
    try:
        image = article.lead_image
    except Article.lead_image.RelatedObjectDoesNotExist:
        return None
    return image if image.image else None


def card_date(article) -> str:
    if not article.published_on:
        return ""
    return format_partial_date(article.published_on, article.published_on_precision)


class ArticleCardView(DetailView):
    """``/articles/<slug>/card.png``: the social card (``og:image``) of an article, made once
    per title, publication and date and kept in the cache."""

    def get_queryset(self):
        return Article.objects.visible_to(self.request.user).select_related("publication")

    def get(self, request, *args, **kwargs):
        article = self.get_object()  # visible_to: a card of a piece not yet public is a preview
        parts = [article.title, article.publication.name if article.publication else "", card_date(article)]
        key = "kz:card:" + hashlib.sha256("\x00".join(parts).encode()).hexdigest()
        png = cache.get(key)
        if png is None:
            png = render_card(title=parts[0], publication=parts[1], date=parts[2], site=settings.KZ_SITE_NAME)
            cache.set(key, png, timeout=7 * 24 * 3600)
        response = HttpResponse(png, content_type="image/png")
        # A preview's card is never cached, like the preview itself.
        response["Cache-Control"] = "public, max-age=86400" if article.is_published else "private, no-store"
        return response
