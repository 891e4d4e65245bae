"""PostgreSQL: ``articles_search_similar`` finds the vocabulary words closest to a
word the index lacks (a typo or a partial word) through the trigram index.

The vocabulary is a few thousand short rows, so the planner read all of them and
compared trigrams row by row: 11-17 ms per unknown word at 10,000 pieces ("Galeoti",
"terorists"), where the ``gin_trgm_ops`` and ``varchar_pattern_ops`` indexes answer
in 0.2 ms; a query with three unknown words paid it three times. Sequential scans
stay off inside the function, as for ``articles_search_ids`` (0019). No-op on SQLite.
"""

from django.db import migrations

FORWARD = [
    # PL/pgSQL's EXECUTE plans with the word itself, so the prefix is a range of the
    # word index rather than one more trigram lookup.
    """CREATE OR REPLACE FUNCTION articles_search_similar(query text, prefix text)
        RETURNS TABLE (word text)
        LANGUAGE plpgsql STABLE
        SET enable_seqscan = off
        AS $$ BEGIN
            RETURN QUERY EXECUTE
                'SELECT w.word::text FROM articles_searchword w WHERE w.word % $1 OR w.word LIKE $2 '
                'ORDER BY similarity(w.word, $1) DESC LIMIT 30'
                USING query, prefix;
        END $$""",
]
BACKWARD = ["DROP FUNCTION IF EXISTS articles_search_similar(text, text)"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement, params=None)  # "%" is the trigram operator, not a placeholder

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0019_search_ids_function"),
    ]

    operations = [
        migrations.RunPython(_run(FORWARD), _run(BACKWARD)),
    ]
