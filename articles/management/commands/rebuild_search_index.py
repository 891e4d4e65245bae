"""Rebuild the search index from the content.

The index follows every save and delete made through Django (the admin, the
importer, the launch loader). Run this after changes that bypass signals:
``QuerySet.update()``, raw SQL, or a database restored from elsewhere.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from articles.search.index import rebuild


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report what would be indexed, then roll back.")

    def handle(self, *args, dry_run, verbosity, **options):
        with transaction.atomic():
            counts = rebuild()
            if dry_run:
                transaction.set_rollback(True)
        if verbosity >= 1:
            prefix = "Would index" if dry_run else "Indexed"
            listed = ", ".join(f"{count} {kind}s" for kind, count in counts.items())
            self.stdout.write(f"{prefix}: {listed}.")
