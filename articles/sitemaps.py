"""The sitemap: exactly the published articles, plus the reference pages
readers can reach from them (actors, themes, authors and publications with
published commentary, claims cited in published commentary, the timeline)."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from actors.models import Actor

from .models import Article, ArticleActor, Author, Citation, Claim, Contribution, Publication, Theme


def _published():
    return Article.objects.published()


# Every items() returns a list: the sitemap paginator then needs no COUNT
# query per section, so the whole sitemap is one query per section.


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return list(_published().only("slug", "updated_at").order_by("-published_on", "-pk"))

    def lastmod(self, article):
        return article.updated_at


class ActorSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        mentioned = ArticleActor.objects.mentioned().filter(actor=OuterRef("pk"), article__in=_published())
        return list(Actor.objects.filter(Exists(mentioned)).only("slug").order_by("name"))


class ThemeSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return list(Theme.objects.filter(articles__in=_published()).distinct().only("slug").order_by("name"))


class AuthorSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        published = _published()
        return list(
            Author.objects.filter(
                Q(article_credits__article__in=published)
                | Q(pk__in=Contribution.objects.filter(article__in=published).values("author"))
            )
            .distinct()
            .only("slug")
            .order_by("name")
        )


class PublicationSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return list(
            Publication.objects.filter(articles__in=_published()).distinct().only("slug").order_by("name")
        )


class ClaimSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        cited = Citation.objects.filter(claim=OuterRef("pk"), article__in=_published())
        return list(Claim.objects.filter(Exists(cited)).only("slug", "updated_at").order_by("slug"))

    def lastmod(self, claim):
        return claim.updated_at


class StaticSitemap(Sitemap):
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
