"""
The public page cache and the HTTP behaviour of public responses.

``PageCacheMiddleware`` sits inside sessions, CSRF, authentication and
messages (so those have read their cookies) and does four things:

1. **Serve anonymous GETs of public pages from the cache** (the ``pages``
   cache: per-process memory by default, Redis with ``REDIS_URL`` so every app
   server shares it). Never for staff or anyone with a session cookie, never
   for a request carrying messages, never for ``/admin/`` and the health
   endpoints, and only 200 responses that set no cookie and added no message.
2. **Never stale**: the key holds the generation read at the start of the
   request (``articles.pagecache``: bumped inside every editorial write's
   transaction), and an entry lives no longer than until the next scheduled
   article goes live.
3. **Per-reader form tokens stay per reader**: a page with the comment form is
   stored with its CSRF and single-use form tokens (and its rating summary, which
   any vote changes) replaced by placeholders (``articles.pagecache`` "holes"),
   and every reader gets freshly issued ones when it is served (such pages are
   ``Cache-Control: private``: a shared cache in front must not keep them).
4. **HTTP**: an ``ETag`` on every public response and ``304 Not Modified`` for
   ``If-None-Match`` (and ``If-Modified-Since`` where the view sets
   ``Last-Modified``, e.g. feeds); brotli or gzip for HTML, feeds, sitemaps,
   JSON and text when the client accepts it (compressed once per cached entry);
   ``Cache-Control: public, max-age=60, stale-while-revalidate=300`` for
   public pages (a CDN in front may keep them that long); for anything personal
   ``private, no-cache`` (a session: staff or anyone logged in; no shared cache
   keeps it, the browser asks again each time) or ``private, no-store`` (a page
   with messages, and previews, which their view marks so itself).
"""

from __future__ import annotations

import gzip
import hashlib

from django.conf import settings
from django.core.cache import caches
from django.utils.cache import get_conditional_response, patch_vary_headers

from articles import pagecache

try:  # optional: brotli is in requirements.txt, but gzip alone is a complete answer
    import brotli
except ImportError:  # pragma: no cover
    brotli = None

PUBLIC_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300"
FORM_PAGE_CACHE_CONTROL = "private, no-cache"
PERSONAL_CACHE_CONTROL = "private, no-store"  # messages (shown once), previews
SESSION_CACHE_CONTROL = "private, no-cache"  # a logged-in reader's or editor's copy of a public page
COMPRESSIBLE = ("text/", "application/xml", "application/rss+xml", "application/atom+xml", "application/json",
                "application/ld+json", "image/svg+xml")
MIN_COMPRESS_BYTES = 200
EXCLUDED_PREFIXES = ("/admin/", "/healthz", "/readyz", "/csp-report/", "/static/")
# Headers the cache stores with a page (the rest are set per response).
NOT_STORED = {"set-cookie", "content-length", "content-encoding", "etag", "vary", "cache-control"}


