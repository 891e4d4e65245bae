#!/usr/bin/env python
"""Every public page at 100, 10,000 (and 100,000) articles, served as in production: ``make bench``.

For each size, builds once (then reuses: ``bench_pages_data.py``) a SQLite database under var/bench/ with
the launch content plus generated published articles of about 1,000 words made of
the launch texts' sentences, with bylines, themes, actor mentions (a few hub
actors in a large share of them) and approved comments. The newest 25 share one
author, theme and hub actor, so the author page and the filtered list show a full
page at every size and differ across sizes only in the size of the site. Then it serves it with
gunicorn (production settings: DEBUG off, 2 sync workers) and measures each page:

- serial time: median of sequential requests with the page cache off (the work the
  page really does), and its ratio to the same page at the smallest size; a server
  per size runs at once and the sizes take turns request by request, so a drift in
  the machine's speed does not show as a ratio;
- bytes: size of the HTML (or XML) and gzip size as sent to browsers;
- queries: SQL queries of one uncached request (counted in this process);
- throughput with the page cache on, as % of a bare Django view (``/_bench/bare/``),
  and without it, as % of a bare 20-row template page (``/_bench/floor/``), each
  measured in the same run by the same server;
- worker memory (RSS) after each size, and the time to save an actor (name and
  alias change, recount queued for the worker) at each size.

    python scripts/bench_pages.py [--sizes 100,10000] [--port 8790] [--seconds 2] [--rebuild]

With ``DATABASE_URL`` set to a PostgreSQL database, the data sets are PostgreSQL
databases named after it plus ``_bench_pages_<size>`` on the same server (built
once, then reused), and the server runs over them.

Not part of the test suite; nothing here touches your real database.
"""

import argparse
import gzip
import os
import random
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
from bench_pages_data import ensure_database, environment  # noqa: E402 - after the path


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,10000", help="article counts (default 100,10000; add 100000)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8790")))
    parser.add_argument("--serial", type=int, default=15, help="sequential requests per page (default 15)")
    parser.add_argument("--seconds", type=float, default=2.0, help="seconds of load per throughput figure")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients for throughput (default 4)")
    parser.add_argument("--rebuild", action="store_true", help="regenerate the cached databases")
    return parser.parse_args()


# -- measuring ----------------------------------------------------------------------------


def pages_for(db):
    """{name: url} of every public page kind, picked from the data set (run in a child)."""
    out = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, __file__, "--list-pages", str(db)],
        env=environment(db, page_cache=False),
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    pages = {}
    for line in out.splitlines():
        if "\t" in line:
            name, url, queries = line.split("\t")
            pages[name] = (url, int(queries))
    FIRST_VIEWS[str(db)] = pages.pop("first views")[0].split()
    return pages


# Per data set: articles no server has shown yet, for the article page's first view.
FIRST_VIEWS = {}


