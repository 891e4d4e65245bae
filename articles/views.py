"""Public views for commentary: home, list, detail, archives, search, robots.txt.

Thin views over named query plans on ``ArticleQuerySet``. Every list, archive
and search starts from ``Article.objects.published()``; the detail page from
``visible_to(request.user)``, so staff can preview drafts while readers get a
404. Each page runs a fixed number of queries however much it lists.
"""

from django.core.paginator import Paginator
from django.db.models import OuterRef
from django.http import HttpResponse
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET
from django.views.generic import (
    DayArchiveView,
    DetailView,
    ListView,
    MonthArchiveView,
    TemplateView,
    YearArchiveView,
)

from actors.models import Actor

from . import highlight, search, seo
from .filters import ArticleFilter
from .models import Article, ArticleActor, DatePrecision, Event, SubqueryCount, Theme, ThemedItem

PAGE_SIZE = 20


def lenient_page(paginator, raw):
    """(page, notice or None) for a ``?page=`` value, never raising.

    Not a number: the first page; past the end: the last page; each with a
    notice that does not repeat what was typed.
    """
    if raw in (None, ""):
        return paginator.page(1), None
    text = str(raw).strip()
    if text == "last":
        return paginator.page(paginator.num_pages), None
    if not (text.isascii() and text.isdigit()) or len(text) > 9:  # "²".isdigit(), but int("²") fails
        return paginator.page(1), "That page number was not a number, so this is the first page."
    number = int(text)
    if number < 1:
        return paginator.page(1), "Pages start at 1, so this is the first page."
    if number > paginator.num_pages:
        notice = (
            f"There {'is' if paginator.num_pages == 1 else 'are'} only {paginator.num_pages} "
            f"page{'' if paginator.num_pages == 1 else 's'} here, so this is the last one."
        )
        return paginator.page(paginator.num_pages), notice
    return paginator.page(number), None


class PublishedArticlesMixin:
    """Shared by every list and archive of commentary (djangoproject.com blog style).

    The queryset always starts from ``Article.objects.published()``; pages are
    lenient (a bad ``?page=`` gives a page and a notice, never an error).
    """

    model = Article
    date_field = "published_on"
    paginate_by = PAGE_SIZE
    context_object_name = "articles"

    def dispatch(self, request, *args, **kwargs):
        self.notices = []
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return Article.objects.published().by_date()

    def paginate_queryset(self, queryset, page_size):
        # Only the page shown loads what a card needs (date archives also run
        # their own small queries on get_queryset(), which must stay plain).
        paginator = Paginator(queryset.for_list(), page_size, allow_empty_first_page=True)
        page, notice = lenient_page(paginator, self.request.GET.get("page"))
        if notice:
            self.notices.append(notice)
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["notices"] = self.notices
        return context


class HomeView(TemplateView):
    """Latest commentary, the timeline in brief, key actors and themes."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        published = Article.objects.published()
        mentions = ArticleActor.objects.mentioned().filter(actor=OuterRef("pk"), article__in=published.values("pk"))
        tagged = ThemedItem.objects.filter(
            tag=OuterRef("pk"),
            content_type__app_label="articles",
            content_type__model="article",
            object_id__in=published.values("pk"),
        )
        return super().get_context_data(
            latest=list(published.for_list().by_date()[:6]),
            article_count=published.count(),
            events=list(Event.objects.order_by("date", "title")[:8]),
            key_actors=list(
                Actor.objects.annotate(article_count=SubqueryCount(mentions.values("article").distinct()))
                .filter(article_count__gt=0)
                .order_by("-article_count", "name")[:10]
            ),
            themes=list(
                Theme.objects.annotate(article_count=SubqueryCount(tagged.values("pk")))
                .filter(article_count__gt=0)
                .order_by("-article_count", "name")[:12]
            ),
            jsonld={
                "@context": "https://schema.org",
                "@type": "WebSite",
                "name": seo.site_organisation()["name"],
                "url": self.request.build_absolute_uri("/"),
                "potentialAction": {
                    "@type": "SearchAction",
                    "target": self.request.build_absolute_uri(reverse("search")) + "?q={search_term_string}",
                    "query-input": "required name=search_term_string",
                },
            },
            **kwargs,
        )


class ArticleListView(PublishedArticlesMixin, ListView):
    """``/articles/``: filterable, orderable, paginated commentary."""

    template_name = "articles/article_list.html"

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

    template_name = "articles/article_detail.html"
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
            related=list(Article.objects.published().related_to(article)),
            preview=not article.is_published,
            crumbs=crumbs,
            credited=seo.credited_authors(article),
            jsonld=seo.article_jsonld(article, self.request),
            **kwargs,
        )


class ArchiveMixin(PublishedArticlesMixin):
    """Publication-date archives. A month-precision article belongs to its
    month and year, a year-precision one to its year only, never to a day."""

    template_name = "articles/article_archive.html"
    month_format = "%m"
    allow_empty = False
    level = "year"
    # Precisions whose articles have an archive one level down (month links
    # from a year, day links from a month): date_list links only to those.
    linkable = (DatePrecision.DAY, DatePrecision.MONTH)

    def get_date_list(self, queryset, date_type=None, ordering="ASC"):
        # (get_dated_queryset has already answered 404 for an empty period.)
        linked = queryset.filter(published_on_precision__in=self.linkable)
        return linked.dates(self.get_date_field(), date_type or self.get_date_list_period(), ordering)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = int(self.get_year())
        crumbs = [("Commentary", reverse("articles:list"))]
        if self.level == "year":
            crumbs.append((str(year), ""))
        else:
            crumbs.append((str(year), reverse("archive:year", kwargs={"year": f"{year:04d}"})))
        context.update(level=self.level, crumbs=crumbs, period=f"in {year}")
        return context


class ArticleYearArchiveView(ArchiveMixin, YearArchiveView):
    make_object_list = True
    level = "year"


class ArticleMonthArchiveView(ArchiveMixin, MonthArchiveView):
    level = "month"
    linkable = (DatePrecision.DAY,)

    def get_queryset(self):
        return super().get_queryset().exclude(published_on_precision=DatePrecision.YEAR)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["crumbs"].append((context["month"].strftime("%B"), ""))
        context["period"] = f"in {context['month']:%B %Y}"
        return context


class ArticleDayArchiveView(ArchiveMixin, DayArchiveView):
    level = "day"

    def get_queryset(self):
        return super().get_queryset().filter(published_on_precision=DatePrecision.DAY)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        day = context["day"]
        context["crumbs"].append(
            (day.strftime("%B"), reverse("archive:month", kwargs={"year": f"{day.year:04d}", "month": f"{day.month:02d}"}))
        )
        context["crumbs"].append((str(day.day), ""))
        context["period"] = f"on {day.day} {day:%B %Y}"
        return context


class SearchView(TemplateView):
    """``/search/?q=``: published articles, claims and actors, by relevance."""

    template_name = "search.html"

    def get_context_data(self, **kwargs):
        query, shortened = search.clean_query(self.request.GET.get("q", ""))
        notices = []
        if shortened:
            notices.append(
                f"Your search was too long, so only the first {search.MAX_QUERY_LENGTH} characters were used."
            )
        has_terms = bool(search.terms_of(query))
        if query and not has_terms:
            notices.append("Search needs at least one word or number.")
        results = search.search(query) if has_terms else None
        return super().get_context_data(
            search_query=query,
            results=results,
            notices=notices,
            crumbs=[("Search", "")],
            **kwargs,
        )


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
