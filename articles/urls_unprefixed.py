"""The public routes that have one address in every language: robots.txt and the
sitemap (which lists each page in all three languages)."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from .pages import sitemaps

urlpatterns = [
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps.SITEMAPS}, name="sitemap"),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
]
