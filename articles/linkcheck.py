"""
Checking the outside addresses editors entered: each article's original, each
source marker's and each claim's source. ``manage.py check_links`` and the daily
task (``articles.tasks.check_links_daily``) run ``check_links``; the results are
``LinkCheck`` rows, listed in the admin (*Link checks*, filter "Broken").

Every request has a timeout, at most ``concurrency`` run at once, only http(s)
addresses are fetched, and nothing is read beyond the status line and headers.
The database is written once, after the network part, in one transaction.
"""

import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from .models import Article, Claim, LinkCheck, SourceMarker

USER_AGENT = "kzportal-linkcheck/1.0 (+editorial link checker)"
MAX_CONCURRENCY = 32


@dataclass(frozen=True)
class Result:
    url: str
    ok: bool
    status_code: int | None
    error: str


def used_urls() -> dict[str, list[str]]:
    """Every outside address in use → where (e.g. "article kazakhstan-csto"). Three queries."""
    found = defaultdict(list)
    for slug, url in Article.objects.exclude(original_url="").values_list("slug", "original_url"):
        found[url].append(f"original of article {slug}")
    markers = SourceMarker.objects.exclude(url="").values_list("article__slug", "url")
    for slug, url in markers:
        found[url].append(f"source marker in article {slug}")
    for slug, url in Claim.objects.exclude(source_url="").values_list("slug", "source_url"):
        found[url].append(f"source of claim {slug}")
    return dict(found)


class _FewRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = 5


def _open(url: str, method: str, timeout: float):
    # The scheme is checked by the caller (http/https only).
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})  # noqa: S310
    opener = urllib.request.build_opener(_FewRedirects)
    with opener.open(request, timeout=timeout) as response:
        return response.status


def check_url(url: str, *, timeout: float) -> Result:
    """HEAD the address (GET if the server refuses HEAD); 2xx/3xx after redirects is working."""
    if not url.lower().startswith(("http://", "https://")):
        return Result(url, False, None, "not an http(s) address")
    try:
        try:
            status = _open(url, "HEAD", timeout)
        except urllib.error.HTTPError as error:
            if error.code not in (403, 405, 501):
                raise
            status = _open(url, "GET", timeout)  # some servers refuse HEAD but serve GET
    except urllib.error.HTTPError as error:
        return Result(url, False, error.code, f"HTTP {error.code}")
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        text = "timed out" if isinstance(reason, TimeoutError) or "timed out" in str(reason) else str(reason)
        return Result(url, False, None, text[:300] or type(error).__name__)
    return Result(url, status < 400, status, "" if status < 400 else f"HTTP {status}")


def check_links(*, timeout: float = 10.0, concurrency: int = 8, dry_run: bool = False) -> list[Result]:
    """Check every address in use and record the results (``LinkCheck``); rows for
    addresses no longer used are removed. Returns the results, broken first."""
    if timeout <= 0:
        raise ValueError("timeout must be positive")
    if not 1 <= concurrency <= MAX_CONCURRENCY:
        raise ValueError(f"concurrency must be between 1 and {MAX_CONCURRENCY}")
    urls = used_urls()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(pool.map(lambda url: check_url(url, timeout=timeout), sorted(urls)))
    if not dry_run:
        _record(results, urls)
    return sorted(results, key=lambda r: (r.ok, r.url))


@transaction.atomic
def _record(results, urls):
    now = timezone.now()
    existing = {row.url: row for row in LinkCheck.objects.all()}
    to_create, to_update = [], []
    for result in results:
        row = existing.pop(result.url, None) or LinkCheck(url=result.url)
        row.ok, row.status_code, row.error, row.checked_at = result.ok, result.status_code, result.error, now
        row.used_by = "; ".join(urls[result.url])[:300]
        (to_update if row.pk else to_create).append(row)
    LinkCheck.objects.bulk_create(to_create)
    LinkCheck.objects.bulk_update(to_update, ["ok", "status_code", "error", "checked_at", "used_by"])
    LinkCheck.objects.filter(pk__in=[row.pk for row in existing.values()]).delete()
