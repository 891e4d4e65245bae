"""articles/pagecache.py: ``remember()``, the values kept until the next write (the page
cache itself is kzportal/pagecache.py, tested in tests/kzportal/test_pagecache.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import ArticleActor
from tests.support.factories import ActorFactory, ArticleFactory, AuthorFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_a_request_makes_each_kept_value_once_even_when_the_cache_stores_nothing(client, settings):
    """The sitemap index asks for its sections' sizes twice per section: with the cache
    down (or failing to store), each ask recomputed them, nine queries each time."""
    for n in range(3):
        article = ArticleFactory(published=True, authors=[AuthorFactory()])
        article.themes.add(ThemeFactory())
        ArticleActor.objects.create(article=article, actor=ActorFactory(name=f"Actor {n}"))
    working = _queries(client, "/sitemap.xml")  # a cold cache: everything made once

    settings.CACHES = {**settings.CACHES, "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    assert _queries(client, "/sitemap.xml") == working
