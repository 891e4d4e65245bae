"""URL patterns for the reference pages: actors, themes, authors, publications,
claims and the timeline.

``kzportal/urls.py`` includes each list under its path and namespace:

    actor_patterns        /actors/         namespace "actors"        (needs "detail": <slug>)
    theme_patterns        /themes/         namespace "themes"        (needs "detail": <slug>)
    author_patterns       /authors/        namespace "authors"       (needs "detail": <slug>)
    publication_patterns  /publications/   namespace "publications"  (needs "detail": <slug>)
    claim_patterns        /claims/         namespace "claims"        (needs "detail": <slug>, id or slug)
    timeline_patterns     /timeline/       no namespace              (needs "timeline": "")

Routes are relative to those prefixes, e.g. ``path("<slug:slug>/", view, name="detail")``.
Theme slugs come from django-taggit, which keeps letters of any script
("қаңтар-оқиғалары"), so theme routes use the ``uslug`` converter registered here.
"""

from django.urls import path, register_converter

from . import reference_views as views


class UnicodeSlugConverter:
    """A slug of letters and digits in any script, hyphens and underscores."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(UnicodeSlugConverter, "uslug")

actor_patterns = [
    path("", views.ActorListView.as_view(), name="list"),
    path("<slug:slug>/", views.ActorDetailView.as_view(), name="detail"),
]
theme_patterns = [
    path("", views.ThemeListView.as_view(), name="list"),
    path("<uslug:slug>/", views.ThemeDetailView.as_view(), name="detail"),
]
author_patterns = [
    path("<slug:slug>/", views.AuthorDetailView.as_view(), name="detail"),
]
publication_patterns = [
    path("<slug:slug>/", views.PublicationDetailView.as_view(), name="detail"),
]
claim_patterns = [
    path("", views.ClaimListView.as_view(), name="list"),
    # A slug, or a numeric id that redirects to the slug address.
    path("<slug:slug>/", views.ClaimDetailView.as_view(), name="detail"),
]
timeline_patterns = [
    path("", views.TimelineView.as_view(), name="timeline"),
]
