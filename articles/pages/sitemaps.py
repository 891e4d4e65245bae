"""``/sitemap.xml`` and ``/robots.txt`` (one address each, not language-prefixed). The sitemap,
in all three languages: exactly the published articles, plus the reference pages
readers can reach from them (actors, themes, authors and publications with
published commentary, claims cited in published commentary, the timeline).

``/sitemap.xml`` is a sitemap index; each section is ``/sitemap-<section>.xml``,
split into pages of ``LIMIT`` addresses (``?p=2``...), so no response grows
with the site."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from actors.models import Actor
from articles.models import Article, Author, Claim, Publication, Theme


def _published():
    return Article.objects.published()


# Addresses per sitemap section. Each carries its language alternates (about 0.5 kB with
# three languages), so 250 keep a section under 150 kB; 500 made 261 kB at 10,000 articles.
LIMIT = 250


def _with_published(model, kind):
    """Rows of ``model`` with at least one published article (the one rule of whose
    commentary, as ``EXISTS``: stops at the first article instead of counting them all)."""
    rules = {
        "author": lambda: _published().by_author(OuterRef("pk")),
        "actor": lambda: _published().mentioning(OuterRef("pk")),
        "theme": lambda: _published().tagged(OuterRef("pk")),
        "publication": lambda: _published().filter(publication=OuterRef("pk")),
        "claim": lambda: _published().citing(OuterRef("pk")),
    }
    return model.objects.filter(Exists(rules[kind]()))


class PortalSitemap(Sitemap):
    """Every page in English, Russian and Kazakh, each entry with its hreflang
    alternates (the same slug under each language prefix), in sections of ``LIMIT``."""

    i18n = True
    alternates = True
    x_default = True
    limit = LIMIT


class ArticleSitemap(PortalSitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        # A queryset, not a list: the sitemap pages it (LIMIT per page) instead of loading all.
        return _published().with_last_correction().only("slug", "live_from").order_by("-published_on", "-pk")

    def lastmod(self, article):
        # The newest correction or update, else publication: ordinary saves are not news.
        return article.last_modified()


class ActorSitemap(PortalSitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return _with_published(Actor, "actor").only("slug").order_by("name")


class ThemeSitemap(PortalSitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return _with_published(Theme, "theme").only("slug").order_by("name")


class AuthorSitemap(PortalSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return _with_published(Author, "author").only("slug").order_by("name")


class PublicationSitemap(PortalSitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return _with_published(Publication, "publication").only("slug").order_by("name")


class ClaimSitemap(PortalSitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return _with_published(Claim, "claim").only("slug", "updated_at").order_by("slug")

    def lastmod(self, claim):
        return claim.updated_at


class StaticSitemap(PortalSitemap):
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


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
