#!/usr/bin/env python
"""Time site search at scale: ``make bench`` (after the page benchmark).

Builds (once, then reuses) a database with the launch content plus N generated
published articles whose titles, standfirsts and bodies are sentences drawn
from the launch commentary, so words are spread the way real text spreads
them; then requests ``/search/?q=`` for a set of reader queries R times each
through Django's test client and prints p50/p95 over all requests and the
SQL query count of each query.

    python scripts/bench_search.py [--articles 10000] [--requests 10] [--rebuild]

SQLite: the database file is cached in var/bench/search-N.sqlite3. PostgreSQL
(``DATABASE_URL`` set): a database named after yours plus ``_bench_search_N``
is created next to it and kept for the next run; ``--rebuild`` starts both
afresh. Nothing here touches your real database.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

QUERIES = [
    "CSTO Russia",
    "Nazarbaev",
    "Тоқаев",
    "who sent troops to Kazakhstan",
    "color revolution",
    "Russia's security guarantor",
    "multivector foreign policy",
    "Galeoti",
    "Kizekova",
    "uranium",
    "fuel prices protests",
    "once Russians are in your house",
    "Xi Jinping praise",
    "Article 4",
    "shanghai cooperation organization",
    "terorists",
    "Afghanistan withdrawal",
    "division of labor China security",
    "Tokayev coup against Nazarbayev",
    "zzqx nothing here",
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000, help="generated articles (default 10000)")
    parser.add_argument("--requests", type=int, default=10, help="timed requests per query (default 10)")
    parser.add_argument("--rebuild", action="store_true", help="regenerate the cached database")
    return parser.parse_args()


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def main():
    args = parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kzportal.settings")
    os.environ.setdefault("SECRET_KEY", "benchmark-only-key")
    os.environ["KZ_MANIFEST_STATIC"] = "0"
    # Every request must run the search: a page-cache hit would time a dictionary lookup.
    os.environ["KZ_PAGE_CACHE"] = "0"
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        from benchdb import postgres_database

        os.environ["DATABASE_URL"], _ = postgres_database(url, f"bench_search_{args.articles}", rebuild=args.rebuild)
        where = f"PostgreSQL database {os.environ['DATABASE_URL'].rsplit('/', 1)[1]}"
    else:
        path = ROOT / "var" / "bench" / f"search-{args.articles}.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        if args.rebuild and path.exists():
            path.unlink()
        os.environ["SQLITE_PATH"] = str(path)
        where = f"SQLite file {path.relative_to(ROOT)}"

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0, interactive=False)
    from articles.models import Article

    if Article.objects.count() < args.articles:
        started = time.perf_counter()
        generate(args.articles)
        print(f"Generated {Article.objects.count()} articles in {time.perf_counter() - started:.0f}s ({where}).")
    else:
        print(f"Reusing {Article.objects.count()} articles ({where}; --rebuild to regenerate).")
    run(args)


def generate(n):
    """The launch content, then ``n`` articles made of its sentences, indexed in bulk."""
    from benchdb import launch_sentences
    from django.db import transaction
    from django.utils import timezone

    from articles.launch import load_launch_content
    from articles.models import Article, ArticleAuthor, Author
    from articles.search.index import rebuild

    if not Article.objects.exists():
        load_launch_content()
    sentences = launch_sentences()
    rng = random.Random(11)
    authors = list(Author.objects.all())
    now = timezone.now()
    existing = Article.objects.count()
    with transaction.atomic():
        batch = []
        for i in range(existing, n):
            words = rng.choice(sentences).split()
            batch.append(
                Article(
                    title=" ".join(words[: rng.randint(5, 10)]).rstrip(",;:"),
                    slug=f"generated-{i}",
                    standfirst=rng.choice(sentences),
                    body="\n\n".join(
                        " ".join(rng.sample(sentences, 4)) for _ in range(rng.randint(3, 8))
                    ),
                    status=Article.Status.PUBLISHED,
                    live_from=now,
                    published_on=now.date(),
                )
            )
            if len(batch) == 1000:
                Article.objects.bulk_create(batch)
                batch = []
        Article.objects.bulk_create(batch)
        # bulk_create skips signals (and Article.save): bylines and the index are filled in bulk too.
        generated = Article.objects.filter(slug__startswith="generated-").values_list("pk", flat=True)
        ArticleAuthor.objects.bulk_create(
            [ArticleAuthor(article_id=pk, author=authors[pk % len(authors)], order=0) for pk in generated],
            batch_size=1000,
        )
        rebuild()
    # A live site's tables have planner statistics and, on PostgreSQL, visibility maps
    # (autovacuum keeps both); a database filled a moment ago has neither, and the plans
    # then measured are not the site's (without the visibility map, "which articles are
    # published" reads the whole table instead of an index-only scan).
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def run(args):
    import gc

    from django.db import connection
    from django.test import Client

    from articles import search

    client = Client()
    client.get("/search/", {"q": QUERIES[0]})
    # As every gunicorn worker does once the site is loaded (post_worker_init in
    # kzportal/gunicorn.conf.py): without it a full collection walking everything
    # Django loaded stalled one request in 200 by 35-60 ms.
    gc.freeze()
    timings, rows = [], []
    for query in QUERIES:
        executed = []

        def count(execute, *args, executed=executed):
            executed.append(1)
            return execute(*args)

        with connection.execute_wrapper(count):
            response = client.get("/search/", {"q": query})
        assert response.status_code == 200, (query, response.status_code)
        times = []
        for _ in range(args.requests):
            started = time.perf_counter()
            client.get("/search/", {"q": query})
            times.append((time.perf_counter() - started) * 1000)
        timings += times
        total = search.search(query).total
        rows.append((query, statistics.median(times), percentile(times, 0.95), len(executed), total))
    print(f"\n/search/ on {connection.vendor}, {args.requests} requests per query through the test client\n")
    print(f"{'query':<36} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'results':>8}")
    for query, median, p95, queries, total in rows:
        print(f"{query:<36} {median:10.1f} {p95:8.1f} {queries:>8} {total:>8}")
    print(
        f"\nAll search requests: p50 {statistics.median(timings):.1f} ms, p95 {percentile(timings, 0.95):.1f} ms "
        f"(target p95 < 50 ms)"
    )


if __name__ == "__main__":
    main()
