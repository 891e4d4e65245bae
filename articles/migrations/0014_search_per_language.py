"""Search text per language: the Russian and Kazakh translations leave ``extra`` (which
keeps the joined forms of hyphenated words) for ``text_ru`` and ``text_kk``.

PostgreSQL stems each with its language's configuration: ``russian`` for Russian,
``simple`` for Kazakh (PostgreSQL has no Kazakh stemmer: words match as written,
lower-cased), the English columns keep ``kzsearch``; queries are read with all three
(``articles.search.postgres``). SQLite's FTS5 table gains the two columns (its
tokenizer folds case and diacritics in every language but stems English only).
The index is rebuilt from the content at the end.
"""

from django.db import migrations, models

FTS_COLUMNS = "title, standfirst, people, body, extra, text_ru, text_kk"
OLD_FTS_COLUMNS = "title, standfirst, people, body, extra"


def _sqlite_fts(columns):
    new = ", ".join(f"new.{c}" for c in columns.split(", "))
    old = ", ".join(f"old.{c}" for c in columns.split(", "))
    return [
        f"""CREATE VIRTUAL TABLE articles_searchentry_fts USING fts5(
            {columns},
            content='articles_searchentry', content_rowid='id',
            tokenize='porter unicode61 remove_diacritics 2')""",
        f"""CREATE TRIGGER articles_searchentry_ai AFTER INSERT ON articles_searchentry BEGIN
            INSERT INTO articles_searchentry_fts(rowid, {columns}) VALUES (new.id, {new});
        END""",
        f"""CREATE TRIGGER articles_searchentry_ad AFTER DELETE ON articles_searchentry BEGIN
            INSERT INTO articles_searchentry_fts(articles_searchentry_fts, rowid, {columns})
            VALUES ('delete', old.id, {old});
        END""",
        f"""CREATE TRIGGER articles_searchentry_au AFTER UPDATE ON articles_searchentry BEGIN
            INSERT INTO articles_searchentry_fts(articles_searchentry_fts, rowid, {columns})
            VALUES ('delete', old.id, {old});
            INSERT INTO articles_searchentry_fts(rowid, {columns}) VALUES (new.id, {new});
        END""",
    ]


SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS articles_searchentry_au",
    "DROP TRIGGER IF EXISTS articles_searchentry_ad",
    "DROP TRIGGER IF EXISTS articles_searchentry_ai",
    "DROP TABLE IF EXISTS articles_searchentry_fts",
    # Rebuilt below: emptied while no trigger would tell the (dropped) full-text table.
    "DELETE FROM articles_searchentry",
]


def _postgres_document(translated):
    return f"""CREATE OR REPLACE FUNCTION articles_searchentry_document() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.document :=
            setweight(to_tsvector('kzsearch', coalesce(NEW.title, '')), 'A')
            || setweight(to_tsvector('kzsearch', coalesce(NEW.standfirst, '')), 'B')
            || setweight(to_tsvector('kzsearch', coalesce(NEW.people, '')), 'B')
            || setweight(to_tsvector('kzsearch', coalesce(NEW.body, '')), 'C')
            || setweight(to_tsvector('kzsearch', coalesce(NEW.extra, '')), 'D'){translated};
        NEW.heads :=
            to_tsvector('kzsearch', coalesce(NEW.title, '') || ' ' || coalesce(NEW.standfirst, '')
                        || ' ' || coalesce(NEW.people, ''));
        RETURN NEW;
    END $$"""


# A translation weighs as a standfirst: for a reader of that language it is the text.
POSTGRES_TRANSLATED = """
            || setweight(to_tsvector('russian', coalesce(NEW.text_ru, '')), 'B')
            || setweight(to_tsvector('simple', coalesce(NEW.text_kk, '')), 'B')"""

FORWARD = {
    "sqlite": [*SQLITE_DROP, *_sqlite_fts(FTS_COLUMNS)],
    "postgresql": [_postgres_document(POSTGRES_TRANSLATED)],
}
BACKWARD = {
    "sqlite": [*SQLITE_DROP, *_sqlite_fts(OLD_FTS_COLUMNS)],
    "postgresql": [_postgres_document("")],
}


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        from articles.search.index import rebuild

        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)
        rebuild(apps)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0013_history_of_translations"),
        ("actors", "0005_history_of_translations"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="text_kk",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="text_ru",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(_run(FORWARD), _run(BACKWARD)),
    ]
