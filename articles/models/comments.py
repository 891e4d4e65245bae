"""Reader comments and the spam blocklist. Nothing here is public until approved."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        SPAM = "spam", _("Spam")

    # PROTECT: deleting an article never takes its readers' comments with it silently.
    article = models.ForeignKey("articles.Article", on_delete=models.PROTECT, related_name="comments", verbose_name=_("article"))
    name = models.CharField(_("display name"), max_length=80)
    # Never shown publicly: not on pages, feeds, structured data or any API.
    email = models.EmailField(blank=True, verbose_name=_("email"))
    body = models.TextField(verbose_name=_("body"))
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True,
        verbose_name=_("status"),
    )
    submitted_at = models.DateTimeField(default=timezone.now, db_index=True, verbose_name=_("submitted at"))
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderated_comments",
        verbose_name=_("moderated by"),
    )
    moderated_at = models.DateTimeField(null=True, blank=True, verbose_name=_("moderated at"))
    ip_hash = models.CharField(
        max_length=64, blank=True, help_text=_("Keyed hash of the client address; the address itself is not kept."),
        verbose_name=_("ip hash"),
    )
    spam_reasons = models.CharField(
        max_length=300, blank=True, help_text=_("Why this comment looks like spam, if it does."),
        verbose_name=_("spam reasons"),
    )
    fingerprint = models.CharField(
        max_length=64, blank=True, help_text=_("Hash of name, email and text, to recognise resubmissions."),
        verbose_name=_("fingerprint"),
    )
    imported_from = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("For a comment copied from the original page of an imported article: that site. Empty for comments sent here."),
        verbose_name=_("imported from"),
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "fingerprint"],
                condition=~Q(fingerprint=""),
                name="unique_comment_submission",
            ),
        ]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return f"{self.name} on {self.article}"


class ModerationDecision(models.Model):
    """One moderation decision on a comment, kept for good: a later decision never
    overwrites an earlier one (the comment itself holds only the latest)."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("comment"))
    previous_status = models.CharField(max_length=10, choices=Comment.Status.choices, verbose_name=_("previous status"))
    status = models.CharField(max_length=10, choices=Comment.Status.choices, verbose_name=_("status"))
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("moderator"),
    )
    decided_at = models.DateTimeField(default=timezone.now, db_index=True, verbose_name=_("decided at"))

    class Meta:
        ordering = ["decided_at", "pk"]
        verbose_name = _("moderation decision")
        verbose_name_plural = _("moderation decisions")

    def __str__(self):
        return f"{self.get_previous_status_display()} → {self.get_status_display()}"


class BlocklistTerm(models.Model):
    """A word or phrase that flags a reader comment as likely spam."""

    term = models.CharField(max_length=100, unique=True, help_text=_("Matched case-insensitively anywhere in a comment."), verbose_name=_("term"))
    note = models.CharField(max_length=200, blank=True, verbose_name=_("note"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        ordering = ["term"]
        verbose_name = _("blocklist term")
        verbose_name_plural = _("blocklist terms")

    def __str__(self):
        return self.term
