"""Each database's own index is really there and really used."""

import os

import pytest
from django.db import connection

from articles import search
from articles.models import Article, SearchEntry
from tests.support.factories import ArticleFactory

pytestmark = pytest.mark.django_db

on_postgres = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="PostgreSQL only (set DATABASE_URL)"
)
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")


@on_sqlite
def test_sqlite_keeps_the_fts5_table_in_step_through_triggers():
    article = ArticleFactory(published=True, title="Kizeková on Zhanaozen")
    with connection.cursor() as cursor:
        cursor.execute("SELECT rowid FROM articles_searchentry_fts WHERE articles_searchentry_fts MATCH 'kizekova'")
        (rowid,) = cursor.fetchone()
        assert SearchEntry.objects.get(pk=rowid).key == article.pk
        article.delete()
        cursor.execute("SELECT count(*) FROM articles_searchentry_fts WHERE articles_searchentry_fts MATCH 'kizekova'")
        assert cursor.fetchone() == (0,)
        cursor.execute("SELECT count(*) FROM articles_searchword_fts WHERE articles_searchword_fts MATCH 'izek'")
        assert cursor.fetchone()[0] >= 1  # the trigram vocabulary keeps the word


@on_postgres
def test_postgres_fills_a_weighted_unaccented_tsvector_and_searches_it_through_gin():
    ArticleFactory(published=True, title="Kizeková on Zhanaozen", standfirst="Standfirst", body="Body text")
    with connection.cursor() as cursor:
        cursor.execute("SELECT document::text FROM articles_searchentry WHERE kind = 'article'")
        (document,) = cursor.fetchone()
        assert "'kizekova':1A" in document and "'standfirst':4B" in document and "'bodi':5C" in document
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM articles_searchentry WHERE document @@ to_tsquery('kzsearch', 'kizekova')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "articles_searchentry_document_gin" in plan
        cursor.execute("SELECT extname FROM pg_extension WHERE extname IN ('unaccent', 'pg_trgm') ORDER BY 1")
        assert cursor.fetchall() == [("pg_trgm",), ("unaccent",)]


@on_postgres
def test_postgres_finds_matches_through_gin_even_when_nearly_every_entry_matches():
    # With most rows matching, the planner's own choice is a sequential scan, which
    # decompresses every entry's document: most of a search's time at 10,000 articles.
    for i in range(30):
        ArticleFactory(published=True, title=f"Russia piece {i}", body="Russia " * 200)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_searchentry")
        cursor.execute(
            "EXPLAIN ANALYZE SELECT * FROM articles_search_ids(to_tsquery('kzsearch', 'russia'))"
        )
        function = "\n".join(row[0] for row in cursor.fetchall())
        assert "rows=30 " in function  # every piece, found by the function
        cursor.execute("SELECT prosrc, proconfig FROM pg_proc WHERE proname = 'articles_search_ids'")
        source, config = cursor.fetchone()
        assert "document @@ query" in source and config == ["enable_seqscan=off"]


@on_postgres
def test_postgres_reads_common_head_matches_newest_first_and_rare_ones_through_their_index():
    # Ranking needs only the newest CANDIDATES pieces whose title, standfirst or people
    # match. Testing every match against the heads index was a third of the lookup
    # for an actor's names; where head matches are common, the newest pieces are read
    # through the primary key until there are enough.
    for i in range(400):
        title = "Uranium and Russia" if i == 7 else f"Russia and the region {i}" if i % 2 else f"Steppe notes {i}"
        ArticleFactory(published=True, title=title, body="Russia and the region. ")
    with connection.cursor() as cursor:
        # As autovacuum keeps it on a live site: entries earlier tests wrote (and rolled
        # back) stay in the GIN pending list, which the planner then costs into every heads
        # lookup, so the plan would depend on which tests ran before this one.
        cursor.execute("SELECT gin_clean_pending_list('articles_searchentry_heads_gin')")
        cursor.execute("ANALYZE articles_searchentry")
        cursor.execute("ANALYZE articles_article")
        # 400 entries fit in a few pages, where reading them all is cheapest; from a few
        # thousand on it never is (testing every entry's heads took 8-12 ms at 10,000).
        cursor.execute("SET LOCAL enable_seqscan = off")
        engine = search.backend()
        plans = {}
        for word in ("russia", "uranium"):
            parsed = search.understand(word)
            sql, params = engine.ranked_sql(
                parsed.groups, every=True, visible="true", visible_params=[],
                commentary=search._subquery(Article.objects.published()), limits={"article": 10},
                extra_columns=False,
            )
            cursor.execute("EXPLAIN " + sql, params)
            plans[word] = "\n".join(row[0] for row in cursor.fetchall())
    heads = {word: plan[plan.index("CTE heads"):plan.index("CTE r")] for word, plan in plans.items()}
    assert "Index Scan Backward using articles_searchentry_pkey" in heads["russia"]
    assert "articles_searchentry_heads_gin" not in heads["russia"]
    assert "articles_searchentry_heads_gin" in heads["uranium"]


