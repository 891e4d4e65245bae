"""
Reader comments: submission, abuse resistance, display, feed and moderation.

Nothing a reader writes is public until a moderator approves it
(``articles.comments.services``). Importing the package registers the
``KZ_COMMENT_RATE`` system check, so a malformed rate stops ``manage.py check``
and ``runserver`` instead of failing at request time.
"""

from . import checks  # noqa: F401  (registers the system check)
