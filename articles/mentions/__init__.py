"""Actor mentions: ``detect`` (pure counting rules), ``refresh`` (stored rows),
``signals`` (recount after actors or aliases change)."""

from .detect import detect_mentions
from .refresh import article_text, refresh_actor_mentions, refresh_all_actor_mentions

__all__ = ["article_text", "detect_mentions", "refresh_actor_mentions", "refresh_all_actor_mentions"]
