"""No reader waits on SMTP: moderator mail is a queued task, retried when the server hangs.

Real parts: a Huey queue in a SQLite file, a mail server that accepts the
connection and never answers, then one that delivers.
"""

import datetime
import time

import pytest
from django.contrib.auth.models import Group

from articles.comments import tasks
from articles.models import Comment
from tests.support.comments import post_comment
from tests.support.factories import ArticleFactory

from .figures import record
from .servers import SilentSMTPServer, SMTPSink

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def mail_settings(settings, django_user_model):
    # A transactional test may run after another one flushed the migration's groups.
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    moderator = django_user_model.objects.create_user(username="mona", email="mona@kzportal.example", is_staff=True)
    moderator.groups.add(moderators)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 2
    return settings


def _timed_post(client, article, body):
    started = time.monotonic()
    response = post_comment(client, article, body=body)
    return response, time.monotonic() - started


def test_a_hung_mail_server_neither_slows_the_post_nor_loses_the_mail(client, queue, mail_settings):
    article = ArticleFactory(published=True)
    client.get(article.get_absolute_url())  # warm up, so the baseline is not a first request
    # Baseline: the same post with mail going to memory.
    mail_settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    _response, baseline = _timed_post(client, article, "A first comment, mail to memory.")
    queue.flush()
    mail_settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"

    with SilentSMTPServer() as hung:
        mail_settings.EMAIL_PORT = hung.port
        response, elapsed = _timed_post(client, article, "Posted while the mail server hangs.")
        assert response.status_code == 302
        assert Comment.objects.filter(body="Posted while the mail server hangs.").exists()
        # The request only queued the mail: as fast as without mail (never the SMTP timeout).
        assert elapsed < baseline + 0.5, (elapsed, baseline)
        assert queue.pending_count() == 1

        # The worker's attempt times out; the task is scheduled again, not dropped.
        task = queue.dequeue()
        started = time.monotonic()
        queue.execute(task)
        attempt = time.monotonic() - started
        assert attempt < mail_settings.EMAIL_TIMEOUT + 1
        scheduled = queue.scheduled()
        assert len(scheduled) == 1
        assert scheduled[0].retries == tasks.MAIL_RETRIES - 1

    with SMTPSink() as sink:
        mail_settings.EMAIL_PORT = sink.port
        later = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)  # Huey keeps naive UTC
        due = later + datetime.timedelta(seconds=tasks.MAIL_RETRY_DELAY + 1)
        (retry,) = queue.read_schedule(due)  # what the consumer's scheduler does once the delay has passed
        queue.execute(retry, timestamp=due)
        record("smtp_hung", {
            "comment_post": (response.status_code, round(elapsed, 3)),
            "baseline_post_mail_to_memory": round(baseline, 3),
            "worker_attempt_seconds": round(attempt, 2),
            "retries_left_after_attempt": scheduled[0].retries,
            "mail_delivered_on_retry": len(sink.messages),
            "lost": 1 - len(sink.messages),
        })
        assert len(sink.messages) == 1
        assert "Posted while the mail server hangs." in sink.messages[0]
        assert "mona@kzportal.example" in sink.messages[0]
    assert queue.pending_count() == 0 and queue.scheduled() == []
