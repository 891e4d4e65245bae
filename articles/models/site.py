"""Site-wide state readers never see: the page-cache generation."""

from django.db import models


class PageGeneration(models.Model):
    """One row whose ``value`` goes up with every editorial write.

    Cached pages are stored under the generation read at the start of the
    request that rendered them, so a write makes every older page unreachable
    at once, in every app server and worker (the row lives in the one shared
    database, and is bumped inside the writer's own transaction).
    """

    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "page-cache generation"

    def __str__(self):
        return f"page-cache generation {self.value}"
