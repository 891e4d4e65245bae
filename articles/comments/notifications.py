"""
Moderator mail for new pending comments.

Who is told: active users in the Moderators group who have an email address.
Editors are not mailed (they can moderate, but the queue is the Moderators'
job, and editors would otherwise get every comment); if there are no such
moderators, ``settings.MANAGERS`` are told instead, so a comment never waits
unseen.

Queued from ``transaction.on_commit`` once the comment is stored and sent by
the task worker (``tasks.mail_moderators``), so no reader ever waits on the
mail server; a failing mail server is logged and the task retried. The comment
is already committed and the reader already has their confirmation. The reader's email address is not
put in the mail; moderators see it in the admin.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse

from articles.models import Comment

logger = logging.getLogger(__name__)

MODERATORS_GROUP = "Moderators"


def moderator_addresses() -> list[str]:
    addresses = list(
        get_user_model()
        .objects.filter(groups__name=MODERATORS_GROUP, is_active=True)
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )
    if not addresses:
        addresses = [email for _name, email in getattr(settings, "MANAGERS", [])]
    return addresses


def _one_line(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def notify_moderators(*, comment_id: int, base_url: str = "", raise_errors: bool = False) -> bool:
    """Mail the moderators about a new pending comment. True if a mail went out.

    ``raise_errors`` (the task) lets a failure propagate so the queue retries it.
    """
    try:
        comment = Comment.objects.select_related("article").get(pk=comment_id)
        recipients = moderator_addresses()
        if not recipients:
            logger.warning("Comment %s awaits moderation but no moderator has an email address.", comment_id)
            return False
        change_url = base_url + reverse("admin:articles_comment_change", args=[comment.pk])
        queue_url = base_url + reverse("admin:articles_comment_changelist") + "?status__exact=pending"
        subject = _one_line(f"[{settings.KZ_SITE_NAME}] Comment awaiting moderation on “{comment.article.title}”", 150)
        lines = [
            f"A reader comment on “{comment.article.title}” awaits moderation.",
            "",
            f"Name: {_one_line(comment.name, 80)}",
            f"Likely spam: {comment.spam_reasons}" if comment.spam_reasons else "Spam signals: none",
            "",
            _one_line(comment.body, 500),
            "",
            f"Review it: {change_url}",
            f"All pending comments: {queue_url}",
        ]
        send_mail(subject, "\n".join(lines), None, recipients, fail_silently=False)
    except Exception:  # a broken mail server must never lose or block a comment
        logger.exception("Could not notify moderators about comment %s.", comment_id)
        if raise_errors:
            raise
        return False
    return True
