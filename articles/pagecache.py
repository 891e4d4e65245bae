"""When cached pages stop being true: the generation and the next scheduled go-live.

``kzportal.pagecache`` keys every cached page by ``current_generation()``, read
at the start of the request. Any editorial write bumps the generation inside
its own transaction (signals below for ordinary saves and deletes; ``bump()``
for bulk writes and ``QuerySet.update()``), so a page rendered from older data
can only ever be stored under an older key. A scheduled article going live
changes pages without any write: pages are kept no longer than until the next
``live_from`` still to come (``seconds_until_next_go_live``).

Which writes count: every model of ``articles``, ``actors`` and ``images`` (lead
images, portraits: their alt text and credits are on the pages) and taggit's
tags, except the search index (kept in step by the same saves), history rows,
used comment-form tokens, link-check results (staff only), and reader comments
that are still pending (readers cannot see them; approving one is a write that
counts). Reader votes (``ratings``) do not bump the generation: each vote would
empty the whole cache. A page's rating summary is a hole instead (below).

**Holes**: what a cached page or part of a page holds that differs per reader or
per vote. Before storing, ``punch_holes`` replaces the CSRF token, the comment
form's single-use token and the rating summary by placeholders; ``fill_holes``
puts in fresh tokens and the summary as it is now (one query) for each reader.
So a vote shows at once on every app server's cached copies, each with its own
per-process cache, and nothing needs to be forgotten.
"""

import hashlib
import logging
import re
import threading
import time

from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

WATCHED_APPS = {"articles", "actors", "images", "taggit"}
# Derived rows written in bulk by services that bump once themselves (mention
# recounts); leaving them unwatched also keeps Django's fast bulk deletes.
IGNORED_MODELS = {"searchentry", "searchword", "searchactor", "usedformtoken", "pagegeneration", "articleactor", "linkcheck"}

_local = threading.local()
logger = logging.getLogger("kzportal.pagecache")


def current_generation() -> int:
    """The generation now (one indexed read; 0 before the first write). Inside a request
    (``request_started``…``request_finished``) it is read once and remembered."""
    remembered = getattr(_local, "generation", None)
    if remembered is not None:
        return remembered
    value = _read_generation()
    if getattr(_local, "in_request", False):
        _local.generation = value
    return value


