"""Import scraped commentary pages (plain UTF-8 text or saved HTML pages) as draft articles.

    python manage.py import_commentary FILE [FILE ...] [--dry-run]
        [--publication SLUG|NAME] [--url URL] [--approve-comments]

A saved page (HTML) goes through trafilatura and htmldate for its main text
and metadata, then through the same clean-up as a text. The publication is
only ever one editors already have (matched by name, alias or domain, or
given with --publication); the original URL is --url or the page's canonical
link. The page's reader comments keep their printed date and enter the
moderation queue as pending, unless --approve-comments.

Each file becomes a draft article with its authors, publication, round-up
contributions, [↗] source markers and the page's reader comments; actor
mentions are detected. Importing the same text again changes nothing, so an
article edited in the admin since is never overwritten.

All files are imported in one transaction: if any file is unusable (missing,
a directory, a pipe or device, a symbolic link loop, empty, binary, not
UTF-8, over 1 MB, or without paragraphs) the command stops with a one-line
reason naming the file and writes nothing at all. Warnings name what the
page did not state (e.g. no date) so an editor can finish it in the admin.
"""

import dataclasses
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.importing.files import UnreadableFileError, read_text_file
from articles.importing.service import CREATED, CommentaryImportError, ImportResult, import_commentary


def _read(path: Path) -> str:
    try:
        return read_text_file(path)
    except UnreadableFileError as error:
        raise CommandError(str(error)) from None


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="Scraped commentary text files.")
        parser.add_argument(
            "--publication",
            default="",
            help="The publication (slug, name or alias of one you have) for every file; wins over the page.",
        )
        parser.add_argument(
            "--url", default="", help="The original page's address (only with one FILE); wins over its canonical link."
        )
        parser.add_argument(
            "--approve-comments",
            action="store_true",
            help="Store the pages' reader comments approved instead of pending moderation.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Parse, validate and report what would be imported; write nothing.",
        )

    def handle(self, *args, files, dry_run, verbosity, publication, url, approve_comments, **options):
        paths = [Path(name) for name in files]
        if url and len(paths) > 1:
            raise CommandError("--url names one page: give it with one FILE only")
        texts = [_read(path) for path in paths]  # every file checked before any write

        results: list[ImportResult] = []
        with transaction.atomic():
            # Each file is really imported, so later files see earlier ones (a
            # repeated file is "unchanged", a second version gets slug "-2");
            # a dry run rolls the whole run back at the end, so it reports
            # exactly what the real run would do.
            for path, text in zip(paths, texts, strict=True):
                try:
                    results.append(
                        import_commentary(
                            text=text,
                            source_name=path.name,
                            publication=publication,
                            url=url,
                            approve_comments=approve_comments,
                        )
                    )
                except CommentaryImportError as error:
                    raise CommandError(f"{path}: {error}") from error
                except ValidationError as error:
                    raise CommandError(f"{path}: cannot be saved: {'; '.join(error.messages)}") from error
            if dry_run:
                transaction.set_rollback(True)
                results = [dataclasses.replace(r, dry_run=True, article_id=None) for r in results]

        for path, result in zip(paths, results, strict=True):
            self._report(path, result, verbosity)
        if verbosity >= 1:
            created = sum(result.status == CREATED for result in results)
            summary = f"{len(results)} file(s): {created} new, {len(results) - created} unchanged."
            if dry_run:
                self.stdout.write(f"Dry run, nothing written. {summary}")
            else:
                self.stdout.write(self.style.SUCCESS(f"Imported {summary}"))

    def _report(self, path: Path, result: ImportResult, verbosity: int) -> None:
        if verbosity < 1:
            return
        if result.status == CREATED:
            verb = "would create" if result.dry_run else "created"
            self.stdout.write(f"{path}: {verb} draft “{result.title}” (slug “{result.slug}”)")
        else:
            note = " (edited in the admin since; left as it is)" if result.edited_since_import else ""
            self.stdout.write(f"{path}: unchanged, already imported as “{result.title}”{note}")
            return
        if verbosity >= 2:
            parsed = result.parsed
            authors = ", ".join(a.name for a in parsed.authors) or "—"
            self.stdout.write(f"  authors: {authors}")
            for n, contribution in enumerate(parsed.contributions, start=1):
                self.stdout.write(
                    f"  contribution {n}: {contribution.author.name}, "
                    f"{len(contribution.paragraphs)} paragraph(s)"
                )
            self.stdout.write(f"  publication: {result.publication or '—'}")
            self.stdout.write(f"  standfirst: {parsed.standfirst or '—'}")
            self.stdout.write(f"  original URL: {result.original_url or '—'}")
            series = (
                f"{parsed.series_name} # {parsed.series_number}"
                if parsed.series_number
                else parsed.series_name
            )
            self.stdout.write(f"  series: {series or '—'}")
            self.stdout.write(f"  date: {parsed.date_text or '—'} ({parsed.date_precision or 'none'})")
            self.stdout.write(
                f"  {len(parsed.paragraphs)} paragraph(s), {len(parsed.headings)} heading(s), "
                f"{len(parsed.comments)} reader comment(s), {len(parsed.source_markers)} source marker(s)"
            )
        if verbosity >= 2:
            for name, why in result.evidence:
                self.stdout.write(f"  evidence for {name}: {why}")
        for warning in result.warnings:
            self.stdout.write(self.style.WARNING(f"  warning: {warning}"))
