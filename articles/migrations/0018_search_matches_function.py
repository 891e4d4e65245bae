"""PostgreSQL: find the entries matching a search through the GIN index, never by
reading every document.

For a common word ("Russia" is in nearly every piece) the planner prefers a
sequential scan: by its cost model reading every row is cheaper than the index
when most rows match. It does not count that testing ``document @@ query`` on a
row first decompresses that row's (large, TOASTed) ``document``, which took most of
a search's time at 10,000 articles; the GIN index answers the same ``&``/``|``
query exactly (no recheck), reading only the index and the small row heads.
``articles_search_matches`` runs that one lookup with sequential scans off (a
function's own setting, so nothing else in the connection is affected).

The GIN index's pending list (entries added since the last vacuum, scanned in
full by every search) is emptied here, and by ``search.index.rebuild`` after a bulk
rebuild. No-op on SQLite.
"""

from django.db import migrations

FORWARD = [
    # Which matches have the words in their title, standfirst or people (they are ranked
    # first): one index lookup, not a test of every match's heads.
    "CREATE INDEX IF NOT EXISTS articles_searchentry_heads_gin ON articles_searchentry USING gin (heads)",
    """CREATE OR REPLACE FUNCTION articles_search_matches(query tsquery)
        RETURNS TABLE (id bigint, head boolean)
        LANGUAGE sql STABLE
        SET enable_seqscan = off
        AS $$ SELECT e.id, e.id IN (SELECT h.id FROM articles_searchentry h WHERE h.heads @@ query)
              FROM articles_searchentry e WHERE e.document @@ query $$""",
    # Each alternative read with every language's configuration (articles.search.postgres),
    # ORed once per distinct reading: most words read the same in two or three of them.
    # IMMUTABLE like to_tsquery, so a query's constant arguments are folded when planning.
    # No reading at all (only stop words): the empty query, as to_tsquery gives, which an
    # AND of groups ignores.
    """CREATE OR REPLACE FUNCTION articles_search_tsquery(alternatives text[])
        RETURNS tsquery
        LANGUAGE sql IMMUTABLE
        AS $$ SELECT coalesce(joined::tsquery, to_tsquery('simple', coalesce(joined, '')))
              FROM (SELECT string_agg(DISTINCT '(' || reading::text || ')', ' | ' ORDER BY '(' || reading::text || ')') AS joined
              FROM (SELECT to_tsquery(configuration, alternative) AS reading
                    FROM unnest(alternatives) AS alternative,
                         unnest(ARRAY['kzsearch', 'russian', 'simple']::regconfig[]) AS configuration) AS readings
              WHERE reading::text <> '') AS distinct_readings $$""",
    "SELECT gin_clean_pending_list('articles_searchentry_document_gin')",
    "ANALYZE articles_searchentry",
    "ANALYZE articles_searchword",
]
BACKWARD = [
    "DROP FUNCTION IF EXISTS articles_search_matches(tsquery)",
    "DROP INDEX IF EXISTS articles_searchentry_heads_gin",
    "DROP FUNCTION IF EXISTS articles_search_tsquery(text[])",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0017_published_by_key"),
    ]

    operations = [
        migrations.RunPython(_run(FORWARD), _run(BACKWARD)),
    ]