def _read_generation() -> int:
    from articles.models import PageGeneration

    table = connection.ops.quote_name(PageGeneration._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {table} WHERE id = 1")  # noqa: S608 (a table name, not input)
        row = cursor.fetchone()
    return row[0] if row else 0


def bump() -> None:
    """Make every cached page stale. Call inside the writer's transaction."""
    from django.db.models import F

    from articles.models import PageGeneration

    if getattr(_local, "paused", False):
        return
    _local.generation = None  # this request's writes are visible to its own later reads
    if not PageGeneration.objects.filter(pk=1).update(value=F("value") + 1):
        with transaction.atomic():  # the row is made by migration 0006, unless a test emptied the table
            PageGeneration.objects.get_or_create(pk=1, defaults={"value": 1})


class paused:
    """``with pagecache.paused():`` bulk loaders (the launch loader, the benchmark's data
    builder) skip the per-save bump and call ``bump()`` once at the end."""

    def __enter__(self):
        self._outer = getattr(_local, "paused", False)
        _local.paused = True

    def __exit__(self, exc_type, exc, tb):
        _local.paused = self._outer
        if exc_type is None:  # a failed write rolls back and changes no page
            bump()


def seconds_until_next_go_live(now=None) -> float | None:
    """Seconds until the next scheduled article goes live, or None if none is scheduled."""
    from articles.models import Article

    now = now or timezone.now()
    upcoming = (
        Article.objects.filter(status=Article.Status.PUBLISHED, live_from__gt=now)
        .order_by("live_from")
        .values_list("live_from", flat=True)
        .first()
    )
    return None if upcoming is None else max((upcoming - now).total_seconds(), 0.0)


def cache_get(cache, key):
    """``cache.get`` that treats a cache that is down (Redis unreachable) as a miss."""
    try:
        return cache.get(key)
    except Exception:  # noqa: BLE001 - any backend error: serve uncached rather than fail
        logger.warning("cache unavailable: serving without it", exc_info=True)
        return None


def cache_set(cache, key, value, timeout):
    try:
        cache.set(key, value, timeout)
    except Exception:  # noqa: BLE001 - any backend error: the page was served, nothing is kept
        logger.warning("cache unavailable: nothing kept", exc_info=True)


# Values ``remember(..., held=True)`` also keeps in this process: {(name, language): (generation,
# deadline on the monotonic clock, value)}, one per name and language.
_held = {}


def remember(name: str, compute, *, longest: int = 3600, per_language: bool = False, held: bool = False):
    """``compute()``, kept in the cache until the next editorial write or scheduled
    go-live: for counts and rankings that read every article (facets, hub counts,
    co-mentions, related articles), one copy per language. One query to check (the
    generation, once per request).

    ``held``: also kept in this process until then, for a large value every request of
    a page reads whole (the list's facets: every author and publication). Read from the
    cache, each request unpickled its own copy, which the filter's reference cycles kept
    alive until Python's next full collection: at 100,000 articles a worker's memory
    grew by 1.2 MiB per list request between collections. Held, the worker's requests
    share one copy (one more query, the next go-live, when another worker made it)."""
    from django.core.cache import cache
    from django.utils import translation

    # ``per_language``: the kept value carries names (themes, actors, claims) in the reader's language.
    language = f"{translation.get_language() or 'en'}:" if per_language else ""
    generation = current_generation()
    # Within one request a value is made at most once, whatever the cache does: the
    # sitemap index asks for its sizes twice per section, and with the cache down (or
    # slow to store) each ask recomputed them.
    this_request = getattr(_local, "remembered", None)
    if this_request is not None and (name, language, generation) in this_request:
        return this_request[name, language, generation]
    if held:
        kept = _held.get((name, language))
        if kept is not None and kept[0] == generation and kept[1] > time.monotonic():
            return kept[2]
    key = f"kz:{name}:{language}{generation}"
    value = cache_get(cache, key)
    timeout = None
    if value is None:
        value = compute()
        timeout = keep_for(longest)
        if timeout > 0:
            cache_set(cache, key, value, timeout)
    if held:
        timeout = keep_for(longest) if timeout is None else timeout
        if timeout > 0:
            _held[name, language] = (generation, time.monotonic() + timeout, value)
    if this_request is not None:
        this_request[name, language, generation] = value
    return value


def keep_for(longest):
    """Seconds a page or value made now stays true: ``longest``, or less if a piece goes
    live sooner (the one rule for the page cache and ``remember``)."""
    next_live = seconds_until_next_go_live()
    return longest if next_live is None else min(longest, int(next_live))


def forget_held():
    """Drop what ``remember(..., held=True)`` keeps in this process (the tests, which roll
    the generation back with the data, empty it with the caches)."""
    _held.clear()


def _request_started(**kwargs):
    _local.in_request = True
    _local.generation = None
    _local.remembered = {}


def _request_finished(**kwargs):
    _local.in_request = False
    _local.generation = None
    _local.remembered = None


def _counts(sender) -> bool:
    meta = sender._meta
    if meta.app_label not in WATCHED_APPS or meta.model_name in IGNORED_MODELS:
        return False
    return not meta.model_name.startswith("historical")


def _on_save(sender, instance, created=False, raw=False, **kwargs):
    if raw or not _counts(sender):
        return
    if created and sender._meta.model_name == "comment" and instance.status != "approved":
        return  # a reader's new comment waits for moderation: no page changes yet
    bump()


def _on_delete(sender, instance, **kwargs):
    if _counts(sender):
        bump()


def _on_m2m(sender, action, **kwargs):
    if action.startswith("post_") and _counts(sender):
        bump()


def connect():
    from django.apps import apps
    from django.core.signals import request_finished, request_started

    request_started.connect(_request_started, dispatch_uid="pagecache_request_started")
    request_finished.connect(_request_finished, dispatch_uid="pagecache_request_finished")
    for model in apps.get_models(include_auto_created=True):
        if not _counts(model):
            continue
        uid = model._meta.label_lower
        if model._meta.auto_created:  # an m2m table without a model of its own
            m2m_changed.connect(_on_m2m, sender=model, dispatch_uid=f"pagecache_m2m_{uid}")
        else:
            post_save.connect(_on_save, sender=model, dispatch_uid=f"pagecache_save_{uid}")
            post_delete.connect(_on_delete, sender=model, dispatch_uid=f"pagecache_delete_{uid}")


def page_key(full_path: str, generation: int | None = None) -> str:
    """The page cache's key for a path with its query string (``kzportal.pagecache``)."""
    digest = hashlib.blake2b(full_path.encode(), digest_size=16).hexdigest()
    return f"page:{current_generation() if generation is None else generation}:{digest}"


# -- holes: the per-reader and per-vote parts of cached HTML --------------------------

CSRF_HOLE = b"@@kz-csrf-token@@"
FORM_HOLE = b"@@kz-form-token:%d@@"
RATING_HOLE = rb"@@kz-rating:\2@@"
CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
FORM_HOLE_RE = re.compile(rb"@@kz-form-token:(\d+)@@")
# ``{% rating_summary %}``'s paragraph: its text changes with every vote.
RATING_SUMMARY = re.compile(rb'(<p class="rating-summary" data-article="(\d+)">)[^<]*(</p>)')
RATING_HOLE_RE = re.compile(rb"@@kz-rating:(\d+)@@")
# The comment form's single-use token field (auto_id "comment_%s"), in whatever attribute order.
COMMENT_TOKEN_INPUT = re.compile(rb'<input\b[^>]*\bid="comment_token"[^>]*>')


def messages_waiting(request) -> bool:
    """Whether the request brings messages to show once (their cookie): such a page is
    this reader's alone."""
    return "messages" in request.COOKIES or "__Host-messages" in request.COOKIES


def record_form_token(request, article_pk: int, token: str) -> None:
    """Called where a comment form is rendered: the page holds this per-reader token."""
    if request is not None:
        request.__dict__.setdefault("_kz_form_tokens", []).append((article_pk, token))


def punch_holes(request, body: bytes) -> tuple[bytes, bool, dict[bytes, bytes]]:
    """``body`` with per-reader tokens and rating summaries replaced by placeholders,
    whether it had any, and the summaries it held (as ``rating_fills`` gives them: the
    HTML was rendered just now, so they need not be read again)."""
    holes = False
    ratings = {}
    if b'name="csrfmiddlewaretoken"' in body:
        body, count = CSRF_FIELD.subn(rb"\1" + CSRF_HOLE + rb"\2", body)
        holes = holes or bool(count)
    for article_pk, token in request.__dict__.get("_kz_form_tokens", ()):
        encoded = token.encode()
        if encoded in body:
            body = body.replace(encoded, FORM_HOLE % article_pk)
            holes = True
    if b'class="rating-summary"' in body:
        for match in RATING_SUMMARY.finditer(body):
            ratings[b"@@kz-rating:" + match.group(2) + b"@@"] = body[match.end(1):match.start(3)]
        body, count = RATING_SUMMARY.subn(rb"\1" + RATING_HOLE + rb"\3", body)
        holes = holes or bool(count)
    return body, holes, ratings


def unreplaced_comment_token(body: bytes) -> bool:
    """Whether the HTML shows a comment form whose token is not a placeholder (rendered
    without ``{% comment_form_for %}``, so it was never recorded): such HTML is per reader."""
    return any(b"@@kz-form-token:" not in field for field in COMMENT_TOKEN_INPUT.findall(body))


def rating_fills(body: bytes) -> dict[bytes, bytes]:
    """The current summary for each rating hole in ``body`` (one query per rated article:
    a page has one)."""
    from articles.ratings.services import summary_html

    return {
        match.group(0): summary_html(int(match.group(1))).encode()
        for match in RATING_HOLE_RE.finditer(body)
    }


def fill_holes(request, body: bytes, ratings: dict[bytes, bytes] | None = None) -> bytes:
    """``body`` with fresh tokens for this reader and the rating summaries as they are
    now (``ratings``: from ``rating_fills``, if the caller already needed them)."""
    from django.middleware.csrf import get_token

    from articles.comments.forms import make_form_token

    if CSRF_HOLE in body:
        body = body.replace(CSRF_HOLE, get_token(request).encode())
    if b"@@kz-rating:" in body:
        for hole, text in (ratings if ratings is not None else rating_fills(body)).items():
            body = body.replace(hole, text)
    if b"@@kz-form-token:" in body:

        def issue(match):
            article_pk = int(match.group(1))
            token = make_form_token(_ArticleKey(article_pk))
            record_form_token(request, article_pk, token)  # a page cache below may keep this HTML too
            return token.encode()

        body = FORM_HOLE_RE.sub(issue, body)
    return body


class _ArticleKey:
    """What ``make_form_token`` needs of an article: its primary key."""

    def __init__(self, pk):
        self.pk = pk
