"""PostgreSQL: ``articles_search_ids`` finds a search's matches without telling which
of them match in their title, standfirst or people.

``articles_search_matches`` (0018) tested every match against the ``heads`` index,
which for an actor's many names cost a third of the lookup ("CSTO Russia": 5 of
13 ms at 10,000 pieces), though ranking needs only the newest head matches of the
commentary. Those now come from a query of their own (``articles.search.postgres``),
which reads the newest pieces through the primary key while head matches are
common and the ``heads`` index when they are rare. Sequential scans stay off inside
the function, as in 0018. No-op on SQLite.
"""

from django.db import migrations

MATCHES = """CREATE OR REPLACE FUNCTION articles_search_matches(query tsquery)
        RETURNS TABLE (id bigint, head boolean)
        LANGUAGE sql STABLE
        SET enable_seqscan = off
        AS $$ SELECT e.id, e.id IN (SELECT h.id FROM articles_searchentry h WHERE h.heads @@ query)
              FROM articles_searchentry e WHERE e.document @@ query $$"""

FORWARD = [
    """CREATE OR REPLACE FUNCTION articles_search_ids(query tsquery)
        RETURNS TABLE (id bigint)
        LANGUAGE sql STABLE
        SET enable_seqscan = off
        AS $$ SELECT e.id FROM articles_searchentry e WHERE e.document @@ query $$""",
    "DROP FUNCTION IF EXISTS articles_search_matches(tsquery)",
]
BACKWARD = [
    MATCHES,
    "DROP FUNCTION IF EXISTS articles_search_ids(tsquery)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0018_search_matches_function"),
    ]

    operations = [
        migrations.RunPython(_run(FORWARD), _run(BACKWARD)),
    ]
