"""Subscribers (confirmed only; an address is never public) and the send history."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_key() -> str:
    return secrets.token_urlsafe(24)


class Subscriber(models.Model):
    class Frequency(models.TextChoices):
        WEEKLY = "weekly", _("Once a week")
        PUBLICATION = "publication", _("When new commentary is published")

    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    frequency = models.CharField(max_length=20, choices=Frequency.choices, default=Frequency.WEEKLY)
    everything = models.BooleanField(
        default=True, help_text=_("All new commentary; otherwise only what is filed under the chosen themes or mentions the chosen actors.")
    )
    themes = models.ManyToManyField("articles.Theme", blank=True, related_name="+")
    actors = models.ManyToManyField("actors.Actor", blank=True, related_name="+")
    key = models.CharField(
        max_length=64, default=new_key, editable=False,
        help_text=_("Secret part of this subscriber's unsubscribe and data links."),
    )
    language = models.CharField(
        _("Language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE,
        help_text=_("The language the reader signed up in: their mail is written in it."),
    )
    confirmed_at = models.DateTimeField(default=timezone.now, help_text=_("When the subscriber confirmed by the link mailed to them."))
    last_sent_at = models.DateTimeField(
        default=timezone.now, help_text=_("Commentary published after this time goes into the next digest."),
    )

    class Meta:
        ordering = ["-confirmed_at"]
        verbose_name = _("subscriber")

    def __str__(self):
        # Not the address: str() ends up in admin logs and messages.
        return f"Subscriber #{self.pk}"


class Dispatch(models.Model):
    """One digest run: when, for which frequency, how many mails went out. No addresses."""

    frequency = models.CharField(max_length=20, choices=Subscriber.Frequency.choices)
    started_at = models.DateTimeField(default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    recipients = models.PositiveIntegerField(default=0, help_text=_("Mails sent."))
    failures = models.PositiveIntegerField(default=0, help_text=_("Mails the mail server refused (sent again next run)."))
    articles = models.ManyToManyField("articles.Article", blank=True, related_name="+")

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("digest sent")
        verbose_name_plural = _("digests sent")

    def __str__(self):
        return f"{self.get_frequency_display()} {self.started_at:%Y-%m-%d %H:%M}"
