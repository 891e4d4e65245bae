"""``/articles/``: the filterable list of commentary, and each article's page.

Thin views over named query plans on ``ArticleQuerySet``: the list starts from
``Article.objects.published()``; the detail page from ``visible_to(request.user)``,
so staff can preview drafts while readers get a 404.
"""

from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.generic import DetailView, ListView

from articles import pagecache
from articles.models import Article
from articles.rendering import highlight

from . import jsonld
from .base import PublishedArticlesMixin
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
    """An article; drafts and articles in review only for staff, as a preview."""

    template_name = "articles/detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.visible_to(self.request.user).for_detail()

    def get_context_data(self, **kwargs):
        article = self.object
        sections = highlight.article_sections(article)
        # The HTML was sanitised when saved; highlight only added escaped elements.
        body = mark_safe(sections[0].html)  # noqa: S308
        contributions = [(section.contribution, mark_safe(section.html)) for section in sections[1:]]  # noqa: S308
        claims = {}
        for citation in article.citations.all():
            claims.setdefault(citation.claim_id, (citation.claim, []))[1].append(citation)
        crumbs = [("Commentary", reverse("articles:list")), (article.title, "")]
        language = article.language.strip()
        return super().get_context_data(
            # The page is English; a piece in another language says so on its own text.
            text_lang="" if not language or language.lower().startswith("en") else language,
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
            jsonld=jsonld.article_jsonld(article, self.request),
            **kwargs,
        )
