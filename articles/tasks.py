"""Where the Huey worker finds this app's tasks (djhuey imports ``<app>.tasks``)."""

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
