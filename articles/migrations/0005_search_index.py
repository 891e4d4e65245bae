"""The search index: ``SearchEntry``/``SearchWord`` plus each database's own full-text index.

SQLite: FTS5 tables (porter stemming over unicode61 with diacritics removed;
a trigram table over the vocabulary for partial words and typos) kept in step
with the tables by triggers. PostgreSQL: the ``unaccent`` and ``pg_trgm``
extensions, a ``kzsearch`` text search configuration (English stemming after
unaccent), a weighted ``tsvector`` column filled by a trigger and GIN-indexed (plus a small
``heads`` vector of title, standfirst and people for choosing what to rank),
and a trigram GIN index on the vocabulary. Each vendor's part is a no-op on the
other. The index is filled from the existing content at the end.
"""

from django.contrib.postgres.operations import CreateExtension
from django.db import migrations, models

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE articles_searchentry_fts USING fts5(
        title, standfirst, people, body, extra,
        content='articles_searchentry', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER articles_searchentry_ai AFTER INSERT ON articles_searchentry BEGIN
        INSERT INTO articles_searchentry_fts(rowid, title, standfirst, people, body, extra)
        VALUES (new.id, new.title, new.standfirst, new.people, new.body, new.extra);
    END""",
    """CREATE TRIGGER articles_searchentry_ad AFTER DELETE ON articles_searchentry BEGIN
        INSERT INTO articles_searchentry_fts(articles_searchentry_fts, rowid, title, standfirst, people, body, extra)
        VALUES ('delete', old.id, old.title, old.standfirst, old.people, old.body, old.extra);
    END""",
    """CREATE TRIGGER articles_searchentry_au AFTER UPDATE ON articles_searchentry BEGIN
        INSERT INTO articles_searchentry_fts(articles_searchentry_fts, rowid, title, standfirst, people, body, extra)
        VALUES ('delete', old.id, old.title, old.standfirst, old.people, old.body, old.extra);
        INSERT INTO articles_searchentry_fts(rowid, title, standfirst, people, body, extra)
        VALUES (new.id, new.title, new.standfirst, new.people, new.body, new.extra);
    END""",
    """CREATE VIRTUAL TABLE articles_searchword_fts USING fts5(
        word, content='articles_searchword', content_rowid='id', tokenize='trigram')""",
    """CREATE TRIGGER articles_searchword_ai AFTER INSERT ON articles_searchword BEGIN
        INSERT INTO articles_searchword_fts(rowid, word) VALUES (new.id, new.word);
    END""",
    """CREATE TRIGGER articles_searchword_ad AFTER DELETE ON articles_searchword BEGIN
        INSERT INTO articles_searchword_fts(articles_searchword_fts, rowid, word) VALUES ('delete', old.id, old.word);
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS articles_searchword_ad",
    "DROP TRIGGER IF EXISTS articles_searchword_ai",
    "DROP TABLE IF EXISTS articles_searchword_fts",
    "DROP TRIGGER IF EXISTS articles_searchentry_au",
    "DROP TRIGGER IF EXISTS articles_searchentry_ad",
    "DROP TRIGGER IF EXISTS articles_searchentry_ai",
    "DROP TABLE IF EXISTS articles_searchentry_fts",
]

POSTGRES_FORWARD = [
    # unaccent() itself is not IMMUTABLE, but a configuration using its dictionary is
    # fine in a stored column: readers' "Kizekova" finds "Kizeková".
    """DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'kzsearch') THEN
            CREATE TEXT SEARCH CONFIGURATION kzsearch (COPY = english);
            ALTER TEXT SEARCH CONFIGURATION kzsearch
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
        END IF;
    END $$""",
    "ALTER TABLE articles_searchentry ADD COLUMN document tsvector",
    # Title, standfirst and people alone: small enough to stay in the row, so choosing
    # which matches to rank never reads the (large, compressed) documents.
    "ALTER TABLE articles_searchentry ADD COLUMN heads tsvector",
    """CREATE FUNCTION articles_searchentry_document() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.document :=
            setweight(to_tsvector('kzsearch', coalesce(NEW.title, '')), 'A')
            || setweight(to_tsvector('kzsearch', coalesce(NEW.standfirst, '')), 'B')
            || setweight(to_tsvector('kzsearch', coalesce(NEW.people, '')), 'B')
            || setweight(to_tsvector('kzsearch', coalesce(NEW.body, '')), 'C')
            || setweight(to_tsvector('kzsearch', coalesce(NEW.extra, '')), 'D');
        NEW.heads :=
            to_tsvector('kzsearch', coalesce(NEW.title, '') || ' ' || coalesce(NEW.standfirst, '')
                        || ' ' || coalesce(NEW.people, ''));
        RETURN NEW;
    END $$""",
    """CREATE TRIGGER articles_searchentry_document BEFORE INSERT OR UPDATE ON articles_searchentry
        FOR EACH ROW EXECUTE FUNCTION articles_searchentry_document()""",
    "CREATE INDEX articles_searchentry_document_gin ON articles_searchentry USING gin (document)",
    "CREATE INDEX articles_searchword_trgm ON articles_searchword USING gin (word gin_trgm_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS articles_searchword_trgm",
    "DROP TRIGGER IF EXISTS articles_searchentry_document ON articles_searchentry",
    "DROP FUNCTION IF EXISTS articles_searchentry_document()",
    "ALTER TABLE articles_searchentry DROP COLUMN IF EXISTS heads",
    "ALTER TABLE articles_searchentry DROP COLUMN IF EXISTS document",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS kzsearch",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class PostgresExtension(CreateExtension):
    """``CreateExtension`` that is a no-op on other databases both ways (Django's own
    skips only forwards, and unapplying it on SQLite queries ``pg_extension``)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def fill(apps, schema_editor):
    from articles.search.index import rebuild

    rebuild(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_citation_context_capture"),
        ("actors", "0002_relation_ended"),
    ]

    operations = [
        PostgresExtension("unaccent"),  # both are no-ops on other databases
        PostgresExtension("pg_trgm"),
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(choices=[("article", "Commentary"), ("claim", "Claims"), ("actor", "Actors"), ("theme", "Themes"), ("event", "Events"), ("author", "Authors")], max_length=10)),
                ("key", models.PositiveBigIntegerField(help_text="Primary key of the indexed object.")),
                ("title", models.TextField(blank=True)),
                ("standfirst", models.TextField(blank=True)),
                ("people", models.TextField(blank=True)),
                ("body", models.TextField(blank=True)),
                ("extra", models.TextField(blank=True)),
            ],
            options={"verbose_name_plural": "search entries"},
        ),
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("word", models.CharField(max_length=100, unique=True)),
            ],
        ),
        migrations.AddConstraint(
            model_name="searchentry",
            constraint=models.UniqueConstraint(fields=("kind", "key"), name="unique_search_entry"),
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
