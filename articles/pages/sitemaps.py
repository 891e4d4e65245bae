"""``/sitemap.xml`` and ``/robots.txt`` (one address each, not language-prefixed). The sitemap,
in all three languages: exactly the published articles, plus the reference pages
readers can reach from them (actors, themes, authors and publications with
published commentary, claims cited in published commentary, the timeline).

``/sitemap.xml`` is a sitemap index; each section is ``/sitemap-<section>.xml``,
split into pages of ``LIMIT`` addresses (``?p=2``...), so no response grows
with the site."""

import datetime

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import x_robots_tag
from django.contrib.sites.shortcuts import get_current_site
from django.core.paginator import Paginator
from django.db.models import Exists, Max, OuterRef
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.http import http_date
from django.views.decorators.http import require_GET

from actors.models import Actor
from articles import pagecache
from articles.models import (
    Article,
    Author,
    Claim,
    Correction,
    Publication,
    Theme,
)


def _published():
    return Article.objects.published()


# Addresses per sitemap section. Each carries its language alternates (about 0.5 kB with
# three languages), so 250 keep a section under 150 kB; 500 made 261 kB at 10,000 articles.
LIMIT = 250


def _with_published(model, kind):
    """Rows of ``model`` with at least one published article (``any_per``: the one rule of
    whose commentary, as ``EXISTS``, stopping at the first article)."""
    return model.objects.filter(_published().any_per(kind))