def list_pages():
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from actors.models import Actor
    from articles.models import Article, ArticleAuthor, Author, Claim, Publication, Theme

    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1"]
    latest = Article.objects.published().by_date()
    article = latest[len(latest) // 2] if latest.count() < 200 else latest[100]
    # The hub, theme and author the generator gave a full page of the newest pieces (build).
    hub = Actor.objects.order_by("pk").first()
    theme = Theme.objects.order_by("pk").first()
    author = Author.objects.get(
        pk=ArticleAuthor.objects.filter(article__slug__startswith="bench-").order_by("article").values("author")[:1]
    )
    publication = Publication.objects.filter(articles__isnull=False).order_by("pk").first()
    claim = Claim.objects.filter(citations__isnull=False).order_by("pk").first()
    pages = {
        "floor (20 rows)": "/_bench/floor/",
        "bare view": "/_bench/bare/",
        "home": "/",
        "articles list": "/articles/",
        "articles page 3": "/articles/?page=3",
        "articles filtered": f"/articles/?theme={theme.slug}&actor={hub.slug}",
        "article": article.get_absolute_url(),
        "archive month": "/archive/2022/01/",
        "actors": "/actors/",
        "actor (hub)": hub.get_absolute_url(),
        "themes": "/themes/",
        "theme": theme.get_absolute_url(),
        "author": author.get_absolute_url(),
        "publication": publication.get_absolute_url(),
        "claims": "/claims/",
        "claim": claim.get_absolute_url(),
        "timeline": "/timeline/",
        "feed (rss)": "/feeds/latest/",
        "feed actor (atom)": f"/feeds/actors/{hub.slug}/atom/",
        "sitemap index": "/sitemap.xml",
        "sitemap articles": "/sitemap-articles.xml",
    }
    client = Client()
    print("first views\t" + " ".join(a.get_absolute_url() for a in latest[20:35]) + "\t0")
    for name, url in pages.items():
        with CaptureQueriesContext(connection) as captured:
            status = client.get(url).status_code
        assert status == 200, (name, url, status)
        print(f"{name}\t{url}\t{len(captured)}")


class Server:
    def __init__(self, db, port, *, page_cache):
        self.port = port
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and script
            [
                str(ROOT / ".venv" / "bin" / "gunicorn"), "--config", str(ROOT / "kzportal" / "gunicorn.conf.py"),
                "--bind", f"127.0.0.1:{port}", "--workers", "2", "--worker-class", "sync",
                "--access-logfile", "/dev/null", "kzportal.wsgi:application",
            ],
            env=environment(db, page_cache=page_cache),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                fetch(self.url("/_bench/bare/"))
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def worker_rss_mib(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        total = []
        for pid in children:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total.append(int(line.split()[1]) / 1024)
        return max(total) if total else 0.0

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


def fetch(url, accept_gzip=False, *, with_type=False):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if accept_gzip else {})  # noqa: S310 - http to our own loopback server
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - our own loopback server
        body = response.read()
        return (body, response.headers.get_content_type()) if with_type else body


def serial_times(paths, pages, args):
    """{size: {page: median ms}} of sequential requests, page cache off, with a server for
    every size running at once and the sizes taking turns request by request (in a new
    order each round): the machine's speed drifts by 10-30 % over the minutes a size
    takes to measure, and timed one size after the other, that drift was in the ratios."""
    sizes = list(paths)
    servers = {}
    try:
        for offset, n in enumerate(sizes, start=1):
            servers[n] = Server(paths[n], args.port + offset, page_cache=False)
        times = {n: {name: [] for name in pages[n]} for n in sizes}
        rng = random.Random(7)
        for name in pages[sizes[0]]:
            for n in sizes:
                fetch(servers[n].url(pages[n][name][0]))  # warm both workers' per-process caches
                fetch(servers[n].url(pages[n][name][0]))
            for _ in range(args.serial):
                for n in rng.sample(sizes, len(sizes)):
                    started = time.perf_counter()
                    fetch(servers[n].url(pages[n][name][0]))
                    times[n][name].append((time.perf_counter() - started) * 1000)
    finally:
        for server in servers.values():
            server.stop()
    return {n: {name: statistics.median(values) for name, values in by_name.items()} for n, by_name in times.items()}


def throughput(url, seconds, clients):
    """Requests per second from ``clients`` concurrent clients over ``seconds``.

    A warm-up of the same load runs first, untimed: one request warms only the worker
    that answers it, and the other worker's first request (a cold page cache and
    per-process caches such as the facet counts) would otherwise be timed.
    """

    def load(duration):
        done = [0] * clients
        stop = time.perf_counter() + duration

        def run(i):
            while time.perf_counter() < stop:
                fetch(url, accept_gzip=True)
                done[i] += 1

        threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return sum(done) / (time.perf_counter() - started)

    load(max(0.3, seconds / 4))
    return load(seconds)


def time_actor_save(db):
    out = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, __file__, "--time-actor-save", str(db)],
        env=environment(db, page_cache=False),
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return float(out.strip().splitlines()[-1])


def actor_save():
    """Seconds to save an actor with a new name and alias as the admin does (the recount is queued)."""
    import django

    django.setup()
    from django.db import transaction

    from actors.models import Actor, ActorAlias

    actor = Actor.objects.order_by("pk").first()
    started = time.perf_counter()
    with transaction.atomic():
        actor.name = actor.name + " "
        actor.name = actor.name.strip() + "."
        actor.save()
        alias = ActorAlias.objects.create(actor=actor, name=f"bench alias {time.time_ns()}")
    elapsed = time.perf_counter() - started
    with transaction.atomic():  # put it back (queues another recount, which the worker would run)
        alias.delete()
        actor.name = actor.name.removesuffix(".")
        actor.save()
    from huey.contrib.djhuey import HUEY

    HUEY.flush()
    print(f"{elapsed:.3f}")


