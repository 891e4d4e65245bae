"""PostgreSQL: entries naming an actor carry its lexeme, and a search for the actor
finds exactly what its names find (``articles.search.actor_tokens``)."""

import os

import pytest
from django.core.cache import cache
from django.db import connection

from actors.models import Actor, ActorAlias
from articles import search
from articles.models import SearchActor
from articles.search import actor_tokens
from tests.support.factories import ArticleFactory

from .relevance import QUERIES

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="PostgreSQL only (set DATABASE_URL)"
    ),
]


def _found(query):
    """What a reader sees: every kind's count and its results in order, and the lexemes searched."""
    cache.clear()  # the actors' names and marks are kept until the next write
    results = search.search(query)
    shown = [(group.kind, group.count, [item.obj.pk for item in group.items]) for group in results.groups]
    return shown, [group.token for group in results.parsed.groups]


def _articles(shown):
    return {kind: pks for kind, _count, pks in shown}.get("article", [])


def _entries_marked(actor_id):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT kind, key FROM articles_searchentry WHERE document @@ %s::tsquery ORDER BY 1, 2",
            [f"'{actor_tokens.token(actor_id)}'"],
        )
        return cursor.fetchall()


def test_every_relevance_query_finds_the_same_by_lexeme_as_by_names(launch_content):
    assert SearchActor.objects.filter(indexed=True).count() == Actor.objects.count()
    by_lexeme = {query: _found(query) for query, *_ in QUERIES}
    assert any(token for _shown, tokens in by_lexeme.values() for token in tokens)
    SearchActor.objects.update(indexed=False)  # as while the worker has not re-marked them
    for query, (shown, _tokens) in by_lexeme.items():
        by_names, tokens = _found(query)
        assert not any(tokens)
        assert by_names == shown, query


def test_a_search_naming_an_actor_in_any_spelling_asks_for_its_lexeme(launch_content):
    nazarbayev = Actor.objects.get(slug="nazarbayev")
    for spelling in ("Nazarbaev", "Назарбаев", "Elbasy"):
        _shown, tokens = _found(spelling)
        assert tokens == [f"@{nazarbayev.pk}"], spelling


def test_a_new_piece_naming_an_actor_is_marked_as_it_is_indexed(launch_content):
    csto = Actor.objects.get(slug="csto")
    article = ArticleFactory(published=True, title="Peacekeepers leave", body="The ОДКБ contingent left Almaty.")
    assert ("article", article.pk) in _entries_marked(csto.pk)
    shown, tokens = _found("CSTO")
    assert tokens == [f"@{csto.pk}"]
    assert article.pk in _articles(shown)


def test_a_new_alias_finds_its_pieces_at_once_and_by_lexeme_once_the_worker_has_marked_them(
    launch_content, django_capture_on_commit_callbacks
):
    tokayev = Actor.objects.get(slug="tokayev")
    article = ArticleFactory(published=True, title="The Akorda's week", body="Akordaman spoke on Tuesday.")
    assert ("article", article.pk) not in _entries_marked(tokayev.pk)
    with django_capture_on_commit_callbacks() as callbacks:
        ActorAlias.objects.create(actor=tokayev, name="Akordaman")
    # Saved, not yet re-marked: the search reads the names, new alias included.
    shown, tokens = _found("Tokayev")
    assert tokens == [""]
    assert article.pk in _articles(shown)
    for callback in callbacks:
        callback()  # the commit queues the worker's re-marking (run at once in tests)
    assert ("article", article.pk) in _entries_marked(tokayev.pk)
    marked_shown, tokens = _found("Tokayev")
    assert tokens == [f"@{tokayev.pk}"]
    assert marked_shown == shown


def test_a_removed_alias_unmarks_the_pieces_only_it_named(launch_content):
    tokayev = Actor.objects.get(slug="tokayev")
    alias = ActorAlias.objects.create(actor=tokayev, name="Akordaman")
    article = ArticleFactory(published=True, title="The Akorda's week", body="Akordaman spoke on Tuesday.")
    actor_tokens.refresh()
    assert ("article", article.pk) in _entries_marked(tokayev.pk)
    alias.delete()
    assert actor_tokens.refresh() == 1
    assert ("article", article.pk) not in _entries_marked(tokayev.pk)
    shown, tokens = _found("Tokayev")
    assert tokens == [f"@{tokayev.pk}"]
    assert article.pk not in _articles(shown)


def test_a_deleted_actor_leaves_no_lexeme_behind(launch_content):
    actor = Actor.objects.create(name="Zhanaozen Oil Workers", kind=Actor.Kind.ORGANISATION)
    article = ArticleFactory(published=True, title="Strike", body="Zhanaozen Oil Workers walked out.")
    actor_tokens.refresh()
    assert ("article", article.pk) in _entries_marked(actor.pk)
    actor_id = actor.pk
    actor.delete()
    actor_tokens.refresh()
    assert _entries_marked(actor_id) == []
    assert not SearchActor.objects.filter(actor_id=actor_id).exists()


def test_a_rebuilt_index_is_marked_without_a_second_pass(launch_content):
    from articles.search.index import rebuild

    before = {actor.pk: _entries_marked(actor.pk) for actor in Actor.objects.all()}
    rebuild()
    assert SearchActor.objects.filter(indexed=True).count() == Actor.objects.count()
    assert {pk: _entries_marked(pk) for pk in before} == before


def test_the_worker_re_marks_in_batches_and_misses_no_entry(launch_content):
    tokayev = Actor.objects.get(slug="tokayev")
    before = _entries_marked(tokayev.pk)
    pieces = [ArticleFactory(published=True, title=f"Week {i}", body="Akordaman spoke.") for i in range(5)]
    ActorAlias.objects.create(actor=tokayev, name="Akordaman")
    assert actor_tokens.refresh(batch=2) == 1  # the alias changed one actor's names
    assert _entries_marked(tokayev.pk) == sorted([*before, *(("article", piece.pk) for piece in pieces)])
    assert SearchActor.objects.get(actor_id=tokayev.pk).indexed
