"""
Per-client comment rate limit, held in the Django cache.

With ``REDIS_URL`` set the cache is shared by every app server, so the limit
holds across processes; the per-process memory cache only limits one process.

``settings.KZ_COMMENT_RATE`` is ``N/<count><unit>``: N comments per period,
the period being ``count`` seconds, minutes, hours or days (``5/10m``: five
comments per ten minutes). The count may be left out (``20/h``).
"""

import dataclasses
import logging
import re

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

DEFAULT_RATE = "5/10m"
UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
logger = logging.getLogger(__name__)
_RATE = re.compile(r"^\s*(?P<limit>\d+)\s*/\s*(?P<count>\d*)\s*(?P<unit>[smhd])\s*$")


@dataclasses.dataclass(frozen=True)
class Rate:
    limit: int
    period: int  # seconds


def parse_rate(value: str) -> Rate:
    """``"5/10m"`` -> Rate(limit=5, period=600); raises ImproperlyConfigured if malformed."""
    match = _RATE.match(value or "")
    if not match:
        raise ImproperlyConfigured(
            f"KZ_COMMENT_RATE={value!r} is not a rate: write N/<count><s|m|h|d>, e.g. {DEFAULT_RATE!r}."
        )
    limit = int(match["limit"])
    period = int(match["count"] or 1) * UNIT_SECONDS[match["unit"]]
    if limit < 1 or period < 1:
        raise ImproperlyConfigured(
            f"KZ_COMMENT_RATE={value!r}: both the number of comments and the period must be at least 1."
        )
    return Rate(limit=limit, period=period)


def configured_rate() -> Rate:
    return parse_rate(getattr(settings, "KZ_COMMENT_RATE", DEFAULT_RATE))


def hit(client_key: str, *, rate: Rate | None = None, scope: str = "comment") -> bool:
    """Count one comment for ``client_key``; False once the client is over its limit.

    Other reader forms (newsletter sign-up, article rating) count their own
    ``scope`` at their own ``rate`` with the same rule.

    The window opens with the client's first comment and lasts one period:
    ``cache.add`` creates the counter with the period as its timeout (atomic),
    later comments ``cache.incr`` it (atomic in Redis and in the memory cache,
    and neither resets the timeout).

    A cache that is down (Redis refused or timed out) fails open: the comment
    is let through, still moderated, and the outage is logged; refusing every
    reader because the counter is unreachable would lose their comments.
    """
    try:
        return _hit(client_key, rate or configured_rate(), scope)
    except Exception as error:
        logger.warning("%s rate limit not applied, the cache is unavailable: %s: %s", scope.capitalize(),
                       type(error).__name__, error)
        return True


def _hit(client_key: str, rate: Rate, scope: str) -> bool:
    key = f"kz:{scope}-rate:{rate.limit}-{rate.period}:{client_key}"
    if cache.add(key, 1, timeout=rate.period):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: a new window
        cache.add(key, 1, timeout=rate.period)
        return True
    return count <= rate.limit
