#!/usr/bin/env python
"""The data sets of ``scripts/bench_pages.py``: built once per size, then reused.

Each is the launch content plus N generated published articles of about 1,000 words
made of the launch texts' sentences, with bylines, themes, actor mentions (a few hub
actors in a large share of them) and approved comments; the newest 25 share one
author, theme and hub actor (see bench_pages.py for why). SQLite files live in
var/bench/pages-<N>.sqlite3; with ``DATABASE_URL`` set to PostgreSQL, databases named
after it plus ``_bench_pages_<N>``. ``environment()`` is the settings every child
process and the benchmark's servers run with.

    python scripts/bench_pages_data.py --build-one N <sqlite path or PostgreSQL URL>

(run by ``ensure_database``, in a child process with ``environment()``).
"""

import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "var" / "bench"
SECRET = "benchmark-only-key-0123456789abcdefghijklmnopqrstuvwxyz-0123456789"  # noqa: S105 - a throwaway key for the loopback server


def environment(db, *, page_cache):
    """The server's and children's environment for ``db``: a SQLite file (a Path) or a
    PostgreSQL URL."""
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    db_path = db if isinstance(db, Path) else BENCH / f"pages-{db.rsplit('/', 1)[1]}.pg"
    env.update(
        DJANGO_SETTINGS_MODULE="bench_settings",
        PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "scripts")]),
        SECRET_KEY=SECRET,
        DEBUG="0",
        KZ_LOCAL_HTTP="1",
        KZ_MANIFEST_STATIC="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SQLITE_PATH=str(db_path),
        HUEY_SQLITE_PATH=str(db_path.with_suffix(".tasks")),
        KZ_PAGE_CACHE="1" if page_cache else "0",
        LOG_LEVEL="WARNING",
    )
    if not isinstance(db, Path):
        env["DATABASE_URL"] = db
    return env


# -- building ---------------------------------------------------------------------------


