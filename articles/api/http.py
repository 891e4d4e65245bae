"""What every ``/api/v1/`` response shares: HTTP caching (ETag, Last-Modified, 304,
Cache-Control), CORS for reading, the anonymous rate limit held in the shared cache,
cursor pagination by stable id, and JSON bodies for every error.
"""

import hashlib
import logging

from django.conf import settings
from django.http import Http404, JsonResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.pagination import CursorPagination
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import exception_handler

from kzportal.clientaddr import client_address

logger = logging.getLogger(__name__)

MAX_AGE = 300  # seconds a client or shared cache may reuse a response without asking again
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Retry-After",
    "Access-Control-Max-Age": "86400",
}


class AnonymousRateThrottle(SimpleRateThrottle):
    """``settings.KZ_API_RATE`` requests per client, counted in the Django cache (Redis
    when ``REDIS_URL`` is set, so every app server shares the count). The client is
    ``kzportal.clientaddr.client_address`` (``X-Forwarded-For`` only from trusted
    proxies). A cache that is down lets requests through and logs it, as the comment
    rate limit does."""

    scope = "api-anonymous"

    def get_rate(self):
        return settings.KZ_API_RATE

    def get_cache_key(self, request, view):
        return f"kz:api-rate:{self.rate}:{client_address(request)}"

    def allow_request(self, request, view):
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        try:
            return super().allow_request(request, view)
        except Exception as error:  # the cache is unavailable: fail open
            logger.warning("API rate limit not applied, the cache is unavailable: %s: %s",
                           type(error).__name__, error)
            return True

    def wait(self):
        # Retry-After is whole seconds, at least one.
        remaining = super().wait()
        return None if remaining is None else max(1, int(remaining + 0.999))


class IdCursorPagination(CursorPagination):
    """Opaque cursors over the stable ``id``, oldest first: pages never shift when new
    objects appear, so a harvester can walk everything and later ask for ``updated_since``."""

    ordering = "id"
    page_size = 50
    page_size_query_param = "limit"
    max_page_size = 200
    invalid_cursor_message = _("That cursor is not valid: follow the “next” and “previous” links as given.")

    def decode_cursor(self, request):
        """A cursor this API did not issue is a bad parameter (400), not a missing page."""
        try:
            return super().decode_cursor(request)
        except exceptions.NotFound as error:
            raise exceptions.ValidationError({self.cursor_query_param: [str(self.invalid_cursor_message)]}) from error


def json_exception_handler(exc, context):
    """DRF's handler, with every error body shaped ``{"status": N, "detail": "..."}``
    (field errors of a bad filter under ``"errors"``), plus the CORS and no-store headers."""
    response = exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    body = {"status": response.status_code}
    if isinstance(data, dict) and set(data) == {"detail"}:
        body["detail"] = str(data["detail"])
    else:
        body["detail"] = str(_("Some parameters were not understood."))
        body["errors"] = data
    response.data = body
    if isinstance(exc, exceptions.Throttled):
        body["detail"] = str(_("Too many requests: please wait before asking again."))
    response["Cache-Control"] = "no-store"
    return response


def _weak_etag(content: bytes) -> str:
    return 'W/"' + hashlib.blake2b(content, digest_size=16).hexdigest() + '"'


class ApiViewMixin:
    """Mixed into every API view. After a successful GET: a weak ``ETag`` over the
    body, ``Last-Modified`` when the view knows one (``last_modified(data)``), a
    304 for a matching ``If-None-Match``/``If-Modified-Since``, ``Cache-Control``
    and CORS headers on everything, errors included."""

    def options(self, request, *args, **kwargs):
        """A CORS preflight: no body, just the headers."""
        from rest_framework.response import Response

        return Response(status=204)

    def last_modified(self, data):
        return None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        for name, value in CORS_HEADERS.items():
            response[name] = value
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            response.setdefault("Cache-Control", "no-store")
            return response
        response.render()
        response["Cache-Control"] = f"public, max-age={MAX_AGE}"
        response["Vary"] = "Accept-Encoding"
        etag = _weak_etag(response.content)
        response["ETag"] = etag
        modified = self.last_modified(getattr(response, "data", None))
        if modified is not None:
            response["Last-Modified"] = http_date(modified.timestamp())
        conditional = get_conditional_response(
            request._request if hasattr(request, "_request") else request,
            etag=etag,
            last_modified=int(modified.timestamp()) if modified is not None else None,
            response=response,
        )
        if conditional is not response:
            for name in ("Cache-Control", "Vary", *CORS_HEADERS):
                conditional[name] = response[name]
        return conditional


def latest_of(items, field="updated_at"):
    """The latest ``field`` (an ISO datetime string) among serialised ``items``, as a datetime."""
    from django.utils.dateparse import parse_datetime

    stamps = [parse_datetime(item[field]) for item in items if isinstance(item, dict) and item.get(field)]
    stamps = [stamp for stamp in stamps if stamp is not None]
    return max(stamps) if stamps else None


def not_found(request, *args, **kwargs):
    """A JSON 404 for any address under ``/api/v1/`` that names no endpoint."""
    response = JsonResponse({"status": 404, "detail": str(_("There is no such API endpoint."))}, status=404)
    for name, value in CORS_HEADERS.items():
        response[name] = value
    response["Cache-Control"] = "no-store"
    return response


__all__ = ["ApiViewMixin", "AnonymousRateThrottle", "IdCursorPagination", "Http404", "not_found"]
