"""Replace the database's contents with a backup written by ``manage.py backup``.

Refuses a database that already holds content (anything beyond what
``migrate`` creates) unless --force is given. All or nothing: SQLite copies
the backup in under one write lock, PostgreSQL restores in one transaction
(``pg_restore --single-transaction``). Restore into an empty database (e.g. a
new ``DATABASE_URL`` or a missing SQLite file), then point the site at it.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kzportal import backups


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="A backup written by manage.py backup.")
        parser.add_argument("--force", action="store_true", help="Replace a database that holds content.")
        parser.add_argument("--dry-run", action="store_true", help="Check the backup and the database; change nothing.")

    def handle(self, *args, file, force, dry_run, verbosity, **options):
        if not file.is_file():
            raise CommandError(f"{file} does not exist.")
        try:
            kind = backups.backup_kind(file)
            if kind == "postgresql":
                backups.require_tool("pg_restore")
            empty = backups.is_empty()
            if dry_run:
                if verbosity >= 1:
                    state = "empty" if empty else "holding content (needs --force)"
                    self.stdout.write(f"Would restore the {kind} backup {file} into the database, now {state}.")
                return
            backups.restore(file, force=force)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        if verbosity >= 1:
            tables = backups.content_tables()
            self.stdout.write(f"Restored {file}: {sum(tables.values())} rows in {len(tables)} tables.")
