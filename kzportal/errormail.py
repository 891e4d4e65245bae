"""
Error mail to ``ADMINS`` that never holds the request that failed.

Django's ``AdminEmailHandler`` talks to the mail server inside the failing
request, so a mail server that hangs adds ``EMAIL_TIMEOUT`` to every 500 and
keeps a worker busy meanwhile: one bug and one slow SMTP server together take
workers away from readers. This handler writes the same mail (subject,
traceback, request) and hands it to the task worker, which sends it and
retries like moderator mail does. If even the queue is out of reach the mail
is dropped: the error is still in the log (and in Sentry, when configured).
"""

import logging

from django.conf import settings
from django.core import mail
from django.utils.log import AdminEmailHandler
from huey.contrib.djhuey import task

logger = logging.getLogger(__name__)

# A few tries over about ten minutes: an error report is worth less once it is stale.
ERROR_MAIL_RETRIES = 3
ERROR_MAIL_RETRY_DELAY = 180


@task(retries=ERROR_MAIL_RETRIES, retry_delay=ERROR_MAIL_RETRY_DELAY)
def mail_admins(*, subject: str, message: str, html_message: str | None = None):
    mail.mail_admins(subject, message, fail_silently=False, html_message=html_message)


class QueuedAdminEmailHandler(AdminEmailHandler):
    def send_mail(self, subject, message, *args, **kwargs):
        if not settings.ADMINS:
            return
        try:
            mail_admins(subject=subject, message=message, html_message=kwargs.get("html_message"))
        except Exception as error:  # the queue is down too: never turn one error into two
            logger.warning("Error mail to ADMINS not queued: %s: %s", type(error).__name__, error)
