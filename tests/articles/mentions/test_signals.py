"""Mentions recounted when an actor's names change (articles/mentions/signals.py)."""

import pytest
from django.db import connection

from actors.models import ActorAlias
from tests.support.factories import ActorFactory, ArticleFactory

pytestmark = pytest.mark.django_db

# The search index's re-marking of one new actor (PostgreSQL): names, stored query,
# marking (each batch its own transaction), index upkeep and the generation.
RE_MARKING = 17


def _mentions(article):
    return {row.actor.name: row.mentions for row in article.article_actors.select_related("actor")}


def test_saving_an_actor_with_aliases_recounts_existing_articles_once(
    django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    article = ArticleFactory(body="Moscow acted. Moscow stayed.")
    with django_capture_on_commit_callbacks() as callbacks:
        # What the admin does in one transaction: the actor, then its alias inline.
        russia = ActorFactory(name="Russia")
        ActorAlias.objects.create(actor=russia, name="Moscow")
        ActorAlias.objects.create(actor=russia, name="the Kremlin")
    assert _mentions(article) == {}  # nothing happens before the commit
    # One queued recount (one batch, then the empty batch that ends it), not three; on
    # PostgreSQL one re-marking of the search index too (articles/search/actor_tokens.py).
    with django_assert_max_num_queries(11 + (RE_MARKING if connection.vendor == "postgresql" else 0)):
        for callback in callbacks:
            callback()
    assert _mentions(article) == {"Russia": 2}


def test_removing_an_alias_drops_the_detected_mention_once_committed(django_capture_on_commit_callbacks):
    article = ArticleFactory(body="Ankara hesitated.")
    with django_capture_on_commit_callbacks(execute=True):
        turkey = ActorFactory(name="Turkey")
        alias = ActorAlias.objects.create(actor=turkey, name="Ankara")
    assert _mentions(article) == {"Turkey": 1}
    with django_capture_on_commit_callbacks(execute=True):
        alias.delete()
    assert _mentions(article) == {}


def test_saving_an_actor_without_changing_its_name_queues_no_recount(django_capture_on_commit_callbacks):
    russia = ActorFactory(name="Russia")
    ArticleFactory(body="Russia acted.")
    russia.description = "A neighbour to the north."
    with django_capture_on_commit_callbacks() as callbacks:
        russia.save()
    assert callbacks == []


def test_saving_an_actor_returns_before_the_recount_runs(settings, django_capture_on_commit_callbacks):
    """With a real queue (not immediate), the request only enqueues: the article keeps its
    old counts until the worker has run."""
    from huey.contrib.djhuey import HUEY
    from huey.storage import MemoryStorage

    article = ArticleFactory(body="Astana decided.")
    HUEY.immediate = False
    queue = HUEY.storage
    HUEY.storage = MemoryStorage(HUEY.name)  # a queue of this test's own, not the shared one
    try:
        with django_capture_on_commit_callbacks(execute=True):
            ActorFactory(name="Astana")
        assert _mentions(article) == {}
        queued = ["recount_all_mentions"] + (["refresh_actor_lexemes"] if connection.vendor == "postgresql" else [])
        assert [task.name for task in HUEY.pending()] == queued
        # What the worker then runs (its db_task wrapper would close this test's connection).
        from articles.mentions.tasks import recount_in_batches

        recount_in_batches()
        assert _mentions(article) == {"Astana": 1}
    finally:
        HUEY.storage = queue
        HUEY.immediate = True
