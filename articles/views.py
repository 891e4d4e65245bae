"""Public views for commentary: home, list, detail, archives, search, robots.

Thin views over named query plans on ``ArticleQuerySet``. Every list starts
from ``Article.objects.published()``; the detail page from
``visible_to(request.user)``, so staff can preview drafts.
"""

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET
from django.views.generic import (
    DayArchiveView,
    DetailView,
    ListView,
    MonthArchiveView,
    TemplateView,
    YearArchiveView,
)

from .models import Article, DatePrecision


def not_built_yet(request, *args, **kwargs):
    """Placeholder for a reference page whose view does not exist yet."""
    raise Http404("This page is not available yet.")


class PublishedArticlesMixin:
    """Shared by every list and archive of commentary (djangoproject.com blog style)."""

    model = Article
    date_field = "published_on"
    paginate_by = 20
    context_object_name = "articles"
    ordering = ("-published_on", "-live_from", "-pk")

    def get_queryset(self):
        return Article.objects.published().for_list().by_date()


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["latest"] = Article.objects.published().for_list().by_date()[:6]
        return context


class ArticleListView(PublishedArticlesMixin, ListView):
    template_name = "articles/article_list.html"


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.visible_to(self.request.user).for_detail()


class ArticleYearArchiveView(PublishedArticlesMixin, YearArchiveView):
    template_name = "articles/article_archive.html"
    make_object_list = True


class ArticleMonthArchiveView(PublishedArticlesMixin, MonthArchiveView):
    template_name = "articles/article_archive.html"
    month_format = "%m"

    def get_queryset(self):
        return super().get_queryset().exclude(published_on_precision=DatePrecision.YEAR)


class ArticleDayArchiveView(PublishedArticlesMixin, DayArchiveView):
    template_name = "articles/article_archive.html"
    month_format = "%m"

    def get_queryset(self):
        return super().get_queryset().filter(published_on_precision=DatePrecision.DAY)


class SearchView(TemplateView):
    template_name = "search.html"


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
