"""SQLite's write lock held and Redis down, under a real gunicorn.

The SQLite database is a file of the test's own; the lock is held by another
connection (as a long writer or a stuck admin action would). Redis is a port
where nothing listens.
"""

import concurrent.futures
import html as htmllib
import json
import sqlite3
import time

import pytest

from .browser import Browser, first_article_path, form_fields
from .figures import record
from .servers import closed_port, free_port
from .services import Gunicorn, manage

pytestmark = pytest.mark.ops

BUSY_TIMEOUT = 2


@pytest.fixture(scope="module")
def sqlite_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("sqlite") / "site.sqlite3"
    env = {"SQLITE_PATH": str(path), "DATABASE_URL": "", "SECRET_KEY": "ops-tests-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz", "KZ_LOCAL_HTTP": "1"}
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_launch_content", "-v0")
    return path


def site_env(sqlite_db, tmp, **extra):
    return {
        "SQLITE_PATH": str(sqlite_db),
        "DATABASE_URL": "",
        "REDIS_URL": "",
        "SECRET_KEY": "ops-tests-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz", "KZ_LOCAL_HTTP": "1",
        "HUEY_SQLITE_PATH": str(tmp / "tasks.sqlite3"),
        "WEB_CONCURRENCY": "2",
        "KZ_WORKER_TIMEOUT": "15",
        "SQLITE_BUSY_TIMEOUT": str(BUSY_TIMEOUT),
        "KZ_COMMENT_RATE": "1000/m",
        **extra,
    }


def comment(fields, text):
    return {"name": "Reader", "email": "r@example.org", "body": text, "website": "", **fields}


def count_stored(path, text):
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT COUNT(*) FROM articles_comment WHERE body = ?", [text]).fetchone()[0]


def test_sqlite_write_lock(sqlite_db, tmp_path):
    with Gunicorn(site_env(sqlite_db, tmp_path), free_port(), tmp_path / "gunicorn.log") as site:
        browser = Browser()
        article = first_article_path(browser.get(site.base + "/articles/").body)
        # One form per comment, as each reader has their own page (form tokens are single-use).
        forms = [form_fields(browser.get(site.base + article).body) for _ in range(4)]
        time.sleep(3.2)
        lock = sqlite3.connect(sqlite_db, timeout=0, isolation_level=None)
        lock.execute("BEGIN IMMEDIATE")
        try:
            texts = [f"Posted under the SQLite lock, number {n}." for n in range(4)]
            with concurrent.futures.ThreadPoolExecutor(max_workers=6) as pool:
                # More posters than workers, and readers beside them.
                posts = [
                    pool.submit(browser.post, site.base + article + "comments/", comment(fields, t))
                    for fields, t in zip(forms, texts, strict=True)
                ]
                time.sleep(0.1)
                reads = [pool.submit(browser.get, site.base + path) for path in (article, "/")]
                posts = [future.result() for future in posts]
                reads = [future.result() for future in reads]
        finally:
            lock.execute("ROLLBACK")
            lock.close()
        kept = [t for t, r in zip(texts, posts, strict=True) if t in htmllib.unescape(r.body)]
        resent = [browser.post(site.base + article + "comments/", comment(form_fields(r.body), t)).status
                  for t, r in zip(texts, posts, strict=True)]
        lost = sum(1 for t in texts if count_stored(sqlite_db, t) == 0)
        log = (tmp_path / "gunicorn.log").read_text()
    record("sqlite_locked", {
        "comment_posts": [(r.status, round(r.seconds, 2)) for r in posts],
        "reads_beside_them": [(r.status, round(r.seconds, 2)) for r in reads],
        "text_shown_back": f"{len(kept)}/{len(texts)}",
        "resent": resent,
        "lost": lost,
    })
    assert [r.status for r in posts] == [503] * 4
    assert all(r.headers.get("Retry-After") for r in posts)
    # Each poster waits the busy timeout at most; with 4 posters on 2 workers, two wait in line.
    assert all(r.seconds < 2 * BUSY_TIMEOUT + 1.5 for r in posts)
    assert [r.status for r in reads] == [200, 200]
    assert len(kept) == 4 and resent == [302] * 4 and lost == 0
    # Two workers and no REDIS_URL: the server says at start-up that each keeps its own count.
    assert "The comment rate limit is per worker" in log


def test_redis_down(sqlite_db, tmp_path):
    # JSON logs, as deploy/env.example sets them: the request lines are read back below.
    env = site_env(sqlite_db, tmp_path, REDIS_URL=f"redis://127.0.0.1:{closed_port()}/0", KZ_COMMENT_RATE="5/10m",
                   LOG_FORMAT="json")
    with Gunicorn(env, free_port(), tmp_path / "gunicorn.log") as site:
        browser = Browser()
        article = first_article_path(browser.get(site.base + "/articles/").body)
        reads = [browser.get(site.base + path) for path in (article, "/", "/themes/")]
        forms = [form_fields(reads[0].body)] + [form_fields(browser.get(site.base + article).body) for _ in range(2)]
        time.sleep(3.2)
        texts = [f"Posted while Redis is down, number {n}." for n in range(3)]
        posts = [
            browser.post(site.base + article + "comments/", comment(fields, t))
            for fields, t in zip(forms, texts, strict=True)
        ]
        ready = browser.get(site.base + "/readyz")
        lost = sum(1 for t in texts if count_stored(sqlite_db, t) == 0)
        log = (tmp_path / "gunicorn.log").read_text()
    record("redis_down", {
        "reads": [(r.status, round(r.seconds, 2)) for r in reads],
        "comment_posts": [(r.status, round(r.seconds, 2)) for r in posts],
        "readyz": (ready.status, round(ready.seconds, 2)),
        "lost": lost,
    })
    assert [r.status for r in reads] == [200, 200, 200]
    assert [r.status for r in posts] == [302, 302, 302]
    assert lost == 0
    assert ready.status == 503 and ready.seconds < 1.5
    assert "rate limit not applied" in log
    # One JSON object per request line, with its id, as LOG_FORMAT=json promises.
    records = [json.loads(line) for line in log.splitlines() if line.startswith("{")]
    requests = [r for r in records if r["logger"] == "kzportal.request"]
    assert any(r["path"] == "/" and r["status"] == 200 and len(r["request_id"]) == 32 for r in requests)
    assert any(r["status"] == 302 and r["method"] == "POST" for r in requests)
    assert not [r for r in requests if r["path"] == "/readyz"]  # probes stay out of the INFO log
