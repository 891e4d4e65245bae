"""
Backups and restores of the whole database, used by ``manage.py backup`` and
``manage.py restore``.

- SQLite: the online backup API (``sqlite3.Connection.backup``): a consistent
  copy taken page by page while the site keeps reading and writing. The file
  is a plain SQLite database.
- PostgreSQL: ``pg_dump -Fc`` (one snapshot transaction) and ``pg_restore
  --single-transaction`` (all or nothing); the client tools of the server's
  major version or newer must be installed.

A restore replaces everything, so it refuses a database that already holds
content unless forced. ``fingerprints()`` gives each table's row count and a
hash of its rows, to check a restore against its source (the restore drill).
"""

import hashlib
import os
import shutil
import sqlite3
import subprocess
import tempfile
import time
from pathlib import Path

from django.db import connections

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"
# Tables that `migrate` fills by itself: rows there do not make a database "in use".
MIGRATION_TABLES = {
    "django_migrations",
    "django_content_type",
    "auth_permission",
    "auth_group",
    "auth_group_permissions",
}


# Python's SQLite backup retries a locked database for ever; give up instead.
BACKUP_LOCK_WAIT = 60


class BackupError(Exception):
    pass


def _give_up_after(seconds):
    deadline = time.monotonic() + seconds

    def progress(status, remaining, total):
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and time.monotonic() > deadline:
            raise BackupError(f"The database stayed locked for {seconds} s; no backup was written.")

    return progress


def _connection(alias="default"):
    return connections[alias]


def engine(alias="default") -> str:
    return _connection(alias).vendor  # "sqlite" or "postgresql"


def _pg_env_and_args(alias="default"):
    settings = _connection(alias).settings_dict
    env = dict(os.environ)
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = settings["PASSWORD"]
    env["PGCONNECT_TIMEOUT"] = str(settings.get("OPTIONS", {}).get("connect_timeout", 10))
    args = []
    if settings.get("HOST"):
        args += ["--host", settings["HOST"]]
    if settings.get("PORT"):
        args += ["--port", str(settings["PORT"])]
    if settings.get("USER"):
        args += ["--username", settings["USER"]]
    return env, args, settings["NAME"]


def _run(command, env):
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed ({result.returncode}): {result.stderr.strip()[:2000]}")
    return result


def backup(path: Path, alias="default") -> Path:
    """Write a consistent backup of the database to ``path`` (written aside, then renamed)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, partial = tempfile.mkstemp(prefix=path.name + ".", suffix=".partial", dir=path.parent)
    os.close(fd)
    try:
        if engine(alias) == "sqlite":
            connection = _connection(alias)
            connection.ensure_connection()
            target = sqlite3.connect(partial)
            try:
                # All pages in one step, under one read transaction: a consistent
                # state of the database. (In steps, every write by the site in
                # between would restart the copy.) WAL lets writers go on meanwhile.
                connection.connection.backup(target, pages=-1, progress=_give_up_after(BACKUP_LOCK_WAIT))
            finally:
                target.close()
        elif engine(alias) == "postgresql":
            env, args, name = _pg_env_and_args(alias)
            _run(["pg_dump", "--format=custom", "--no-owner", "--file", partial, *args, name], env)
        else:
            raise BackupError(f"No backup method for the {engine(alias)} database.")
        os.replace(partial, path)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
    return path


def backup_kind(path: Path) -> str:
    with open(path, "rb") as handle:
        head = handle.read(16)
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PGDUMP_MAGIC):
        return "postgresql"
    raise BackupError(f"{path} is neither a SQLite backup nor a pg_dump custom-format archive.")


def content_tables(alias="default") -> dict[str, int]:
    """Row counts of every table that holds content (not just what migrate wrote)."""
    connection = _connection(alias)
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            if table in MIGRATION_TABLES:
                continue
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def is_empty(alias="default") -> bool:
    return not any(content_tables(alias).values())


def restore(path: Path, *, force: bool = False, alias="default") -> None:
    """Replace the database's contents with the backup at ``path``.

    Refuses a database with content unless ``force``; all or nothing.
    """
    path = Path(path)
    kind = backup_kind(path)
    if kind != engine(alias):
        raise BackupError(f"{path} is a {kind} backup; this site's database is {engine(alias)}.")
    if not force and not is_empty(alias):
        raise BackupError(
            "The database already holds content; restoring would replace it. "
            "Use --force to replace it anyway (back it up first)."
        )
    connection = _connection(alias)
    if kind == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            # Copies every page into the live database under its write lock:
            # readers see the old or the new database, never a mixture.
            source.backup(connection.connection, progress=_give_up_after(BACKUP_LOCK_WAIT))
        finally:
            source.close()
    else:
        connection.close()  # pg_restore --clean drops tables this connection may hold locks on
        env, args, name = _pg_env_and_args(alias)
        _run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
             "--exit-on-error", *args, "--dbname", name, str(path)],
            env,
        )


def fingerprints(alias="default", upto: dict[str, int] | None = None) -> dict[str, list]:
    """{table: [row count, sha256 of its rows in a fixed order]} for every table.

    ``upto`` limits some tables to rows with ``id`` at most the given value.
    """
    connection = _connection(alias)
    upto = upto or {}
    result = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            quoted = connection.ops.quote_name(table)
            where = f" WHERE id <= {int(upto[table])}" if table in upto else ""
            cursor.execute(f"SELECT * FROM {quoted}{where}")  # noqa: S608
            # Sorted here, whole rows: the first column is not unique in every table (a
            # history table of a many-to-many keeps the through row's id), so ORDER BY 1
            # left ties in whatever order each database stored them.
            digest = hashlib.sha256()
            count = 0
            for line in sorted(repr(tuple(row)) for row in cursor.fetchall()):
                digest.update(line.encode("utf-8"))
                count += 1
            result[table] = [count, digest.hexdigest()]
    return result


def require_tool(name: str) -> None:
    if shutil.which(name) is None:
        raise BackupError(f"{name} is not installed (PostgreSQL client tools are needed).")
