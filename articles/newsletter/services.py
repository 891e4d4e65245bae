"""Writes for the newsletter: confirming, unsubscribing, deleting, and digest runs.

Keyword-only arguments, one transaction each, ``full_clean()`` before saving.
Pages, tasks and the admin call these; nothing else writes a subscriber.
"""

import functools
import logging

from django.db import transaction
from django.utils import timezone

from actors.models import Actor
from articles.models import Article, Theme

from . import mail, tasks, tokens
from .models import Dispatch, Subscriber, new_key

logger = logging.getLogger(__name__)


def request_subscription(*, email: str, frequency: str, everything: bool, themes, actors, language: str) -> None:
    """Queue the confirmation mail; nothing is stored. The same for any address,
    subscribed or not: the link in the mail sets the choices when followed.
    ``language`` (the page's) is the mail's, and the subscriber's once confirmed."""
    language = mail.language_or_default(language)
    token = tokens.confirm_token(
        email=email, frequency=frequency, everything=everything,
        themes=[theme.pk for theme in themes], actors=[actor.pk for actor in actors], language=language,
    )
    transaction.on_commit(
        functools.partial(tasks.send_confirmation, email=email, token=token, language=language), robust=True
    )


def request_data_link(*, email: str, language: str) -> None:
    """Queue a mail with the subscriber's data link if ``email`` is subscribed; nothing otherwise.
    The mail is in ``language``, the one the reader asked in."""
    language = mail.language_or_default(language)
    transaction.on_commit(functools.partial(tasks.send_data_link, email=email, language=language), robust=True)


@transaction.atomic
def confirm_subscription(*, token: str) -> Subscriber:
    """Create or update the subscription the signed ``token`` describes (raises ``tokens.LinkProblem``)."""
    data = tokens.read_confirm_token(token)
    frequency = data.get("f") if data.get("f") in Subscriber.Frequency.values else Subscriber.Frequency.WEEKLY
    subscriber = Subscriber.objects.select_for_update().filter(email=data["e"]).first()
    now = timezone.now()
    if subscriber is None:
        subscriber = Subscriber(email=data["e"], confirmed_at=now, last_sent_at=now)
    subscriber.frequency = frequency
    subscriber.everything = bool(data.get("all"))
    # Links mailed before subscribers had a language carry none: the site's then.
    subscriber.language = mail.language_or_default(data.get("l"))
    subscriber.full_clean(exclude=["email"] if subscriber.pk else None)
    subscriber.save()
    subscriber.themes.set(Theme.objects.filter(pk__in=[pk for pk in data["t"] if isinstance(pk, int)]))
    subscriber.actors.set(Actor.objects.filter(pk__in=[pk for pk in data["a"] if isinstance(pk, int)]))
    return subscriber


def _subscriber_for(pk: int, key: str) -> Subscriber | None:
    return Subscriber.objects.filter(pk=pk, key=key).first()


@transaction.atomic
def unsubscribe(*, token: str) -> None:
    """Delete the subscription (and with it the address) the link names; a second click finds nothing and is fine."""
    pk, key = tokens.read_unsubscribe_token(token)
    Subscriber.objects.filter(pk=pk, key=key).delete()


def subscriber_for_data(*, token: str) -> Subscriber | None:
    pk, key = tokens.read_data_token(token)
    return _subscriber_for(pk, key)


def subscriber_data(subscriber: Subscriber) -> dict:
    """Everything stored about a subscriber, as the JSON download gives it."""
    return {
        "email": subscriber.email,
        "frequency": subscriber.frequency,
        "everything": subscriber.everything,
        "language": subscriber.language,
        "themes": sorted(subscriber.themes.values_list("name", flat=True)),
        "actors": sorted(subscriber.actors.values_list("name", flat=True)),
        "confirmed_at": subscriber.confirmed_at.isoformat(),
        "last_digest_covers_until": subscriber.last_sent_at.isoformat(),
    }


@transaction.atomic
def delete_subscriber(*, subscriber: Subscriber) -> None:
    subscriber.delete()


def articles_for(subscriber: Subscriber, *, until):
    """The published commentary a subscriber has not had yet, newest first, by their choices."""
    new = Article.objects.published().filter(live_from__gt=subscriber.last_sent_at, live_from__lte=until)
    if not subscriber.everything:
        chosen = Article.objects.none()
        for theme in subscriber.themes.all():
            chosen = chosen | new.tagged(theme)
        for actor in subscriber.actors.all():
            chosen = chosen | new.mentioning(actor)
        new = new.filter(pk__in=chosen.values("pk"))
    return list(new.select_related("publication").prefetch_related("article_authors__author").by_date())


def send_digests(*, frequency: str, now=None) -> Dispatch | None:
    """Mail each confirmed subscriber of ``frequency`` the commentary published since their
    last digest. A run that mails anyone is recorded as one ``Dispatch`` (None otherwise);
    a mail the server refuses is tried again next run (the subscriber's watermark stays)."""
    now = now or timezone.now()
    dispatch, included = None, set()
    for subscriber in Subscriber.objects.filter(frequency=frequency).order_by("pk").iterator():
        articles = articles_for(subscriber, until=now)
        if articles:
            if dispatch is None:
                dispatch = Dispatch.objects.create(frequency=frequency, started_at=now)
            try:
                mail.send_digest(subscriber, articles)
            except Exception:
                logger.exception("Digest to subscriber %s not sent; it is tried again next run.", subscriber.pk)
                dispatch.failures += 1
                continue
            dispatch.recipients += 1
            included.update(article.pk for article in articles)
        Subscriber.objects.filter(pk=subscriber.pk).update(last_sent_at=now)
    if dispatch is not None:
        dispatch.finished_at = timezone.now()
        dispatch.save(update_fields=["recipients", "failures", "finished_at"])
        dispatch.articles.set(included)
    return dispatch


def rotate_key(*, subscriber: Subscriber) -> Subscriber:
    """Invalidate every link mailed so far (e.g. after a forwarded mail was misused)."""
    subscriber.key = new_key()
    subscriber.save(update_fields=["key"])
    return subscriber
