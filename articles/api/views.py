"""The read-only endpoints under ``/api/v1/``. Each resource is a list (cursor pages,
filters) and a detail by stable id. Every queryset starts from the site's own public
rules (``Article.objects.published()``, ``Citation.objects.public()``) and its named
query plans, so the API shows what the pages show and nothing else.
"""

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView
from rest_framework import serializers as drf
from rest_framework import viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from actors.models import Actor, ActorRelation
from articles.models import Article, Author, Citation, Claim, Event, Publication, Theme

from . import filters, serializers
from .feeds import claim_review_feed
from .http import ApiViewMixin, latest_of


class ErrorSerializer(drf.Serializer):
    status = drf.IntegerField()
    detail = drf.CharField()
    errors = drf.DictField(required=False)


ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="A parameter was not understood."),
    404: OpenApiResponse(ErrorSerializer, description="No such object."),
    429: OpenApiResponse(ErrorSerializer, description="Too many requests; see Retry-After."),
}


def documented(resource, serializer):
    return extend_schema_view(
        list=extend_schema(responses={200: serializer(many=True), 400: ERRORS[400], 429: ERRORS[429]},
                           summary=f"List {resource}", tags=[resource]),
        retrieve=extend_schema(responses={200: serializer, **ERRORS}, summary=f"One of the {resource}",
                               tags=[resource]),
    )


class ResourceViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = "[0-9]{1,18}"

    def last_modified(self, data):
        if not isinstance(data, dict):
            return None
        return latest_of(data["results"]) if "results" in data else latest_of([data])


@documented("articles", serializers.ArticleSerializer)
class ArticleViewSet(ResourceViewSet):
    """Published articles only (``Article.objects.published()``)."""

    serializer_class = serializers.ArticleSerializer
    filterset_class = filters.ArticleFilter

    def get_queryset(self):
        return Article.objects.published().for_api()


@documented("claims", serializers.ClaimSerializer)
class ClaimViewSet(ResourceViewSet):
    """Every claim, with counts over public citations only."""

    serializer_class = serializers.ClaimSerializer
    filterset_class = filters.ClaimFilter

    def get_queryset(self):
        return Claim.objects.for_api()


@documented("citations", serializers.CitationSerializer)
class CitationViewSet(ResourceViewSet):
    """Public citations only (``Citation.objects.public()``): verified, in published articles."""

    serializer_class = serializers.CitationSerializer
    filterset_class = filters.CitationFilter

    def get_queryset(self):
        return Citation.objects.public().select_related("claim", "article")


def _published_count(kind):
    return Article.objects.published().count_per(kind)


@documented("actors", serializers.ActorSerializer)
class ActorViewSet(ResourceViewSet):
    serializer_class = serializers.ActorSerializer
    filterset_class = filters.ActorFilter

    def get_queryset(self):
        return (
            Actor.objects.for_detail()
            .annotate(article_count=_published_count("actor"))
            .prefetch_related(
                Prefetch("relations", queryset=ActorRelation.objects.select_related("object").order_by("kind", "pk"))
            )
        )


@documented("themes", serializers.ThemeSerializer)
class ThemeViewSet(ResourceViewSet):
    serializer_class = serializers.ThemeSerializer
    filterset_class = filters.SlugFilter

    def get_queryset(self):
        return Theme.objects.annotate(article_count=_published_count("theme"))


@documented("events", serializers.EventSerializer)
class EventViewSet(ResourceViewSet):
    serializer_class = serializers.EventSerializer
    filterset_class = filters.EventFilter

    def get_queryset(self):
        return Event.objects.for_timeline().prefetch_related("themes")


@documented("authors", serializers.AuthorSerializer)
class AuthorViewSet(ResourceViewSet):
    """Authors with published commentary or a claim of their own."""

    serializer_class = serializers.AuthorSerializer
    filterset_class = filters.SlugFilter

    def get_queryset(self):
        return Author.objects.annotate(article_count=_published_count("author")).filter(
            Q(article_count__gt=0) | Q(Exists(Claim.objects.filter(claimant_author=OuterRef("pk"))))
        )


@documented("publications", serializers.PublicationSerializer)
class PublicationViewSet(ResourceViewSet):
    """Publications with published commentary."""

    serializer_class = serializers.PublicationSerializer
    filterset_class = filters.SlugFilter

    def get_queryset(self):
        return Publication.objects.annotate(article_count=_published_count("publication")).filter(article_count__gt=0)


class ClaimReviewFeedView(ApiViewMixin, APIView):
    """Every assessed claim as a schema.org ``DataFeed`` of ``ClaimReview`` items, for
    fact-check aggregators."""

    @extend_schema(
        summary="ClaimReview data feed",
        tags=["claims"],
        responses={200: OpenApiResponse({"type": "object"}, description="A schema.org DataFeed."), 429: ERRORS[429]},
    )
    def get(self, request):
        return Response(claim_review_feed(request))


class SchemaView(ApiViewMixin, SpectacularJSONAPIView):
    pass


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from this site's own static files (drf-spectacular-sidecar): the page
    and its start-up script are separate files, so it runs under a CSP without
    'unsafe-inline' (kzportal.csp adds ``script-src 'self'`` for this one path)."""

    template_name = "api/docs.html"
    url_name = "api:schema"
    title = _("kzportal open data API")
