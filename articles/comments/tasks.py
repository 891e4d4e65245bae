"""
Background tasks for reader comments, run by the Huey worker (`manage.py run_huey`).

Why Huey: it is a small, well-kept queue with a Django integration, retries and
scheduling, and it needs no extra service: its default storage is a SQLite file
(one machine, `make run`), and the same code runs on Redis (``REDIS_URL``) when
several app servers share one queue. Celery would bring a broker and far more
moving parts for a few mails a day.
"""

from huey.contrib.djhuey import db_task

from . import notifications

# About an hour of retries (6 x 10 minutes) covers a mail server's maintenance
# window; after that the comment still waits in the moderation queue in the admin.
MAIL_RETRIES = 6
MAIL_RETRY_DELAY = 600


@db_task(retries=MAIL_RETRIES, retry_delay=MAIL_RETRY_DELAY)
def mail_moderators(*, comment_id: int, base_url: str = ""):
    """Tell the moderators about a new pending comment; raises (and is retried) if mail fails."""
    notifications.notify_moderators(comment_id=comment_id, base_url=base_url, raise_errors=True)
