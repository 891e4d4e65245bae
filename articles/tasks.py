"""Where the Huey worker finds this app's tasks (djhuey imports ``<app>.tasks``)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from articles.comments.tasks import mail_moderators  # noqa: F401
from articles.maintenance import hourly_planner_statistics  # noqa: F401
from articles.mentions.tasks import recount_all_mentions  # noqa: F401
from articles.newsletter.tasks import (  # noqa: F401
    publication_catch_up,
    publication_digest,
    send_confirmation,
    send_data_link,
    weekly_digest,
)
from articles.opendata.tasks import rebuild_dump  # noqa: F401
from articles.search.tasks import refresh_actor_lexemes  # noqa: F401


@db_periodic_task(crontab(hour="4", minute="17"))
def check_links_daily():
    """Every night: check the outside addresses (``manage.py check_links``, default timeouts)."""
    from articles.linkcheck import check_links

    check_links()
