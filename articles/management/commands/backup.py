"""Write a consistent backup of the whole database to FILE, while the site runs.

SQLite: the online backup API (the file is a SQLite database). PostgreSQL:
``pg_dump -Fc`` (restore with ``manage.py restore``). The backup is written
beside FILE and renamed into place, so FILE is never half-written.
`make backup` writes one to backups/ with the time in its name.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kzportal import backups


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Where to write the backup.")
        parser.add_argument("--dry-run", action="store_true", help="Say what would be backed up; write nothing.")

    def handle(self, *args, file, dry_run, verbosity, **options):
        kind = backups.engine()
        if dry_run:
            if verbosity >= 1:
                tables = backups.content_tables()
                self.stdout.write(
                    f"Would back up the {kind} database ({sum(tables.values())} rows in {len(tables)} tables) to {file}."
                )
            return
        try:
            if kind == "postgresql":
                backups.require_tool("pg_dump")
            backups.backup(file)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        if verbosity >= 1:
            self.stdout.write(f"Backed up the {kind} database to {file} ({file.stat().st_size} bytes).")
