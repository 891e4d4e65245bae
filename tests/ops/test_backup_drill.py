"""Backups: the restore drill on SQLite files, and exact natural-key dumps of theme links."""

import io
import json
import sqlite3

import psycopg
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection

from articles.models import Article, ThemedItem
from tests.support.factories import ArticleFactory, EventFactory, ThemeFactory

from .drill import check_drill, manage, python, run_drill
from .servers import free_port
from .services import ThrowawayPostgres, postgres_bindir


@pytest.mark.django_db(transaction=True)  # as the command runs: no test transaction holding the write lock
def test_backup_copies_the_live_database_and_restore_refuses_one_with_content(tmp_path):
    ArticleFactory.create_batch(3, published=True)
    target = tmp_path / "now.backup"
    out = io.StringIO()
    call_command("backup", str(target), stdout=out)
    assert "Backed up" in out.getvalue()
    if connection.vendor == "sqlite":
        copy = sqlite3.connect(target)
        assert copy.execute("SELECT COUNT(*) FROM articles_article").fetchone()[0] == 3
        copy.close()
    with pytest.raises(CommandError, match="already holds content"):
        call_command("restore", str(target))
    with pytest.raises(CommandError, match="neither a SQLite backup"):
        (tmp_path / "junk").write_text("not a backup")
        call_command("restore", str(tmp_path / "junk"))


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "sqlite", reason="restores into the live test database (SQLite pages)")
def test_restore_with_force_puts_back_the_backed_up_content(tmp_path):
    kept = ArticleFactory(published=True)
    before = [(kept.pk, kept.title)]
    target = tmp_path / "before.backup"
    call_command("backup", str(target), verbosity=0)
    ArticleFactory.create_batch(2, published=True)
    kept.delete()
    call_command("restore", str(target), force=True, verbosity=0)
    assert list(Article.objects.values_list("pk", "title")) == before


@pytest.mark.ops  # ~25 s: migrations, launch content and a writer process
def test_restore_drill_sqlite(tmp_path):
    report = run_drill(
        {"SQLITE_PATH": str(tmp_path / "a.sqlite3"), "DATABASE_URL": ""},
        {"SQLITE_PATH": str(tmp_path / "b.sqlite3"), "DATABASE_URL": ""},
        tmp_path,
    )
    check_drill(report)


@pytest.mark.django_db
def test_natural_key_dump_and_load_keeps_every_theme_link(tmp_path):
    themes = [ThemeFactory() for _ in range(3)]
    ArticleFactory(pk=1000, published=True).themes.add(*themes)
    ArticleFactory(pk=1001, published=True).themes.add(themes[0])
    # Same object id, another model: taggit's own natural key (object_id alone) merged these.
    EventFactory(pk=1000).themes.add(themes[1], themes[2])

    def links():
        return sorted(
            (ct.app_label, ct.model, object_id, name)
            for ct, object_id, name in (
                (ContentType.objects.get_for_id(ct_id), object_id, name)
                for ct_id, object_id, name in ThemedItem.objects.values_list("content_type", "object_id", "tag__name")
            )
        )

    before = links()
    assert len(before) == 6
    dump = io.StringIO()
    call_command("dumpdata", "articles.themeditem", natural_foreign=True, natural_primary=True, stdout=dump)
    assert '"pk"' not in dump.getvalue()
    fixture = tmp_path / "links.json"
    fixture.write_text(dump.getvalue(), encoding="utf-8")
    ThemedItem.objects.all().delete()
    call_command("loaddata", str(fixture), verbosity=0)
    assert links() == before
    # Loading the same dump again changes nothing (each link found by its natural key).
    call_command("loaddata", str(fixture), verbosity=0)
    assert links() == before


@pytest.mark.ops
@pytest.mark.skipif(postgres_bindir() is None, reason="PostgreSQL server binaries (initdb) not installed")
def test_restore_drill_postgres(tmp_path):
    cluster = ThrowawayPostgres(free_port()).init().start()
    try:
        with psycopg.connect(f"host=127.0.0.1 port={cluster.port} user=postgres dbname=postgres", autocommit=True) as conn:
            conn.execute("CREATE DATABASE drill_a")
            conn.execute("CREATE DATABASE drill_b")
        base = f"postgres://postgres@127.0.0.1:{cluster.port}"
        report = run_drill({"DATABASE_URL": f"{base}/drill_a"}, {"DATABASE_URL": f"{base}/drill_b"}, tmp_path)
    finally:
        cluster.destroy()
    check_drill(report)


NATURAL_DUMP = ["--natural-foreign", "--natural-primary", "-e", "contenttypes", "-e", "auth.permission",
                "-e", "sessions", "-e", "admin.logentry"]
COUNTS = """
import json
from kzportal.backups import content_tables
print(json.dumps(content_tables()))
"""
THEME_LINKS = """
import json
from articles.models import ThemedItem
print(json.dumps(sorted(ThemedItem.objects.values_list(
    "content_type__app_label", "content_type__model", "object_id", "tag__name"))))
"""


@pytest.mark.ops  # ~60 s: two databases migrated, the launch content loaded, dumped and loaded back
def test_a_natural_key_dump_of_the_launch_content_loads_back_row_for_row(tmp_path):
    a = {"SQLITE_PATH": str(tmp_path / "a.sqlite3"), "DATABASE_URL": "", "REDIS_URL": ""}
    b = {"SQLITE_PATH": str(tmp_path / "b.sqlite3"), "DATABASE_URL": "", "REDIS_URL": ""}
    manage(a, "migrate", "--noinput", "-v0")
    manage(a, "load_launch_content", "-v0")
    dump = tmp_path / "site.json"
    manage(a, "dumpdata", *NATURAL_DUMP, "-o", str(dump))
    manage(b, "migrate", "--noinput", "-v0")
    # It loads at all: the search index no longer indexes raw rows that collide with the dumped index.
    manage(b, "loaddata", str(dump), "-v0")
    before, after = (json.loads(python(env, COUNTS)) for env in (a, b))
    # SQLite's full-text shadow tables are storage, rebuilt by their triggers, not content.
    # Known and left: simple-history records the events' actors (a many-to-many set by
    # loaddata without a "raw" flag) once more, so event history gains a row per event.
    skipped = {"articles_historicalevent", "articles_historicalevent_actors"}
    changed = {t: (before[t], after.get(t)) for t in before if before[t] != after.get(t) and "_fts_" not in t}
    assert set(changed) <= skipped, changed
    assert before["articles_themeditem"] == after["articles_themeditem"] > 0
    assert python(a, THEME_LINKS) == python(b, THEME_LINKS)
