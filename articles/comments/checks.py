"""System checks: a malformed ``KZ_COMMENT_RATE`` stops the site at start-up;
a rate limit held in one process's memory is a warning in production."""

from django.conf import settings
from django.core.checks import Error, Warning, register
from django.core.exceptions import ImproperlyConfigured

from .ratelimit import DEFAULT_RATE, parse_rate


@register()
def check_comment_rate(app_configs=None, **kwargs):
    value = getattr(settings, "KZ_COMMENT_RATE", DEFAULT_RATE)
    try:
        parse_rate(value)
    except ImproperlyConfigured as error:
        return [
            Error(
                str(error),
                hint="Set the KZ_COMMENT_RATE environment variable to e.g. 5/10m, or unset it.",
                id="kzportal.E001",
            )
        ]
    return []


PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(deploy=True)
def check_rate_limit_store(app_configs=None, **kwargs):
    """With DEBUG off the site runs several workers (gunicorn), each with its own
    memory cache: a client would get the limit once per worker, and more with
    several servers. Deploy-only, so `make check` on a laptop stays quiet."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if settings.DEBUG or backend not in PER_PROCESS_CACHES:
        return []
    return [
        Warning(
            "The comment rate limit is kept in a per-process cache: each worker (and each server) "
            "counts separately, so a client gets KZ_COMMENT_RATE once per worker.",
            hint="Set REDIS_URL so every worker and server shares one count.",
            id="kzportal.W002",
        )
    ]
