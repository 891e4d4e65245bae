"""The newsletter's Huey tasks (run by ``manage.py run_huey``; in-process with KZ_TASKS_IMMEDIATE).

- ``send_confirmation`` / ``send_data_link``: one mail each, retried for about an hour;
- ``weekly_digest``: every Monday 07:00 UTC, the week's commentary to weekly subscribers;
- ``publication_digest``: queued by ``articles.publishing.publish_article`` for when the
  article goes live, mails "on publication" subscribers; ``publication_catch_up`` runs it
  hourly too, so nothing waits if the worker was down. Each subscriber's ``last_sent_at``
  makes every run send only what is new to them, so running twice sends nothing twice.
"""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from . import mail

MAIL_RETRIES = 6
MAIL_RETRY_DELAY = 600


# ``language=None``: a task queued before mail had a language is sent in the site's.
@db_task(retries=MAIL_RETRIES, retry_delay=MAIL_RETRY_DELAY)
def send_confirmation(*, email: str, token: str, language: str | None = None):
    mail.send_confirmation(email=email, token=token, language=language)


@db_task(retries=MAIL_RETRIES, retry_delay=MAIL_RETRY_DELAY)
def send_data_link(*, email: str, language: str | None = None):
    from .models import Subscriber

    subscriber = Subscriber.objects.filter(email=email).first()
    if subscriber is not None:
        mail.send_data_link(subscriber, language=language)


@db_task()
def publication_digest():
    from . import services
    from .models import Subscriber

    services.send_digests(frequency=Subscriber.Frequency.PUBLICATION)


@db_periodic_task(crontab(minute="17"))
def publication_catch_up():
    publication_digest.call_local()


@db_periodic_task(crontab(day_of_week="1", hour="7", minute="0"))
def weekly_digest():
    from . import services
    from .models import Subscriber

    services.send_digests(frequency=Subscriber.Frequency.WEEKLY)


def article_published(*, live_from):
    """The publishing services' hook: mail "on publication" subscribers once the article is live."""
    from django.utils import timezone

    if live_from is not None and live_from > timezone.now():
        publication_digest.schedule(eta=live_from)
    else:
        publication_digest()
