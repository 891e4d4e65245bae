"""Recount actor mentions in every article.

Run after bulk changes to actors or aliases outside the admin (the admin
recounts by itself). Editors' manual choices are kept: hand-added actors stay,
hand-removed ones stay removed; only detected rows and counts change.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from articles.mentions import refresh_all_actor_mentions


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report the changes, then roll them back.")

    def handle(self, *args, dry_run, verbosity, **options):
        with transaction.atomic():
            created, updated, deleted = refresh_all_actor_mentions()
            if dry_run:
                transaction.set_rollback(True)
        if verbosity >= 1:
            prefix = "Would change" if dry_run else "Changed"
            self.stdout.write(
                f"{prefix} actor mentions: {created} added, {updated} recounted, {deleted} removed."
            )