def build(n, db_path):
    """Run in a child process (Django set up for ``db_path``): launch content + n articles."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    call_command("migrate", verbosity=0, interactive=False)
    from benchdb import launch_sentences

    from actors.models import Actor
    from articles import pagecache
    from articles.launch import load_launch_content
    from articles.models import (
        Article,
        ArticleActor,
        ArticleAuthor,
        Author,
        Comment,
        Publication,
        Theme,
        ThemedItem,
    )
    from articles.rendering.markdown import render_markdown
    from articles.search.index import rebuild

    started = time.perf_counter()
    with pagecache.paused():
        if not Article.objects.exists():
            load_launch_content()
        sentences = launch_sentences()
        rng = random.Random(15)
        with transaction.atomic():
            authors = list(Author.objects.all()) + Author.objects.bulk_create(
                [Author(name=f"Analyst {i}", slug=f"bench-analyst-{i}") for i in range(max(5, n // 25))]
            )
            publications = list(Publication.objects.all()) + Publication.objects.bulk_create(
                [Publication(name=f"Review {i}", slug=f"bench-review-{i}") for i in range(max(2, n // 200))]
            )
        themes = list(Theme.objects.order_by("pk"))
        actors = list(Actor.objects.order_by("pk"))
        hubs, others = actors[:3], actors[3:] or actors
        # The newest FULL generated pieces are all by one author, with the first theme and
        # hub actor, so the author page and the filtered list (list_pages) show a full
        # page at every size: compared across sizes, they then differ in the site's size
        # only, not in how many rows they show (at 100 articles a random author had 8).
        full = 25
        from django.contrib.contenttypes.models import ContentType

        article_type = ContentType.objects.get_for_model(Article)
        now = timezone.now()
        existing = Article.objects.count()
        base_day = now.date()
        made = existing
        while made < n + existing:
            with transaction.atomic():
                batch = []
                for i in range(made, min(made + 500, n + existing)):
                    paragraphs = []
                    while sum(len(p.split()) for p in paragraphs) < 1000:
                        paragraphs.append(" ".join(rng.sample(sentences, 5)))
                    body = "\n\n".join(paragraphs)
                    words = rng.choice(sentences).split()
                    batch.append(
                        Article(
                            title=" ".join(words[: rng.randint(5, 10)]).rstrip(",;:"),
                            slug=f"bench-{i}",
                            standfirst=rng.choice(sentences),
                            body=body,
                            body_html=render_markdown(body),
                            publication=rng.choice(publications),
                            status=Article.Status.PUBLISHED,
                            live_from=now - timezone.timedelta(minutes=i),
                            published_on=base_day - timezone.timedelta(days=i % 1500),
                        )
                    )
                created = Article.objects.bulk_create(batch)
                def first(a):
                    return int(a.slug.rsplit("-", 1)[1]) - existing < full

                ArticleAuthor.objects.bulk_create(
                    [ArticleAuthor(article=a, author=authors[0] if first(a) else rng.choice(authors), order=0)
                     for a in created]
                )
                ThemedItem.objects.bulk_create(
                    [
                        ThemedItem(content_type=article_type, object_id=a.pk, tag=theme)
                        for a in created
                        for theme in {*rng.sample(themes, min(len(themes), rng.randint(1, 3))),
                                      *(themes[:1] if first(a) else [])}
                    ]
                )
                rows = []
                for a in created:
                    chosen = {h for h in hubs if rng.random() < 0.4} | set(rng.sample(others, min(len(others), 3)))
                    if first(a):
                        chosen.add(hubs[0])
                    rows += [
                        ArticleActor(article=a, actor=actor, mentions=rng.randint(1, 9), origin="detected")
                        for actor in chosen
                    ]
                ArticleActor.objects.bulk_create(rows)
                Comment.objects.bulk_create(
                    [
                        Comment(article=a, name="A reader", email="", body="A considered reply.", status="approved")
                        for a in created
                        if rng.random() < 0.3
                    ]
                )
                made += len(created)
            print(f"  {made - existing}/{n} articles", flush=True)
        rebuild()
    from django.db import connection

    from articles.maintenance import refresh_planner_statistics

    refresh_planner_statistics()  # what the task worker does every hour (SQLite)
    if connection.vendor == "postgresql":
        # Autovacuum's statistics and visibility maps, which a live database has.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(f"  built in {time.perf_counter() - started:.0f}s", flush=True)


def ensure_postgres(n, url, rebuild):
    from benchdb import postgres_database

    BENCH.mkdir(parents=True, exist_ok=True)
    db, new = postgres_database(url, f"bench_pages_{n}", rebuild=rebuild)
    done = BENCH / f"pages-{db.rsplit('/', 1)[1]}.built"
    if new:
        done.unlink(missing_ok=True)
    subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, str(ROOT / "manage.py"), "migrate", "-v", "0"],
        env=environment(db, page_cache=False),
        check=True,
    )
    if not done.exists():
        print(f"Building the {n:,}-article data set in PostgreSQL database {db.rsplit('/', 1)[1]} (once; reused by later runs)")
        subprocess.run(  # noqa: S603 - our own interpreter and script
            [sys.executable, __file__, "--build-one", str(n), db],
            env=environment(db, page_cache=False),
            check=True,
        )
        done.touch()
    return db


def ensure_database(n, rebuild):
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        return ensure_postgres(n, url, rebuild)
    path = BENCH / f"pages-{n}.sqlite3"
    BENCH.mkdir(parents=True, exist_ok=True)
    if rebuild:
        for old in BENCH.glob(f"pages-{n}.*"):
            old.unlink()
    done = path.with_suffix(".built")
    if done.exists():
        # A data set built by an older checkout: bring its schema up to date first.
        subprocess.run(  # noqa: S603 - our own interpreter and manage.py
            [sys.executable, str(ROOT / "manage.py"), "migrate", "-v", "0"],
            env=environment(path, page_cache=False),
            check=True,
        )
    if not done.exists():
        for old in BENCH.glob(f"pages-{n}.sqlite3*"):
            old.unlink()
        print(f"Building the {n:,}-article data set in {path.relative_to(ROOT)} (once; reused by later runs)")
        subprocess.run(  # noqa: S603 - our own interpreter and script
            [sys.executable, __file__, "--build-one", str(n), str(path)],
            env=environment(path, page_cache=False),
            check=True,
        )
        done.touch()
    return path


if __name__ == "__main__" and sys.argv[1:2] == ["--build-one"]:
    sys.path.insert(0, str(ROOT))
    build(int(sys.argv[2]), sys.argv[3])
