#!/usr/bin/env python
"""Time the public pages on a generated data set: ``make bench``.

Builds a throw-away database (a temporary SQLite file, or a test database
created next to ``DATABASE_URL``'s and dropped afterwards), loads the launch
content and generates N more articles with authors, themes, actors,
citations, contributions, source markers and comments, then requests every
public page R times through Django's test client and prints the median and
95th-percentile time and the SQL query count of each page.

    python scripts/benchmark.py [--articles 200] [--requests 30] [--no-launch] [--page-filter TEXT]

Not part of the test suite; nothing here touches your real database.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200, help="generated published articles (default 200)")
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page (default 30)")
    parser.add_argument("--no-launch", action="store_true", help="skip loading the launch content")
    parser.add_argument("--page-filter", default="", help="only pages whose name contains this text")
    return parser.parse_args()


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def main():
    args = parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kzportal.settings")
    os.environ.setdefault("SECRET_KEY", "benchmark-only-key-" + "0123456789abcdefghijklmnopqrstuvwxyz")
    os.environ.setdefault("KZ_LOCAL_HTTP", "1")
    os.environ["KZ_MANIFEST_STATIC"] = "0"
    tmpdir = None
    if not os.environ.get("DATABASE_URL"):
        tmpdir = tempfile.TemporaryDirectory(prefix="kzbench-")
        os.environ["SQLITE_PATH"] = str(Path(tmpdir.name) / "bench.sqlite3")

    import django

    django.setup()

    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # Let the test client's host in. (Not setup_test_environment(): its
    # instrumented template rendering would inflate every timing.)
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    test_db = None
    if tmpdir is None:
        test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    else:
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)

    try:
        pages = build(args)
        run(pages, args, CaptureQueriesContext, connection)
    finally:
        if test_db is not None:
            connection.creation.destroy_test_db(test_db, verbosity=0)
        if tmpdir is not None:
            connection.close()
            tmpdir.cleanup()


def build(args):
    from django.contrib.auth import get_user_model

    from actors.models import Actor
    from articles.models import Article, Author, Claim, Theme
    from tests.support.corpus import build_corpus

    started = time.perf_counter()
    if not args.no_launch:
        from articles.launch import load_launch_content

        load_launch_content()
    corpus = build_corpus(args.articles)
    print(
        f"Data: {Article.objects.published().count()} published articles "
        f"({Article.objects.count()} in all), {Actor.objects.count()} actors, {Theme.objects.count()} themes, "
        f"{Author.objects.count()} authors, {Claim.objects.count()} claims; built in "
        f"{time.perf_counter() - started:.1f}s on {os.environ.get('DATABASE_URL') and 'PostgreSQL' or 'SQLite'}"
    )
    article = corpus.published[len(corpus.published) // 2]
    round_up = corpus.published[0]
    theme, actor, author = corpus.themes[0].slug, corpus.actors[0].slug, corpus.authors[0].slug
    claim = corpus.claims[0]
    staff = get_user_model().objects.create_user("bench-staff", password=None, is_staff=True)
    pages = {
        "home": "/",
        "articles list": "/articles/",
        "articles list page 3": "/articles/?page=3",
        "articles filtered": f"/articles/?theme={theme}&actor={actor}&author={author}&ordering=oldest",
        "articles q": "/articles/?q=CSTO troops&ordering=relevance",
        "article": article.get_absolute_url(),
        "article (round-up)": round_up.get_absolute_url(),
        "article staff preview": ("staff", corpus.hidden[0].get_absolute_url()),
        "archive year": "/archive/2022/",
        "archive month": "/archive/2022/01/",
        "archive day": f"/archive/{article.published_on:%Y/%m/%d}/",
        "search": "/search/?q=CSTO Russia",
        "feed latest rss": "/feeds/latest/",
        "feed latest atom": "/feeds/latest/atom/",
        "feed theme": f"/feeds/themes/{theme}/",
        "feed actor": f"/feeds/actors/{actor}/atom/",
        "feed author": f"/feeds/authors/{author}/",
        "sitemap": "/sitemap.xml",
        "robots": "/robots.txt",
        # the reference pages (built separately) for comparison
        "actors": "/actors/",
        "actor": f"/actors/{actor}/",
        "themes": "/themes/",
        "theme": f"/themes/{theme}/",
        "author": f"/authors/{author}/",
        "claims": "/claims/",
        "claim": claim.get_absolute_url(),
        "timeline": "/timeline/",
    }
    return {"pages": pages, "staff": staff}


def run(built, args, CaptureQueriesContext, connection):
    from django.test import Client

    reader = Client()
    staff = Client()
    staff.force_login(built["staff"])
    rows = []
    for name, target in built["pages"].items():
        if args.page_filter and args.page_filter not in name:
            continue
        client, url = (staff, target[1]) if isinstance(target, tuple) else (reader, target)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        queries = len(captured)  # now: every request start empties the log
        if response.status_code != 200:
            rows.append((name, url, response.status_code, None, None, queries))
            continue
        times = []
        for _ in range(args.requests):
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        rows.append((name, url, 200, statistics.median(times), percentile(times, 0.95), queries))

    print(f"\n{args.requests} requests per page through the test client (no network, no static files)\n")
    print(f"{'page':<24} {'status':>6} {'median ms':>10} {'p95 ms':>8} {'queries':>8}  url")
    for name, url, status, median, p95, queries in rows:
        timing = f"{median:10.1f} {p95:8.1f}" if median is not None else f"{'-':>10} {'-':>8}"
        print(f"{name:<24} {status:>6} {timing} {queries:>8}  {url}")


if __name__ == "__main__":
    main()