def _personal(request) -> bool:
    """A session (staff, or anyone logged in) or messages waiting: never shared."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES or pagecache.messages_waiting(request)


def _public_request(request) -> bool:
    return (
        request.method == "GET"
        and not request.path.startswith(EXCLUDED_PREFIXES)
        and not _personal(request)
    )


def _has_messages(request) -> bool:
    storage = getattr(request, "_messages", None)
    return bool(storage is not None and (storage._queued_messages or getattr(storage, "used", False)))


def _compressible(content_type: str) -> bool:
    return content_type.split(";")[0].strip().startswith(COMPRESSIBLE)


def _accepted(request) -> str:
    accept = request.META.get("HTTP_ACCEPT_ENCODING", "").lower()
    if brotli is not None and "br" in {part.split(";")[0].strip() for part in accept.split(",")}:
        return "br"
    return "gzip" if "gzip" in accept else ""


def _compress(body: bytes, coding: str, *, kept: bool = False) -> bytes:
    """``kept``: compressed once for every reader of a cached entry, so worth the slower,
    smaller levels. A body made for one reader (a page with holes, an uncached page) is
    compressed on every request: for the 24 KB article page, gzip 4 and brotli 3 took
    0.30 and 0.16 ms against 0.53 and 0.37 ms, for 2 % and 12 % more bytes."""
    if coding == "br":
        return brotli.compress(body, quality=5 if kept else 3)
    return gzip.compress(body, compresslevel=6 if kept else 4, mtime=0)


class Entry:
    """One cached page: status, headers, the body (with holes), its ETag and compressed forms."""

    __slots__ = ("headers", "body", "etag", "holes", "encoded")

    def __init__(self, headers, body, holes):
        self.headers = headers
        self.body = body
        self.holes = holes
        digest = hashlib.blake2b(body, digest_size=12).hexdigest()
        self.etag = f'W/"{digest}"' if holes else f'"{digest}"'
        self.encoded = {}

    def precompress(self):
        """Both compressed forms, made once before the entry is shared through the cache
        (a page served without the cache is compressed only as its reader asks: making
        both took 1-3 ms of every uncached request)."""
        content_type = dict(self.headers).get("Content-Type", "")
        if not self.holes and len(self.body) >= MIN_COMPRESS_BYTES and _compressible(content_type):
            self.encoded["gzip"] = _compress(self.body, "gzip", kept=True)
            if brotli is not None:
                self.encoded["br"] = _compress(self.body, "br", kept=True)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _public_request(request):
            response = self.get_response(request)
            if request.method in ("GET", "HEAD") and _personal(request) and not response.has_header("Cache-Control"):
                messages = _has_messages(request) or pagecache.messages_waiting(request)
                response["Cache-Control"] = PERSONAL_CACHE_CONTROL if messages else SESSION_CACHE_CONTROL
            return response

        cache = key = None
        if settings.KZ_PAGE_CACHE:
            cache = caches[settings.KZ_PAGE_CACHE_ALIAS]
            key = pagecache.page_key(request.get_full_path())
            entry = pagecache.cache_get(cache, key)
            if entry is not None:
                request.kz_page_cache = "hit"
                return self._respond(request, entry)
        response = self.get_response(request)
        entry, ratings = self._entry(request, response)
        if entry is None:
            return response
        if cache is not None:
            request.kz_page_cache = "miss"
            timeout = pagecache.keep_for(settings.KZ_PAGE_CACHE_SECONDS)
            # A single-use comment token we could not replace by a placeholder must never be
            # shared. (Other forms' tokens, e.g. the rating form's, are the same for every
            # reader by design and may be shared.)
            if timeout > 0 and not pagecache.unreplaced_comment_token(entry.body):
                entry.precompress()
                pagecache.cache_set(cache, key, entry, timeout)
        # This reader's own copy was rendered just now: its tokens and rating stand.
        return self._respond(request, entry, rendered=(response.content, ratings))

    def _entry(self, request, response):
        """(entry, rating summaries it held) for a public 200 response; (None, None) if it is
        not public or not cacheable."""
        if (
            response.status_code != 200
            or response.streaming
            or response.cookies
            or response.has_header("Cache-Control")
            or response.has_header("Content-Encoding")
            or _has_messages(request)
            or getattr(request, "user", None) is not None and request.user.is_authenticated
        ):
            return None, None
        body, holes, ratings = pagecache.punch_holes(request, response.content)
        headers = [(k, v) for k, v in response.items() if k.lower() not in NOT_STORED]
        return Entry(headers, body, holes), ratings

    def _respond(self, request, entry, *, rendered=None):
        """The response for ``entry``; ``rendered``: (body, rating summaries) of this
        request's own rendering, served as it is rather than filled again."""
        from django.http import HttpResponse

        response = HttpResponse(status=200)
        for name, value in entry.headers:
            response[name] = value
        etag = entry.etag
        ratings = {}
        if entry.holes:  # just rendered: the summaries it held; from the cache: read them now
            ratings = rendered[1] if rendered is not None else pagecache.rating_fills(entry.body)
        if ratings:  # the same page with another average is another version of it
            etag = etag[:-1] + "-" + hashlib.blake2b(b"".join(ratings.values()), digest_size=6).hexdigest() + '"'
        response["ETag"] = etag
        response["Cache-Control"] = FORM_PAGE_CACHE_CONTROL if entry.holes else PUBLIC_CACHE_CONTROL
        last_modified = response.get("Last-Modified")
        conditional = get_conditional_response(
            request,
            etag=etag,
            last_modified=_timestamp(last_modified) if last_modified else None,
            response=response,
        )
        if conditional is not response:
            return conditional
        if rendered is not None:
            body = rendered[0]
        else:
            body = pagecache.fill_holes(request, entry.body, ratings) if entry.holes else entry.body
        content_type = response.get("Content-Type", "")
        if _compressible(content_type) and len(body) >= MIN_COMPRESS_BYTES:
            patch_vary_headers(response, ("Accept-Encoding",))
            coding = _accepted(request)
            if coding:
                body = entry.encoded.get(coding) or _compress(body, coding)
                response["Content-Encoding"] = coding
        response.content = body
        return response


def _timestamp(value: str):
    from django.utils.http import parse_http_date_safe

    return parse_http_date_safe(value)

