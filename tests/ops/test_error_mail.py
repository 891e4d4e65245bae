"""Errors reach ADMINS by mail, sent by the task worker: a hung mail server never holds a 500.

Real parts: the project's logging configuration (django.request -> the
ADMINS handler), a Huey queue in a SQLite file, a mail server that accepts the
connection and never answers, then one that delivers.
"""

import datetime
import time

import pytest

from kzportal import errormail

from .figures import record
from .servers import SilentSMTPServer, SMTPSink

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.ops.urls_failing")]


@pytest.fixture
def smtp(settings):
    settings.ADMINS = [("Ops", "ops@kzportal.example")]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 2
    return settings


def test_a_server_error_is_mailed_to_the_admins_without_waiting_on_a_hung_mail_server(client, queue, smtp):
    client.raise_request_exception = False
    # Baseline: the same error with nobody to mail (and the error page's templates loaded).
    smtp.ADMINS = []
    started = time.monotonic()
    assert client.get("/broken/").status_code == 500
    baseline = time.monotonic() - started
    smtp.ADMINS = [("Ops", "ops@kzportal.example")]
    with SilentSMTPServer() as hung:
        smtp.EMAIL_PORT = hung.port
        started = time.monotonic()
        response = client.get("/broken/")
        elapsed = time.monotonic() - started
        assert response.status_code == 500
        # Sent from the request, the mail would have waited EMAIL_TIMEOUT (2 s) on the silent server.
        assert elapsed < baseline + 0.5, (elapsed, baseline)
        assert queue.pending_count() == 1

        # The worker's attempt times out; the mail is scheduled again, not dropped.
        queue.execute(queue.dequeue())
        (scheduled,) = queue.scheduled()
        assert scheduled.retries == errormail.ERROR_MAIL_RETRIES - 1

    with SMTPSink() as sink:
        smtp.EMAIL_PORT = sink.port
        due = datetime.datetime.now(datetime.UTC).replace(tzinfo=None) + datetime.timedelta(
            seconds=errormail.ERROR_MAIL_RETRY_DELAY + 1
        )
        (retry,) = queue.read_schedule(due)
        queue.execute(retry, timestamp=due)
    record(
        "error_500_smtp_hung",
        {
            "response": (500, round(elapsed, 3)),
            "baseline_without_admins": round(baseline, 3),
            "mail_delivered_on_retry": len(sink.messages),
        },
    )
    (message,) = sink.messages
    assert "ops@kzportal.example" in message
    assert "Internal Server Error: /broken/" in message
    assert "ZeroDivisionError" in message


def test_without_admins_no_error_mail_is_queued(client, queue, smtp):
    smtp.ADMINS = []
    client.raise_request_exception = False
    assert client.get("/broken/").status_code == 500
    assert queue.pending_count() == 0
