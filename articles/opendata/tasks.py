"""Rebuilding the latest dump after publishing, in the task worker (``manage.py run_huey``).

``schedule_rebuild`` is called (on commit) whenever what is public changes through
the publishing services. It queues one rebuild a few minutes later and ignores
further calls until then, so a burst of publishing makes one dump, not dozens.
"""

import logging

from django.core.cache import cache
from huey.contrib.djhuey import db_task

from .export import export_dataset

logger = logging.getLogger(__name__)

REBUILD_DELAY = 300  # seconds: publishing in bursts makes one dump
PENDING_KEY = "kz:opendata:rebuild-pending"


@db_task(retries=3, retry_delay=600)
def rebuild_dump():
    cache.delete(PENDING_KEY)
    dump = export_dataset()
    logger.info("Open-data dump %s written (%s)", dump.name, dump.sha256)
    return dump.name


def schedule_rebuild():
    """Queue a rebuild in ``REBUILD_DELAY`` seconds unless one is already waiting."""
    try:
        if not cache.add(PENDING_KEY, 1, timeout=REBUILD_DELAY * 2):
            return False
    except Exception as error:  # a cache that is down: rebuild anyway, a duplicate is harmless
        logger.warning("Open-data rebuild not debounced, the cache is unavailable: %s", error)
    rebuild_dump.schedule(delay=REBUILD_DELAY)
    return True
