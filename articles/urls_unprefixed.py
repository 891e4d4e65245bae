"""The public routes that have one address in every language: robots.txt, the
sitemap index and its sections (which list each page in all three languages), the open data downloads
(``/data/``) and the JSON API (``/api/v1/``), whose field names and values are the
same for every reader."""

from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from .api import urls as api_urls
from .pages import data, sitemaps

data_patterns = [
    path("", data.DataView.as_view(), name="index"),
    path("latest.zip", data.latest_download, name="latest"),
    path("<str:filename>", data.download, name="file"),
]

urlpatterns = [
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    path("sitemap-<section>.xml", sitemap, {"sitemaps": sitemaps.SITEMAPS}, name="sitemap-section"),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
    path("data/", include((data_patterns, "data"))),
    path("api/v1/", include((api_urls.urlpatterns, "api"))),
]
