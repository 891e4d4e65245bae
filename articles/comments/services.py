"""
Writes for reader comments. Views, admin actions, the importer and the launch
loader call these; nothing else creates a comment or sets its status.
"""

import functools
import hashlib
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.crypto import salted_hmac

from articles import pagecache
from articles.models import Article, Comment, ModerationDecision

from . import tasks
from .forms import strip_controls
from .models import UsedFormToken
from .spam import spam_reasons


def hash_client_ip(client_ip: str) -> str:
    """A keyed hash (HMAC with SECRET_KEY) of the client address: the address itself is never stored.

    Good enough to recognise a repeat client for rate limits and moderation,
    useless for recovering the address without the secret key.
    """
    return salted_hmac("kzportal.comments.client", client_ip or "unknown", algorithm="sha256").hexdigest()


def comment_fingerprint(*, article: Article, name: str, email: str, body: str) -> str:
    """Same article, name, email and text give the same fingerprint: a resubmission."""
    material = "\x00".join([str(article.pk), name.casefold(), email.strip().casefold(), body])
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


@transaction.atomic
def is_resubmission(*, article: Article, name: str, email: str, body: str) -> bool:
    """True when this exact comment is already stored (a double click or a resent form)."""
    fingerprint = comment_fingerprint(article=article, name=name, email=email, body=body)
    return Comment.objects.filter(article=article, fingerprint=fingerprint).exists()


def form_token_used(nonce: str) -> bool:
    """True when a comment was already sent with the form token holding ``nonce``."""
    return bool(nonce) and UsedFormToken.objects.filter(nonce=nonce).exists()


def submit_comment(
    *,
    article: Article,
    name: str,
    email: str,
    body: str,
    client_ip: str,
    admin_base_url: str = "",
    form_nonce: str = "",
) -> Comment:
    """Store a reader's comment as pending and, once committed, tell the moderators.

    A repeated identical submission (double click, resent form) returns the
    comment already stored instead of storing a second one, including when
    two requests race: the unique (article, fingerprint) constraint decides.
    ``admin_base_url`` (e.g. ``https://example.org``) makes the link in the
    moderators' mail absolute. ``form_nonce`` (from the form's signed token)
    is recorded with the comment, in one transaction: a token sends one
    comment; a different comment with a used token raises ValidationError
    (code ``token_used``), also when two race.
    """
    # The form's cleaning rule, here too: a caller other than the form (the shell,
    # the importer) never stores control characters (PostgreSQL refuses NUL).
    name, email, body = strip_controls(name), strip_controls(email), strip_controls(body)
    if not article.is_published:
        raise ValidationError("This article is not published.", code="unpublished")
    if not article.comments_open:
        raise ValidationError("Comments are closed on this article.", code="closed")

    fingerprint = comment_fingerprint(article=article, name=name, email=email, body=body)
    existing = Comment.objects.filter(article=article, fingerprint=fingerprint).first()
    if existing is not None:
        return existing

    comment = Comment(
        article=article,
        name=name,
        email=email,
        body=body,
        status=Comment.Status.PENDING,
        ip_hash=hash_client_ip(client_ip),
        spam_reasons=spam_reasons(name=name, email=email, body=body),
        fingerprint=fingerprint,
    )
    # The unique constraint is checked by the database below, race-free.
    comment.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():  # a savepoint: the outer transaction survives a lost race
            comment.save()
            if form_nonce:
                UsedFormToken.objects.create(nonce=form_nonce, comment=comment)
    except IntegrityError:
        existing = Comment.objects.filter(article=article, fingerprint=fingerprint).first()
        if existing is not None:
            return existing
        if form_token_used(form_nonce):
            raise ValidationError("This form was already used to send a comment.", code="token_used") from None
        raise
    # Tokens live a day; their records need not live longer.
    UsedFormToken.objects.filter(used_at__lt=timezone.now() - timedelta(days=2)).delete()

    # Queued, not sent: the worker mails (and retries) while the reader moves on.
    transaction.on_commit(
        functools.partial(tasks.mail_moderators, comment_id=comment.pk, base_url=admin_base_url),
        robust=True,
    )
    return comment


@transaction.atomic
def import_comment(*, article: Article, name: str, body: str) -> Comment:
    """Store a reader comment copied from the original page of an imported article.

    Used by the commentary importer and the launch loader. The comment was
    already public on the original page, so it is stored as approved, without
    an e-mail address, a client hash or a moderator notification; it is
    validated like any other comment.
    """
    comment = Comment(
        article=article, name=strip_controls(name), email="", body=strip_controls(body), status=Comment.Status.APPROVED
    )
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def import_original_comment(
    *,
    article: Article,
    name: str,
    body: str,
    site: str,
    submitted_at,
    approve: bool = False,
) -> Comment:
    """Store a reader comment copied from the original page of an imported article.

    It keeps the time the original page printed (``submitted_at``), is
    labelled with the ``site`` it was copied from, and enters the moderation
    queue as pending with the usual spam signals, like any reader comment;
    ``approve`` (the editor's explicit choice) stores it approved instead.
    No e-mail, no client hash, no moderator mail: nobody sent it here.
    """
    name, body = strip_controls(name), strip_controls(body)
    comment = Comment(
        article=article,
        name=name,
        email="",
        body=body,
        status=Comment.Status.APPROVED if approve else Comment.Status.PENDING,
        submitted_at=submitted_at,
        spam_reasons=spam_reasons(name=name, email="", body=body),
        imported_from=site,
    )
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def moderate(*, comments, status: str, moderator) -> list[Comment]:
    """Set ``status`` on ``comments`` (a queryset or iterable), recording who and when,
    and keep each decision (``ModerationDecision``): a later decision never erases an
    earlier one. Comments already in ``status`` are left alone.

    Returns the comments that changed, as they now are. Only users with the
    ``articles.change_comment`` permission (Moderators, Editors) may moderate.
    A fixed number of queries whatever the number of comments.
    """
    if status not in Comment.Status.values:
        raise ValidationError(f"{status!r} is not a comment status.", code="invalid_status")
    if moderator is None or not moderator.is_active or not moderator.has_perm("articles.change_comment"):
        raise PermissionDenied("Only moderators and editors may moderate comments.")
    if isinstance(comments, QuerySet):
        pks = list(comments.values_list("pk", flat=True))
    else:
        pks = [comment.pk for comment in comments]
    changing = list(
        Comment.objects.select_for_update().filter(pk__in=pks).exclude(status=status).select_related("article")
    )
    if not changing:
        return []
    now = timezone.now()
    ModerationDecision.objects.bulk_create(
        ModerationDecision(comment=c, previous_status=c.status, status=status, moderator=moderator, decided_at=now)
        for c in changing
    )
    Comment.objects.filter(pk__in=[c.pk for c in changing]).update(
        status=status, moderated_by=moderator, moderated_at=now
    )
    pagecache.bump()  # an update() sends no signals: approved comments appear at once
    for comment in changing:
        comment.status, comment.moderated_by, comment.moderated_at = status, moderator, now
    return changing


def moderate_comments(*, comments, status: str, moderator) -> int:
    """``moderate``, returning how many comments changed."""
    return len(moderate(comments=comments, status=status, moderator=moderator))