@on_postgres
def test_postgres_corrects_a_typo_through_the_trigram_index_not_by_reading_every_word():
    # A few thousand short words look cheap to read in full, but comparing each one's
    # trigrams cost 11-17 ms per unknown word at 10,000 pieces; the index answers in 0.2.
    from articles.models import SearchWord

    SearchWord.objects.bulk_create(SearchWord(word=f"steppe{i}word") for i in range(3000))
    ArticleFactory(published=True, title="Galeotti on the CSTO")
    plans = []
    with connection.cursor() as cursor:
        # As on a live site, where words arrive a few at a time: 3,000 words in one
        # transaction sit in the GIN pending list, which every search would read in full.
        cursor.execute("SELECT gin_clean_pending_list('articles_searchword_trgm')")
        cursor.execute("ANALYZE articles_searchword")
        # auto_explain sends the plan of each statement inside the function as a LOG message.
        cursor.execute("LOAD 'auto_explain'")
        cursor.execute("SET LOCAL auto_explain.log_min_duration = 0")
        cursor.execute("SET LOCAL auto_explain.log_nested_statements = on")
        cursor.execute("SET LOCAL client_min_messages = log")
        connection.connection.add_notice_handler(lambda notice: plans.append(notice.message_primary))
        parsed = search.understand("galeoti")
        cursor.execute("SET LOCAL client_min_messages = notice")
    assert parsed.corrections and "galeotti" in parsed.corrected_text()
    similar = [plan for plan in plans if "articles_searchword w " in plan]
    assert similar, plans
    assert all("articles_searchword_trgm" in plan and "Seq Scan" not in plan for plan in similar), similar


@on_postgres
def test_a_rebuild_leaves_postgres_nothing_pending_and_fresh_statistics():
    from articles.search.index import rebuild

    for i in range(5):
        ArticleFactory(published=True, title=f"Uranium piece {i}")
    rebuild()
    with connection.cursor() as cursor:
        # The GIN pending list is scanned in full by every search until it is merged.
        cursor.execute("SELECT gin_clean_pending_list('articles_searchentry_document_gin')")
        assert cursor.fetchone() == (0,)  # nothing was left to merge
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'articles_searchentry'")
        assert cursor.fetchone()[0] >= 5


@on_postgres
def test_postgres_reads_each_alternative_in_every_language_once():
    with connection.cursor() as cursor:
        cursor.execute("SELECT articles_search_tsquery(ARRAY['csto', 'troops', 'протестах'])::text")
        (query,) = cursor.fetchone()
    # English and Russian read Latin words alike, simple keeps them as written; Russian
    # stems the Cyrillic word. Each distinct reading once (ranking costs per operand).
    assert sorted(query.split(" | ")) == ["'csto'", "'troop'", "'troops'", "'протест'", "'протестах'"]


@on_sqlite
def test_a_rebuild_gives_sqlite_planner_statistics():
    from articles.search.index import rebuild

    ArticleFactory(published=True, title="Uranium piece")
    rebuild()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'articles_article'")
        assert cursor.fetchone()[0] >= 1


def test_a_title_match_ranks_first_and_every_match_is_counted_beyond_the_ranked_candidates():
    from articles import search
    from articles.search.query import CANDIDATES

    title_match = ArticleFactory(published=True, title="Uranium and the steppe", body="Exports.")
    # Newer pieces that only mention the word in their body: more than are ranked.
    for i in range(CANDIDATES + 5):
        ArticleFactory(published=True, title=f"Piece {i}", body="A note on uranium exports.")
    results = search.search("uranium")
    articles = results.kind("article")
    assert articles.count == CANDIDATES + 6
    assert articles.items[0].obj == title_match


def test_with_more_title_matches_than_are_ranked_the_first_page_is_still_title_matches():
    from articles import search
    from articles.search.query import CANDIDATES

    titled = [ArticleFactory(published=True, title=f"Uranium note {i}", body="Exports.") for i in range(CANDIDATES + 5)]
    for i in range(CANDIDATES + 5):
        ArticleFactory(published=True, title=f"Piece {i}", body="A note on uranium exports.")
    articles = search.search("uranium").kind("article")
    assert articles.count == 2 * (CANDIDATES + 5)
    # The newest title matches are ranked (only as many as CANDIDATES: ranking reads each
    # ranked piece's positions), and rank above the body-only matches.
    assert [item.obj for item in articles.items] == titled[::-1][: len(articles.items)]
