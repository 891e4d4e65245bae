"""Degrade, don't fail: a locked database is a 503 that keeps the reader's text; a dead cache loses nothing.

Real faults: another SQLite connection holding the write lock on the test
database, and a Redis cache on a port where nothing listens.
"""

import logging
import sqlite3
import time

import pytest
from django.db import connection
from django.test import Client

from articles.comments.unavailable import TRY_AGAIN
from articles.models import Comment
from tests.support.comments import comment_url, csrf_token_from, form_data, post_comment, send
from tests.support.factories import ArticleFactory

from .figures import record
from .servers import closed_port

pytestmark = pytest.mark.django_db(transaction=True)

needs_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="holds a SQLite write lock")


class WriteLock:
    """A second connection to the same database holding its write lock, as a long writer would."""

    def __enter__(self):
        name = connection.settings_dict["NAME"]
        if connection.is_in_memory_db():
            name = connection.creation._get_test_db_name()
        self.other = sqlite3.connect(name, uri=True, timeout=0, isolation_level=None)
        self.other.execute("BEGIN IMMEDIATE")
        self.other.execute("INSERT INTO articles_publication (name, slug, url, description, aliases) VALUES ('x', 'lock', '', '', '')")
        return self

    def __exit__(self, *exc):
        self.other.execute("ROLLBACK")
        self.other.close()


@needs_sqlite
def test_a_comment_posted_into_a_locked_database_comes_back_with_its_text():
    article = ArticleFactory(published=True)
    browser = Client(enforce_csrf_checks=True)
    csrf = csrf_token_from(browser.get(article.get_absolute_url()).content.decode())
    typed = "A long reply I wrote while the site was busy — it must survive.\nSecond paragraph."
    with WriteLock():
        started = time.monotonic()
        response = send(browser, comment_url(article), form_data(article, body=typed, csrfmiddlewaretoken=csrf))
        elapsed = time.monotonic() - started
    record("sqlite_locked_test_client", {"comment_post": (response.status_code, round(elapsed, 2))})
    assert response.status_code == 503
    assert response["Retry-After"]
    html = response.content.decode()
    assert "please send it again" in html and TRY_AGAIN.split(":")[0] in html
    assert "A long reply I wrote while the site was busy — it must survive." in html
    assert not Comment.objects.exists()
    # The page it showed is a working form: sent again once the lock is gone, it is stored.
    resent = {
        "name": "Aigerim",
        "email": "aigerim@example.org",
        "body": typed,
        "website": "",
        "token": form_data(article)["token"],
        "csrfmiddlewaretoken": csrf_token_from(html),
    }
    assert f'action="{comment_url(article)}#comment-form"' in html
    assert send(browser, comment_url(article), resent).status_code == 302
    assert Comment.objects.get().body == typed


@needs_sqlite
def test_a_page_that_cannot_read_is_a_503_with_retry_after(client, settings):
    page = ArticleFactory(published=True).publication.get_absolute_url()
    assert client.get(page).status_code == 200
    with WriteLock():
        # In the shared-cache test database a writer also blocks readers of the table it wrote.
        response = client.get(page)
    if response.status_code == 200:
        pytest.skip("this SQLite lets readers past the writer (WAL file): nothing to degrade")
    assert response.status_code == 503
    assert response["Retry-After"] == str(settings.KZ_RETRY_AFTER)
    assert "Back in a moment" in response.content.decode()
    # Recovery without restart.
    assert client.get(page).status_code == 200


@pytest.fixture
def dead_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    return settings


def test_with_the_cache_down_pages_render_and_comments_are_accepted(client, dead_cache, caplog):
    article = ArticleFactory(published=True)
    assert client.get("/").status_code == 200
    assert client.get(article.get_absolute_url()).status_code == 200
    posted = []
    with caplog.at_level(logging.WARNING, logger="articles.comments.ratelimit"):
        for n in range(3):
            started = time.monotonic()
            response = post_comment(client, article, body=f"Comment number {n} while Redis is down.")
            posted.append((response.status_code, time.monotonic() - started))
    record("redis_down_test_client", {"comment_posts": [(s, round(t, 2)) for s, t in posted],
                                      "lost": 3 - Comment.objects.count()})
    assert [status for status, _ in posted] == [302, 302, 302]
    assert Comment.objects.count() == 3
    assert "rate limit not applied" in caplog.text