def measure(n, db, args, pages, serial):
    results = {name: {"url": url, "queries": q, "ms": serial[name]} for name, (url, q) in pages.items()}
    server = Server(db, args.port, page_cache=False)
    try:
        for row in results.values():
            body, row["type"] = fetch(server.url(row["url"]), with_type=True)
            row["bytes"] = len(body)
            row["gzip"] = len(gzip.compress(body, 6))
        for name in ("floor (20 rows)", "article", "articles list", "actor (hub)"):
            results[name]["rps_nocache"] = throughput(server.url(results[name]["url"]), args.seconds, args.clients)
        # An article's first view since the last write: its parts are rendered, not kept ones.
        first_views = []
        for url in FIRST_VIEWS[str(db)]:
            started = time.perf_counter()
            fetch(server.url(url))
            first_views.append((time.perf_counter() - started) * 1000)
        results["article"]["first_view_ms"] = statistics.median(first_views)
        results["article"]["first_views"] = len(first_views)
        rss_nocache = server.worker_rss_mib()
    finally:
        server.stop()
    server = Server(db, args.port, page_cache=True)
    try:
        for row in results.values():
            row["rps_cache"] = throughput(server.url(row["url"]), args.seconds, args.clients)
        rss_cache = server.worker_rss_mib()
    finally:
        server.stop()
    return results, max(rss_nocache, rss_cache), time_actor_save(db)


def report(all_results, sizes):
    first = sizes[0]
    print()
    url = os.environ.get("DATABASE_URL", "")
    print("Database:", "PostgreSQL" if url.startswith("postgres") else "SQLite")
    print("Serial ms: median of sequential requests, page cache off, the sizes taking turns. xN: time / time at the smallest size.")
    print("req/s cached: page cache on, as % of the bare view. Uncached req/s as % of the 20-row floor page.")
    print("KB: HTML / gzip. q: SQL queries of one uncached request.\n")
    header = f"{'page':<20}" + "".join(f" | {n:>7,} ms  x{'':<4} KB html/gz   q  cached r/s (%bare)" for n in sizes)
    print(header)
    for name in all_results[first][0]:
        line = f"{name:<20}"
        for n in sizes:
            results, _, _ = all_results[n]
            row = results[name]
            base = all_results[first][0][name]["ms"]
            bare = results["bare view"]["rps_cache"]
            line += (
                f" | {row['ms']:10.1f} {row['ms'] / base:5.2f} {row['bytes'] / 1024:6.1f}/{row['gzip'] / 1024:5.1f}"
                f" {row['queries']:3d} {row['rps_cache']:7.0f} ({100 * row['rps_cache'] / bare:3.0f}%)"
            )
        print(line)
    print()
    for n in sizes:
        results, rss, save = all_results[n]
        floor = results["floor (20 rows)"]["rps_nocache"]
        uncached = ", ".join(
            f"{name} {results[name]['rps_nocache']:.0f} r/s ({100 * results[name]['rps_nocache'] / floor:.0f}% of floor)"
            for name in ("article", "articles list", "actor (hub)")
        )
        print(f"{n:>7,} articles: page cache off: floor {floor:.0f} r/s; {uncached}")
        print(f"{'':>17} article's first view since the last write (its parts rendered, not kept):"
              f" {results['article']['first_view_ms']:.1f} ms serial, median of {results['article']['first_views']} articles")
        print(f"{'':>17} worker RSS {rss:.0f} MiB; saving an actor (name + alias) {save * 1000:.0f} ms")
    # The target is for HTML pages. Feeds and sitemaps are XML for machines; the sitemap
    # index is the one response that grows with the site (an entry per section page: the
    # protocol allows no index of indexes), so it is reported on its own line.
    print()
    for kind, label, target in (("text/html", "HTML page", " (target <= 150 KB)"), ("xml", "XML (feeds, sitemaps)", "")):
        size, name, n = max(
            (row["bytes"], name, n) for n in sizes for name, row in all_results[n][0].items() if kind in row["type"]
        )
        print(f"Largest {label}: {size / 1024:.1f} KB, {name} at {n:,} articles{target}")


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--list-pages":
        return list_pages()
    if len(sys.argv) > 1 and sys.argv[1] == "--time-actor-save":
        return actor_save()
    args = parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    paths = {n: ensure_database(n, args.rebuild) for n in sizes}
    pages = {n: pages_for(paths[n]) for n in sizes}
    print(f"Timing every page at {', '.join(f'{n:,}' for n in sizes)} articles, the sizes taking turns ...", flush=True)
    serial = serial_times(paths, pages, args)
    all_results = {}
    for n in sizes:
        print(f"Measuring {n:,} articles ...", flush=True)
        all_results[n] = measure(n, paths[n], args, pages[n], serial[n])
    report(all_results, sizes)
    return None


if __name__ == "__main__":
    main()
