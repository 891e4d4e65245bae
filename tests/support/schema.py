"""The test database's migrated schema, kept between test processes and runs (SQLite).

Migrating a fresh test database costs about six seconds of Python (Django renders the
model state of every migration), paid by every test process of every run, and on
SQLite the migrated database is the same whenever the migrations and models are. So
the first process that needs it migrates as Django always does and copies the result
to ``var/test-schema/<key>.sqlite3``; later processes and runs copy that in (SQLite's
backup API) instead of migrating, then send ``post_migrate`` as ``migrate`` would, so
the groups, content types and permissions follow the code as it is now.

The key hashes every migration file of every installed app, our modules those files
import (``kzportal.migration_operations``...), every model's table and columns, and the
Django, SQLite and Python versions: change any of them and the next run migrates afresh. PostgreSQL (``DATABASE_URL``) and a file-based SQLite test
database migrate as usual.
"""

import hashlib
import importlib.util
import os
import re
import sqlite3
import sys
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
KEPT = ROOT / "var" / "test-schema"
_OWN_IMPORT = re.compile(r"^\s*(?:from|import)\s+((?:articles|actors|kzportal)(?:\.\w+)*)(?:\s+import\s+(\w+))?", re.M)


def _own_modules(source: str) -> set[Path]:
    """The files of our own modules a migration imports."""
    found = set()
    for module, name in _OWN_IMPORT.findall(source):
        for candidate in (f"{module}.{name}" if name else None, module):
            try:
                spec = importlib.util.find_spec(candidate) if candidate else None
            except ModuleNotFoundError:  # "from module import function"
                spec = None
            if spec and spec.origin:
                found.add(Path(spec.origin))
                break
    return found


def _key() -> str:
    digest = hashlib.sha256()
    digest.update(f"{django.__version__} {sqlite3.sqlite_version} {sys.version}".encode())
    imported = set()
    for config in sorted(apps.get_app_configs(), key=lambda c: c.label):
        module = settings.MIGRATION_MODULES.get(config.label, f"{config.name}.migrations")
        spec = importlib.util.find_spec(module) if module else None
        for folder in spec.submodule_search_locations if spec and spec.submodule_search_locations else ():
            for path in sorted(Path(folder).glob("*.py")):
                digest.update(f"{config.label}/{path.name}".encode())
                source = path.read_bytes()
                digest.update(source)
                if config.path.startswith(str(ROOT)):
                    imported |= _own_modules(source.decode())
    for path in sorted(imported):
        digest.update(path.read_bytes())
    for model in sorted(apps.get_models(include_auto_created=True), key=lambda m: m._meta.label):
        columns = [(f.column, f.db_type(connection=_connection())) for f in model._meta.local_fields]
        digest.update(repr((model._meta.label, model._meta.db_table, columns)).encode())
    return digest.hexdigest()[:16]


def _connection():
    from django.db import connections

    return connections["default"]


def keep_between_runs() -> None:
    """Make the default connection's ``create_test_db`` use the kept schema (SQLite in memory)."""
    connection = _connection()
    creation = connection.creation
    if connection.vendor != "sqlite" or not creation.is_in_memory_db(creation._get_test_db_name()):
        return
    migrate_once = creation.create_test_db

    def create_test_db(verbosity=1, autoclobber=False, serialize=True, keepdb=False):
        from django.core.management import call_command
        from django.core.management.sql import emit_post_migrate_signal

        kept = KEPT / f"{_key()}.sqlite3"
        if not kept.exists():
            name = migrate_once(verbosity=verbosity, autoclobber=autoclobber, serialize=serialize, keepdb=keepdb)
            KEPT.mkdir(parents=True, exist_ok=True)
            partial = kept.with_suffix(f".{os.getpid()}.partial")  # test processes may race to write it
            target = sqlite3.connect(partial)
            try:
                connection.connection.backup(target)
            finally:
                target.close()
            os.replace(partial, kept)
            return name

        # Django's create_test_db with the kept schema in place of ``migrate``.
        name = creation._get_test_db_name()
        creation._create_test_db(verbosity, autoclobber, keepdb)
        connection.close()
        settings.DATABASES[connection.alias]["NAME"] = name
        connection.settings_dict["NAME"] = name
        connection.ensure_connection()
        source = sqlite3.connect(kept)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        emit_post_migrate_signal(max(verbosity - 1, 0), False, connection.alias)
        if serialize:
            connection._test_serialized_contents = creation.serialize_db_to_string()
        call_command("createcachetable", database=connection.alias)
        return name

    creation.create_test_db = create_test_db
