"""Load the curated launch content (the five launch articles and their reference data).

    python manage.py load_launch_content [--dry-run] [--check] [--path FILE]

Reads articles/fixtures/launch/launch.toml (or FILE) and creates whatever is
missing: themes, publications, authors, actors with aliases and relations,
timeline events, the published launch articles with contributions and
reader comments, and claims with their citations. Objects that already exist
are never changed, so an editor's edits survive; running it again changes
nothing. `make run` runs it on every start.

The whole dataset is checked first and written in one transaction: on any
problem (TOML syntax, an unknown slug, a quote that is not in its article)
the command stops with a one-line reason naming the object and writes
nothing. --dry-run does everything, then rolls it back.

--check loads nothing: it lists every problem of the dataset, one per line
(the schema, the launch minimums, and the provenance of every paragraph,
quote and fact in the seed pages; see articles/launch/provenance.py), and
fails if there is any.

Verbosity 0 prints nothing but errors, 1 (default) one summary line, 2 the
counts per kind, the objects kept as edited, and notes.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.launch import LaunchDataError, load_launch_content
from articles.launch.provenance import audit


class Command(BaseCommand):
    help = __doc__.split("\n\n", 1)[0]

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check and load everything, then roll back: nothing is written.",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only check the dataset against its schema and its seed pages; list every problem.",
        )
        parser.add_argument(
            "--path",
            type=Path,
            default=None,
            metavar="FILE",
            help="Dataset to load (default: articles/fixtures/launch/launch.toml).",
        )

    def handle(self, *args, dry_run=False, check=False, path=None, verbosity=1, **options):
        if check:
            return self._check(path, verbosity)
        try:
            report = load_launch_content(path=path, dry_run=dry_run)
        except LaunchDataError as error:
            raise CommandError(f"Launch content not loaded: {error}") from None

        if verbosity >= 1:
            style = self.style.SUCCESS if report.changed else (lambda text: text)
            self.stdout.write(style(report.summary()))
        if verbosity >= 2:
            for line in report.lines():
                self.stdout.write(line)
            for label in report.edited_objects:
                self.stdout.write(f"  kept as edited: {label}")
            for note in report.notes:
                self.stdout.write(f"  {note}")

    def _check(self, path, verbosity):
        problems = audit(path) if path is not None else audit()
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(f"Launch content has {len(problems)} problem(s); nothing was loaded.")
        if verbosity >= 1:
            self.stdout.write("Launch content checked: no problems.")
