"""The mention recount, run by the Huey worker (``manage.py run_huey``) after an actor's
names change: every article, in batches, each batch its own short transaction, so
neither the editor's request nor the worker's memory grows with the site."""

from huey.contrib.djhuey import db_task

from articles.models import Article

from .refresh import refresh_all_actor_mentions

BATCH = 500


def recount_in_batches(*, batch: int = BATCH) -> tuple[int, int, int]:
    """Recount every article, ``batch`` at a time. Returns (created, updated, deleted)."""
    totals = [0, 0, 0]
    last = 0
    while True:
        pks = list(Article.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:batch])
        if not pks:
            return tuple(totals)
        changed = refresh_all_actor_mentions(articles=Article.objects.filter(pk__in=pks))
        totals = [a + b for a, b in zip(totals, changed, strict=True)]
        last = pks[-1]


@db_task(retries=2, retry_delay=60)
def recount_all_mentions():
    recount_in_batches()
