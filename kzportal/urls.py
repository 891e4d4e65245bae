"""The public URL configuration.

Paths are the site's stable public addresses; names are what templates and
``get_absolute_url`` reverse. The reference pages (actors, themes, authors,
publications, claims, timeline) live in ``articles/reference_urls.py``.
"""

from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from articles import feeds, reference_urls, views
from articles.sitemaps import SITEMAPS
from kzportal import csp, twofactor

admin.site.site_header = "kzportal editorial"
admin.site.site_title = "kzportal editorial"
admin.site.index_title = "Commentary, actors, claims and comments"
# Two-factor login (kzportal.twofactor): the login form asks for a TOTP code.
admin.site.login_form = twofactor.OTPAdminAuthenticationForm
admin.site.login_template = "admin/kz_login.html"

article_patterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    path("<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
]

archive_patterns = [
    re_path(r"^(?P<year>[0-9]{4})/$", views.ArticleYearArchiveView.as_view(), name="year"),
    re_path(r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$", views.ArticleMonthArchiveView.as_view(), name="month"),
    re_path(
        r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/(?P<day>[0-9]{2})/$",
        views.ArticleDayArchiveView.as_view(),
        name="day",
    ),
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
    path("admin/two-factor/", admin.site.admin_view(twofactor.enrol), name="kz_two_factor"),
    path("admin/", admin.site.urls),
    path("csp-report/", csp.csp_report, name="csp_report"),
    path("", views.HomeView.as_view(), name="home"),
    path("articles/", include((article_patterns, "articles"))),
    path("actors/", include((reference_urls.actor_patterns, "actors"))),
    path("themes/", include((reference_urls.theme_patterns, "themes"))),
    path("authors/", include((reference_urls.author_patterns, "authors"))),
    path("publications/", include((reference_urls.publication_patterns, "publications"))),
    path("claims/", include((reference_urls.claim_patterns, "claims"))),
    path("timeline/", include(reference_urls.timeline_patterns)),
    path("archive/", include((archive_patterns, "archive"))),
    path("search/", views.SearchView.as_view(), name="search"),
    path("feeds/", include((feed_patterns, "feeds"))),
    path("", include("articles.comments.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]
