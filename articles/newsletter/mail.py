"""The newsletter's mail. Links are absolute, from ``settings.KZ_SITE_URL``.

Every mail to a subscriber (digests, data links) carries a one-click
unsubscribe link in its text and in ``List-Unsubscribe`` with
``List-Unsubscribe-Post: List-Unsubscribe=One-Click`` (RFC 8058), so mail
programs can offer "unsubscribe" themselves. The confirmation mail goes to an
address that is not (yet) subscribed to anything, so it has none.

Each mail is written in the reader's language (``translation.override``: the
worker has no request to take it from): the confirmation and data-link mails in
the language of the page the reader asked on, digests in the subscriber's
``language``. Its links then lead to the pages in that language (``/ru/…``).
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from . import tokens


def language_or_default(code) -> str:
    """``code`` if the site has that language, else the site's default."""
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def absolute(path: str) -> str:
    return settings.KZ_SITE_URL.rstrip("/") + path


def unsubscribe_url(subscriber) -> str:
    return absolute(reverse("newsletter:unsubscribe", kwargs={"token": tokens.unsubscribe_token(subscriber)}))


def data_url(subscriber) -> str:
    return absolute(reverse("newsletter:data", kwargs={"token": tokens.data_token(subscriber)}))


def _send(*, to: str, subject: str, template: str, context: dict, subscriber=None):
    headers = {}
    if subscriber is not None:
        context = {**context, "unsubscribe_url": unsubscribe_url(subscriber), "data_url": data_url(subscriber)}
        headers = {
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    body = render_to_string(template, {"site_name": settings.KZ_SITE_NAME, **context})
    EmailMessage(subject=subject, body=body, to=[to], headers=headers).send(fail_silently=False)


def send_confirmation(*, email: str, token: str, language: str | None = None):
    with translation.override(language_or_default(language)):
        _send(
            to=email,
            subject=_("[%(site)s] Please confirm your newsletter subscription") % {"site": settings.KZ_SITE_NAME},
            template="newsletter/mail/confirm.txt",
            context={"confirm_url": absolute(reverse("newsletter:confirm", kwargs={"token": token})),
                     "days": tokens.CONFIRM_MAX_AGE // 86400},
        )


def send_data_link(subscriber, *, language: str | None = None):
    with translation.override(language_or_default(language or subscriber.language)):
        _send(
            to=subscriber.email,
            subject=_("[%(site)s] Your newsletter data") % {"site": settings.KZ_SITE_NAME},
            template="newsletter/mail/data.txt",
            context={"days": tokens.DATA_MAX_AGE // 86400},
            subscriber=subscriber,
        )


def send_digest(subscriber, articles):
    with translation.override(language_or_default(subscriber.language)):
        _send(
            to=subscriber.email,
            subject=_("[%(site)s] New commentary: %(title)s") % {
                "site": settings.KZ_SITE_NAME, "title": articles[0].title[:120]},
            template="newsletter/mail/digest.txt",
            context={"articles": [(article, absolute(article.get_absolute_url())) for article in articles],
                     "subscriber": subscriber},
            subscriber=subscriber,
        )
