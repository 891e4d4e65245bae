"""Load an open-data dump (a package directory written by export_dataset, or its zip)
into an empty database: the published graph with the same ids, articles published
from now, without their text. Refuses a database that already holds content."""

import tempfile
import zipfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from articles.opendata.restore import load_dataset


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("package", type=Path, help="A dump's directory or .zip.")

    def handle(self, *args, package, verbosity, **options):
        if not package.exists():
            raise CommandError(f"There is no {package}.")
        with tempfile.TemporaryDirectory() as scratch:
            if package.suffix == ".zip":
                with zipfile.ZipFile(package) as bundle:
                    names = bundle.namelist()
                    if any(name.startswith("/") or ".." in Path(name).parts for name in names):
                        raise CommandError("That zip holds paths outside its folder.")
                    bundle.extractall(scratch)
                package = next(Path(scratch).glob("*/datapackage.json"), Path(scratch) / "missing").parent
            try:
                counts = load_dataset(package=package)
            except (ValidationError, FileNotFoundError, ValueError) as error:
                raise CommandError(f"Not loaded: {error}") from error
        if verbosity >= 1:
            self.stdout.write(f"Loaded {sum(counts.values())} rows in {len(counts)} tables.")
