"""Search index work too long for an editor's request, run by the Huey worker."""

from huey.contrib.djhuey import db_task

from .actor_tokens import refresh


@db_task(retries=2, retry_delay=60)
def refresh_actor_lexemes():
    """Re-mark the entries naming an actor whose names changed (``actor_tokens``)."""
    refresh()
