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
empty the whole cache. A vote forgets only the cached copies of its article's page,
in every language (``forget_pages``), after it commits.
"""

import hashlib
import logging
import threading

from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

WATCHED_APPS = {"articles", "actors", "images", "taggit"}
# Derived rows written in bulk by services that bump once themselves (mention
# recounts); leaving them unwatched also keeps Django's fast bulk deletes.
IGNORED_MODELS = {"searchentry", "searchword", "usedformtoken", "pagegeneration", "articleactor", "linkcheck"}

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


def remember(name: str, compute, *, longest: int = 3600, per_language: bool = False):
    """``compute()``, kept in the cache until the next editorial write or scheduled
    go-live: for counts and rankings that read every article (facets, hub counts,
    co-mentions, related articles), one copy per language. One query to check (the
    generation, once per request)."""
    from django.core.cache import cache
    from django.utils import translation

    # ``per_language``: the kept value carries names (themes, actors, claims) in the reader's language.
    language = f"{translation.get_language() or 'en'}:" if per_language else ""
    key = f"kz:{name}:{language}{current_generation()}"
    value = cache_get(cache, key)
    if value is None:
        value = compute()
        timeout = longest
        next_live = seconds_until_next_go_live()
        if next_live is not None:
            timeout = min(timeout, int(next_live))
        if timeout > 0:
            cache_set(cache, key, value, timeout)
    return value


def _request_started(**kwargs):
    _local.in_request = True
    _local.generation = None


def _request_finished(**kwargs):
    _local.in_request = False
    _local.generation = None


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


def forget_pages(paths) -> None:
    """Drop the cached copies of these pages (a reader's vote changes one article's
    page, not the site): the next reader of each gets it freshly rendered."""
    from django.conf import settings
    from django.core.cache import caches

    if not settings.KZ_PAGE_CACHE:
        return
    cache = caches[settings.KZ_PAGE_CACHE_ALIAS]
    generation = current_generation()
    try:
        cache.delete_many([page_key(path, generation) for path in paths])
    except Exception:  # noqa: BLE001 - cache down: nothing is cached to be stale either
        logger.warning("cache unavailable: nothing to forget", exc_info=True)
