"""``/sitemap.xml`` and ``/robots.txt`` (one address each, not language-prefixed). The sitemap,
in all three languages: exactly the published articles, plus the reference pages
readers can reach from them (actors, themes, authors and publications with
published commentary, claims cited in published commentary, the timeline)."""

from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from actors.models import Actor
from articles.models import Article, Author, Claim, Publication, Theme


def _published():
    return Article.objects.published()


def _with_published(model, kind):
    """Rows of ``model`` with at least one published article (the one count rule)."""
    return model.objects.annotate(published_count=_published().count_per(kind)).filter(published_count__gt=0)


class PortalSitemap(Sitemap):
    """Every page in English, Russian and Kazakh, each entry with its hreflang
    alternates (the same slug under each language prefix)."""

    i18n = True
    alternates = True
    x_default = True


# Every items() returns a list: the sitemap paginator then needs no COUNT
# query per section, so the whole sitemap is one query per section.


class ArticleSitemap(PortalSitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return list(
            _published().with_last_correction().only("slug", "live_from").order_by("-published_on", "-pk")
        )

    def lastmod(self, article):
        # The newest correction or update, else publication: ordinary saves are not news.
        return article.last_modified()


class ActorSitemap(PortalSitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return list(_with_published(Actor, "actor").only("slug").order_by("name"))


class ThemeSitemap(PortalSitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return list(_with_published(Theme, "theme").only("slug").order_by("name"))


class AuthorSitemap(PortalSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return list(_with_published(Author, "author").only("slug").order_by("name"))


class PublicationSitemap(PortalSitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return list(_with_published(Publication, "publication").only("slug").order_by("name"))


class ClaimSitemap(PortalSitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return list(_with_published(Claim, "claim").only("slug", "updated_at").order_by("slug"))

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
