"""The migrated test schema kept between runs (``tests.support.schema``) is what
``migrate`` makes, and is made again when a migration changes."""

import sys

from django.db import connection

from tests.support import schema


def _fake_migrations(root, body):
    package = root / "kz_fake_migrations"
    package.mkdir(exist_ok=True)
    (package / "__init__.py").write_text("")
    (package / "0001_initial.py").write_text(body)
    return "kz_fake_migrations"


def test_a_changed_migration_changes_the_key_so_the_next_run_migrates(tmp_path, settings, monkeypatch):
    monkeypatch.syspath_prepend(str(tmp_path))
    settings.MIGRATION_MODULES = {"articles": _fake_migrations(tmp_path, "operations = []\n")}
    before = schema._key()
    assert schema._key() == before  # the same files, the same key
    _fake_migrations(tmp_path, "operations = ['changed']\n")
    assert schema._key() != before
    sys.modules.pop("kz_fake_migrations", None)


def test_our_modules_a_migration_imports_are_part_of_the_key():
    found = schema._own_modules(
        "import kzportal.migration_operations\nfrom articles.groups import ensure_groups\n"
        "    from articles.rendering import anchoring\nfrom django.db import migrations\n"
    )
    assert {path.name for path in found} == {"migration_operations.py", "groups.py", "anchoring.py"}


def test_the_test_database_has_every_table_the_models_need_and_what_migrations_add(db):
    from django.apps import apps
    from django.contrib.auth.models import Group

    missing = {m._meta.db_table for m in apps.get_models(include_auto_created=True)}
    missing -= set(connection.introspection.table_names())
    assert not missing
    # What only the migrations' own SQL and post_migrate make (a schema made from the
    # models alone would lack it): the search index's full-text tables and triggers, the groups.
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE 'articles_search%'")
            made = {name for (name,) in cursor.fetchall()}
        assert {"articles_searchentry_fts", "articles_searchword_fts", "articles_searchentry_ai"} <= made
    assert set(Group.objects.values_list("name", flat=True)) >= {"Editors", "Moderators", "Writers"}