class InLanguages:
    """The (item, language) pairs an i18n sitemap pages through, without loading every item.

    Django's ``Sitemap._items()`` builds the list of pairs for every item of the section
    to page it (all 10,000 articles, for page 1 and for the index alike); this takes the
    section's kept count (``sizes``) and fetches, for a page, only the items it covers."""

    def __init__(self, items, languages, *, items_count):
        self.items, self.languages = items, list(languages)
        self.items_count = items_count  # counted once per generation (``sizes``)

    def count(self):
        return self.items_count * len(self.languages)

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice) or key.step not in (None, 1) or (key.start or 0) < 0 or key.stop is None:
            raise TypeError("InLanguages takes forward slices with an end, as Paginator makes")
        per = len(self.languages)
        start = key.start or 0
        first = start // per
        items = self.items[first : -(-key.stop // per)]  # ceiling: the item of the last pair
        pairs = [(item, language) for item in items for language in self.languages]
        skip = start - first * per
        return pairs[skip : skip + key.stop - start]


class PortalSitemap(Sitemap):
    """Every page in English, Russian and Kazakh, each entry with its hreflang
    alternates (the same slug under each language prefix), in sections of ``LIMIT``."""

    i18n = True
    alternates = True
    x_default = True
    limit = LIMIT
    section = ""  # its key in SITEMAPS

    @property
    def paginator(self):
        languages = self.languages or [code for code, _ in settings.LANGUAGES]
        items_count, _newest = sizes()[self.section]
        return Paginator(InLanguages(self.items(), languages, items_count=items_count), self.limit)

    def get_latest_lastmod(self):
        return sizes()[self.section][1]

    def newest(self):
        """The section's newest ``lastmod`` (Django's rule, unless a section has a cheaper one)."""
        return super().get_latest_lastmod()


class ArticleSitemap(PortalSitemap):
    section = "articles"
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        # A queryset, not a list: the sitemap pages it (LIMIT per page) instead of loading all.
        # The lists' order (``by_date``), which the date index holds: a page is read straight
        # from the index instead of sorting every published article.
        return _published().with_last_correction().only("slug", "live_from").by_date()

    def lastmod(self, article):
        # The newest correction or update, else publication: ordinary saves are not news.
        return article.last_modified()

    def newest(self):
        """The newest ``lastmod`` of the section without reading every article (Django's
        default calls ``lastmod`` on each): the newest correction of a published article,
        or the latest ``live_from`` of one with no corrections, whichever is later. Two
        queries, each stopping at its first row."""
        published = _published()
        corrected = (
            Correction.objects.filter(Exists(published.filter(pk=OuterRef("article"))))
            .aggregate(newest=Max("made_at"))["newest"]
        )
        uncorrected = (
            published.exclude(Exists(Correction.objects.filter(article=OuterRef("pk"))))
            .order_by("-live_from")
            .values_list("live_from", flat=True)
            .first()
        )
        return max((t for t in (corrected, uncorrected) if t is not None), default=None)


class ActorSitemap(PortalSitemap):
    section = "actors"
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return _with_published(Actor, "actor").only("slug").order_by("name")


class ThemeSitemap(PortalSitemap):
    section = "themes"
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return _with_published(Theme, "theme").only("slug").order_by("name")


class AuthorSitemap(PortalSitemap):
    section = "authors"
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return _with_published(Author, "author").only("slug").order_by("name")


class PublicationSitemap(PortalSitemap):
    section = "publications"
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return _with_published(Publication, "publication").only("slug").order_by("name")


class ClaimSitemap(PortalSitemap):
    section = "claims"
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return _with_published(Claim, "claim").only("slug", "updated_at").order_by("slug")

    def lastmod(self, claim):
        return claim.updated_at

    def newest(self):
        return self.items().aggregate(newest=Max("updated_at"))["newest"]


class StaticSitemap(PortalSitemap):
    section = "pages"
    changefreq = "daily"
    priority = 0.7

    def items(self):
        return ["home", "articles:list", "actors:list", "themes:list", "claims:list", "timeline"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": StaticSitemap,
    "articles": ArticleSitemap,
    "actors": ActorSitemap,
    "themes": ThemeSitemap,
    "authors": AuthorSitemap,
    "publications": PublicationSitemap,
    "claims": ClaimSitemap,
}


def sizes():
    """{section: (items, newest lastmod)}: what the index and each section's pagination
    need, kept until the next editorial write or scheduled go-live (``pagecache.remember``,
    like the hub counts). Counting reads every published article, and every author's
    bylines (4,000 authors at 100,000 articles: 34 ms on PostgreSQL): the index took
    65 ms at 100,000 articles, and every section page counted its section again."""

    def measure():
        measured = {}
        for name, sitemap_class in SITEMAPS.items():
            site = sitemap_class()
            items = site.items()
            measured[name] = (len(items) if isinstance(items, list) else items.count(), site.newest())
        return measured

    return pagecache.remember("sitemap-sizes", measure)


def _w3c_datetime(value):
    """A sitemap ``lastmod`` as Django's sitemap templates write it (``|date:"c"``, in the
    site's time zone)."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.isoformat()


def _moment(value):
    """A date or datetime as an aware datetime (naive ones in UTC), as Django's index compares them."""
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime.combine(value, datetime.time.min)
    return timezone.make_aware(value, datetime.UTC) if timezone.is_naive(value) else value


@x_robots_tag
@require_GET
def sitemap_index(request):
    """``/sitemap.xml``: what ``django.contrib.sitemaps.views.index`` serves (an entry per page
    of each section, dated by the section's newest ``lastmod``, and ``Last-Modified``), with
    the XML written directly. The index is the one response that grows with the site (an
    entry per ``LIMIT`` addresses: 130 at 10,000 articles, 1,200 at 100,000), and through
    the template engine each entry cost about 55 µs: 65 ms at 100,000 articles."""
    domain = get_current_site(request).domain
    entries, newest, all_dated = [], None, True
    for section, sitemap_class in SITEMAPS.items():
        site = sitemap_class()
        protocol = site.protocol or request.scheme
        location = escape(f"{protocol}://{domain}{reverse('sitemap-section', kwargs={'section': section})}")
        lastmod = site.get_latest_lastmod()
        if lastmod is None:
            all_dated = False
        elif all_dated:
            moment = _moment(lastmod)
            newest = moment if newest is None or moment > newest else newest
        dated = f"<lastmod>{_w3c_datetime(lastmod)}</lastmod>" if lastmod is not None else ""
        entries.append(f"<sitemap><loc>{location}</loc>{dated}</sitemap>")
        entries.extend(
            f"<sitemap><loc>{location}?p={page}</loc>{dated}</sitemap>"
            for page in range(2, site.paginator.num_pages + 1)
        )
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "".join(entries)
        + "\n</sitemapindex>\n"
    )
    response = HttpResponse(body, content_type="application/xml")
    if all_dated and newest is not None:
        response["Last-Modified"] = http_date(newest.timestamp())
    return response


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
