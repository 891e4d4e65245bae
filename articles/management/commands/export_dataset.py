"""Write the open-data dump of the published argument graph: a versioned Frictionless
Data Package (one CSV per table, datapackage.json with each table's schema and the
licence), the same rows as JSON Lines, a zip and its SHA-256. ``latest.json`` then
points /data/ at it; older dumps beyond ``--keep`` are removed. The task worker runs
the same after publishing (articles.opendata.tasks)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from articles.opendata import tables
from articles.opendata.export import data_dir, export_dataset


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=None,
                            help="Directory to write into (default: KZ_DATA_DIR, served at /data/).")
        parser.add_argument("--keep", type=int, default=3, help="How many dumps to keep (default 3).")
        parser.add_argument("--dry-run", action="store_true", help="Count the rows per table; write nothing.")

    def handle(self, *args, output, keep, dry_run, verbosity, **options):
        if dry_run:
            if verbosity >= 1:
                for table in tables.TABLES:
                    self.stdout.write(f"{table.name}: {table.rows().count()} rows")
                self.stdout.write(f"Would write a dump to {output or data_dir()}.")
            return
        dump = export_dataset(output=output, keep=max(1, keep))
        if verbosity >= 1:
            rows = sum(dump.rows.values())
            self.stdout.write(f"Wrote {dump.name}: {rows} rows in {len(dump.rows)} tables, "
                              f"{dump.archive} (sha256 {dump.sha256}).")
