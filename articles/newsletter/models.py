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
    frequency = models.CharField(max_length=20, choices=Frequency.choices, default=Frequency.WEEKLY, verbose_name=_("frequency"))
    everything = models.BooleanField(
        default=True, help_text=_("All new commentary; otherwise only what is filed under the chosen themes or mentions the chosen actors."),
        verbose_name=_("everything"),
    )
    themes = models.ManyToManyField("articles.Theme", blank=True, related_name="+", verbose_name=_("themes"))
    actors = models.ManyToManyField("actors.Actor", blank=True, related_name="+", verbose_name=_("actors"))
    key = models.CharField(
        max_length=64, default=new_key, editable=False,
        help_text=_("Secret part of this subscriber's unsubscribe and data links."),
        verbose_name=_("key"),
    )
    language = models.CharField(
        _("Language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE,
        help_text=_("The language the reader signed up in: their mail is written in it."),
    )
    confirmed_at = models.DateTimeField(default=timezone.now, help_text=_("When the subscriber confirmed by the link mailed to them."), verbose_name=_("confirmed at"))
    last_sent_at = models.DateTimeField(
        default=timezone.now, help_text=_("Commentary published after this time goes into the next digest."),
        verbose_name=_("last sent at"),
    )

    class Meta:
        ordering = ["-confirmed_at"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")

    def __str__(self):
        # Not the address: str() ends up in admin logs and messages.
        return f"Subscriber #{self.pk}"


class Dispatch(models.Model):
    """One digest run: when, for which frequency, how many mails went out. No addresses."""

    frequency = models.CharField(max_length=20, choices=Subscriber.Frequency.choices, verbose_name=_("frequency"))
    started_at = models.DateTimeField(default=timezone.now, db_index=True, verbose_name=_("started at"))
    finished_at = models.DateTimeField(null=True, blank=True, verbose_name=_("finished at"))
    recipients = models.PositiveIntegerField(default=0, help_text=_("Mails sent."), verbose_name=_("recipients"))
    failures = models.PositiveIntegerField(default=0, help_text=_("Mails the mail server refused (sent again next run)."), verbose_name=_("failures"))
    articles = models.ManyToManyField("articles.Article", blank=True, related_name="+", verbose_name=_("articles"))

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("digest sent")
        verbose_name_plural = _("digests sent")

    def __str__(self):
        return f"{self.get_frequency_display()} {self.started_at:%Y-%m-%d %H:%M}"
