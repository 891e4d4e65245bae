"""PostgreSQL stopped and hung under a real gunicorn: 503s within the timeout, no comment lost,
recovery without restarting the app servers.

The cluster is the test's own (initdb on a port from this checkout's range),
stopped with pg_ctl and "hung" by SIGSTOPping every one of its processes.
Skipped where the PostgreSQL server binaries are not installed.
"""

import html as htmllib
import time

import psycopg
import pytest

from .browser import Browser, first_article_path, form_fields
from .figures import record
from .servers import free_port
from .services import Gunicorn, ThrowawayPostgres, manage, postgres_bindir

pytestmark = [
    pytest.mark.ops,
    pytest.mark.skipif(postgres_bindir() is None, reason="PostgreSQL server binaries (initdb) not installed"),
]

REQUEST_TIMEOUT = 5


@pytest.fixture(scope="module")
def pg():
    cluster = ThrowawayPostgres(free_port()).init().start()
    env = {"DATABASE_URL": cluster.url, "SECRET_KEY": "ops-tests-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz", "KZ_LOCAL_HTTP": "1"}
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_launch_content", "-v0")
    yield cluster
    cluster.destroy()


@pytest.fixture(scope="module")
def site(pg, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("site")
    env = {
        "DATABASE_URL": pg.url,
        "REDIS_URL": "",
        "SECRET_KEY": "ops-tests-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz", "KZ_LOCAL_HTTP": "1",
        "HUEY_SQLITE_PATH": str(tmp / "tasks.sqlite3"),
        "WEB_CONCURRENCY": "2",
        "KZ_WORKER_TIMEOUT": "15",
        "KZ_REQUEST_TIMEOUT": str(REQUEST_TIMEOUT),
        "DB_CONNECT_TIMEOUT": "2",
        "DB_STATEMENT_TIMEOUT": "3",
        "KZ_COMMENT_RATE": "1000/m",
    }
    with Gunicorn(env, free_port(), tmp / "gunicorn.log") as server:
        yield server


def stored(pg, body) -> int:
    with psycopg.connect(f"host=127.0.0.1 port={pg.port} user=postgres dbname=postgres", connect_timeout=5) as conn:
        return conn.execute("SELECT COUNT(*) FROM articles_comment WHERE body = %s", [body]).fetchone()[0]


def run_fault(name, pg, site, break_it, repair_it):
    browser = Browser()
    article = first_article_path(browser.get(site.base + "/articles/").body)
    page = browser.get(site.base + article)
    assert page.status == 200
    # One form per comment, as each reader has their own page (form tokens are single-use).
    forms = [form_fields(page.body), form_fields(browser.get(site.base + article).body)]
    time.sleep(3.2)  # the form's "faster than a person" check

    break_it()
    try:
        reads = [browser.get(site.base + path) for path in (article, "/", article, "/themes/")]
        texts = [f"{name}: comment {n} written while the database is out — keep me." for n in range(2)]
        posts = [
            browser.post(site.base + article + "comments/",
                         {"name": "Reader", "email": "r@example.org", "body": text, "website": "", **fields})
            for fields, text in zip(forms, texts, strict=True)
        ]
    finally:
        repair_it()
    after = [browser.get(site.base + article) for _ in range(3)]

    kept = [text for text, reply in zip(texts, posts, strict=True) if text in htmllib.unescape(reply.body)]
    # Send each one again from the page it came back on.
    resent = []
    for text, reply in zip(texts, posts, strict=True):
        again = form_fields(reply.body)
        resent.append(browser.post(site.base + article + "comments/",
                                   {"name": "Reader", "email": "r@example.org", "body": text, "website": "", **again}))
    lost = sum(1 for text in texts if stored(pg, text) == 0)
    record(name, {
        "reads": [(r.status, round(r.seconds, 2)) for r in reads],
        "comment_posts": [(r.status, round(r.seconds, 2)) for r in posts],
        "text_shown_back": f"{len(kept)}/{len(texts)}",
        "retry_after": posts[0].headers.get("Retry-After"),
        "after_repair": [(r.status, round(r.seconds, 2)) for r in after],
        "resent": [r.status for r in resent],
        "lost": lost,
    })
    return reads, posts, after, kept, resent, lost


def test_postgres_stopped(pg, site):
    reads, posts, after, kept, resent, lost = run_fault("postgres_stopped", pg, site, pg.stop, pg.start)
    assert all(r.status == 503 and r.headers.get("Retry-After") for r in reads)
    assert all(r.seconds < 3 for r in reads + posts)
    assert [r.status for r in posts] == [503, 503]
    assert len(kept) == 2
    assert [r.status for r in after] == [200, 200, 200]  # recovered, no restart
    assert [r.status for r in resent] == [302, 302] and lost == 0


def test_postgres_hung(pg, site):
    reads, posts, after, kept, resent, lost = run_fault("postgres_hung", pg, site, pg.hang, pg.resume)
    assert all(r.status == 503 for r in reads + posts)
    # Bounded by the request deadline (or connect_timeout), well inside gunicorn's 15 s.
    assert all(r.seconds < REQUEST_TIMEOUT + 1.5 for r in reads + posts)
    assert len(kept) == 2
    assert [r.status for r in after] == [200, 200, 200]
    assert [r.status for r in resent] == [302, 302] and lost == 0
