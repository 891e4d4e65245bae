"""Every public route, one block per section. ``kzportal/urls.py`` includes
``urlpatterns`` once per language (unprefixed in English, under ``/ru/`` and ``/kk/``)
and ``unprefixed_urlpatterns`` once, at the root: the routes with one address in every
language (robots.txt, the sitemaps, which list each page in all three languages, the
open data downloads and the JSON API, whose field names and values are the same for
every reader). Paths are the site's stable public addresses and names are what
templates and ``get_absolute_url`` reverse.

Each section's prefix is also its page module (``articles/pages/<section>.py``),
template folder (``templates/<section>/``) and test module
(``tests/articles/pages/test_<section>.py``).
"""

from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path, register_converter
from rest_framework.routers import SimpleRouter

from .api import http as api_http
from .api import views as api_views
from .comments import feeds as comment_feeds
from .comments import views as comment_views
from .pages import (
    actors,
    archive,
    articles,
    authors,
    claims,
    data,
    feeds,
    home,
    newsletter,
    publications,
    search,
    sitemaps,
    themes,
)
from .pages import timeline as timeline_page
from .ratings import views as rating_views


class UnicodeSlugConverter:
    """A slug of letters and digits in any script, hyphens and underscores.

    Theme slugs come from django-taggit, which keeps letters of any script
    ("қаңтар-оқиғалары"), so theme routes use ``<uslug:...>``.
    """

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(UnicodeSlugConverter, "uslug")

article_patterns = [
    path("", articles.ArticleListView.as_view(), name="list"),
    path("<slug:slug>/", articles.ArticleDetailView.as_view(), name="detail"),
    path("<slug:slug>/print/", articles.ArticlePrintView.as_view(), name="print"),
    path("<slug:slug>/card.png", articles.ArticleCardView.as_view(), name="card"),
]
comment_patterns = [
    path("articles/<slug:slug>/comments/", comment_views.post_comment, name="post"),
    path("feeds/articles/<slug:slug>/comments/", comment_feeds.ArticleCommentsFeed(), name="feed"),
]
rating_patterns = [
    path("articles/<slug:slug>/rating/", rating_views.post_rating, name="post"),
]
archive_patterns = [
    re_path(r"^(?P<year>[0-9]{4})/$", archive.ArticleYearArchiveView.as_view(), name="year"),
    re_path(r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$", archive.ArticleMonthArchiveView.as_view(), name="month"),
    re_path(
        r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/(?P<day>[0-9]{2})/$",
        archive.ArticleDayArchiveView.as_view(),
        name="day",
    ),
]
actor_patterns = [
    path("", actors.ActorListView.as_view(), name="list"),
    path("<slug:slug>/", actors.ActorDetailView.as_view(), name="detail"),
]
theme_patterns = [
    path("", themes.ThemeListView.as_view(), name="list"),
    path("<uslug:slug>/", themes.ThemeDetailView.as_view(), name="detail"),
]
author_patterns = [
    path("<slug:slug>/", authors.AuthorDetailView.as_view(), name="detail"),
]
publication_patterns = [
    path("<slug:slug>/", publications.PublicationDetailView.as_view(), name="detail"),
]
claim_patterns = [
    path("", claims.ClaimListView.as_view(), name="list"),
    # A slug, or a numeric id that redirects to the slug address.
    path("<slug:slug>/", claims.ClaimDetailView.as_view(), name="detail"),
]
newsletter_patterns = [
    path("", newsletter.signup, name="signup"),
    path("sent/", newsletter.sent, name="sent"),
    path("confirm/<str:token>/", newsletter.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", newsletter.unsubscribe, name="unsubscribe"),
    path("data/", newsletter.data_request, name="data_request"),
    path("data/<str:token>/", newsletter.data, name="data"),
    path("data/<str:token>/download/", newsletter.data_download, name="data_download"),
    path("data/<str:token>/delete/", newsletter.data_delete, name="data_delete"),
]
feed_patterns = [
    path("latest/", feeds.LatestFeed(), name="latest"),
    path("latest/atom/", feeds.LatestAtomFeed(), name="latest_atom"),
    path("themes/<uslug:slug>/", feeds.ThemeFeed(), name="theme"),
    path("themes/<uslug:slug>/atom/", feeds.ThemeAtomFeed(), name="theme_atom"),
    path("actors/<slug:slug>/", feeds.ActorFeed(), name="actor"),
    path("actors/<slug:slug>/atom/", feeds.ActorAtomFeed(), name="actor_atom"),
    path("authors/<slug:slug>/", feeds.AuthorFeed(), name="author"),
    path("authors/<slug:slug>/atom/", feeds.AuthorAtomFeed(), name="author_atom"),
]

urlpatterns = [
    path("", home.HomeView.as_view(), name="home"),
    path("articles/", include((article_patterns, "articles"))),
    path("", include((comment_patterns, "comments"))),
    path("", include((rating_patterns, "ratings"))),
    path("archive/", include((archive_patterns, "archive"))),
    path("actors/", include((actor_patterns, "actors"))),
    path("themes/", include((theme_patterns, "themes"))),
    path("authors/", include((author_patterns, "authors"))),
    path("publications/", include((publication_patterns, "publications"))),
    path("claims/", include((claim_patterns, "claims"))),
    path("timeline/", timeline_page.TimelineView.as_view(), name="timeline"),
    path("search/", search.SearchView.as_view(), name="search"),
    path("feeds/", include((feed_patterns, "feeds"))),
    path("newsletter/", include((newsletter_patterns, "newsletter"))),
]


# -- One address in every language -------------------------------------------------

data_patterns = [
    path("", data.DataView.as_view(), name="index"),
    path("latest.zip", data.latest_download, name="latest"),
    path("<str:filename>", data.download, name="file"),
]

# /api/v1/: the resources, the ClaimReview feed, the OpenAPI schema and its docs page.
api_router = SimpleRouter()
api_router.register("articles", api_views.ArticleViewSet, basename="article")
api_router.register("claims", api_views.ClaimViewSet, basename="claim")
api_router.register("citations", api_views.CitationViewSet, basename="citation")
api_router.register("actors", api_views.ActorViewSet, basename="actor")
api_router.register("themes", api_views.ThemeViewSet, basename="theme")
api_router.register("events", api_views.EventViewSet, basename="event")
api_router.register("authors", api_views.AuthorViewSet, basename="author")
api_router.register("publications", api_views.PublicationViewSet, basename="publication")

api_patterns = [
    path("openapi.json", api_views.SchemaView.as_view(), name="schema"),
    path("docs/", api_views.DocsView.as_view(), name="docs"),
    path("claimreview/", api_views.ClaimReviewFeedView.as_view(), name="claimreview"),
    *api_router.urls,
    re_path(r"^[\s\S]*$", api_http.not_found),  # any rest of the path, newlines too
]

unprefixed_urlpatterns = [
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    path("sitemap-<section>.xml", sitemap, {"sitemaps": sitemaps.SITEMAPS}, name="sitemap-section"),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
    path("data/", include((data_patterns, "data"))),
    path("api/v1/", include((api_patterns, "api"))),
]
