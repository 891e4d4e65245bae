"""``/api/v1/``: the resources, the ClaimReview feed, the OpenAPI schema and its docs page.
Included from ``articles/urls.py`` (the "api" block) under the namespace ``api``."""

from django.urls import path, re_path
from rest_framework.routers import SimpleRouter

from . import http, views

router = SimpleRouter()
router.register("articles", views.ArticleViewSet, basename="article")
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("citations", views.CitationViewSet, basename="citation")
router.register("actors", views.ActorViewSet, basename="actor")
router.register("themes", views.ThemeViewSet, basename="theme")
router.register("events", views.EventViewSet, basename="event")
router.register("authors", views.AuthorViewSet, basename="author")
router.register("publications", views.PublicationViewSet, basename="publication")

urlpatterns = [
    path("openapi.json", views.SchemaView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(), name="docs"),
    path("claimreview/", views.ClaimReviewFeedView.as_view(), name="claimreview"),
    *router.urls,
    re_path(r"^[\s\S]*$", http.not_found),  # any rest of the path, newlines too
]
