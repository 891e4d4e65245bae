"""Emptying this test process's caches without touching another xdist worker's keys."""

from django.core.cache import caches


def clear_own_keys(alias="default"):
    """All of a per-process memory cache; in Redis, only the keys under this process's
    prefix (``cache.clear()`` would FLUSHDB, other workers' keys too)."""
    cache = caches[alias]
    if "redis" not in type(cache).__module__:
        cache.clear()
        return
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(match=f"{cache.key_prefix}:*", count=1000))
    if keys:
        client.delete(*keys)
