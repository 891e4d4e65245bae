"""Check every outside address editors entered (articles' originals, source markers,
claims' sources) and record whether it works; broken ones are listed in the admin
under *Link checks*. Requests time out (--timeout) and run a few at a time (--concurrency).
Addresses on this machine's or a private network are not fetched (KZ_LINKCHECK_ALLOW_PRIVATE)."""

from django.core.management.base import BaseCommand, CommandError

from articles.linkcheck import MAX_CONCURRENCY, check_links


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=10.0, help="Seconds per request (default 10).")
        parser.add_argument(
            "--concurrency", type=int, default=8, help=f"Requests at once, 1 to {MAX_CONCURRENCY} (default 8)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Check and report, but record nothing.")

    def handle(self, *args, timeout, concurrency, dry_run, verbosity, **options):
        try:
            results = check_links(timeout=timeout, concurrency=concurrency, dry_run=dry_run)
        except ValueError as error:
            raise CommandError(str(error)) from None
        broken = [r for r in results if r.ok is False]
        skipped = [r for r in results if r.ok is None]
        if verbosity >= 1:
            for result in broken:
                self.stdout.write(f"BROKEN {result.url}: {result.error}")
            for result in skipped:
                self.stdout.write(f"NOT CHECKED {result.url}: {result.error}")
            verb = "Checked" if not dry_run else "Checked (nothing recorded)"
            self.stdout.write(
                f"{verb} {len(results)} address(es): {len(broken)} broken, {len(skipped)} not checked (private address)."
            )
