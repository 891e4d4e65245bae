"""Sharing read-only test data across a module, or across the whole session, without letting it leak."""

import copy
import sqlite3
from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def rolled_back_for_module(django_db_blocker):
    """Data a module's read-only tests share, made once and rolled back when the module ends.

    Use from a module-scoped fixture that every test of the module requests, so no test
    elsewhere can see the data; each test still runs in its own savepoint.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


class SessionData:
    """Data several modules read, built once per test process and put in place for each.

    On SQLite (``make test``) the first module to ask builds it, and the whole database
    as the build left it is copied aside with SQLite's backup API; each module after
    that gets that copy put in place (milliseconds) instead of a new build (the launch
    dataset took 0.8 s a load, and 31 loads a run). When a module ends, the database
    it found is put back, so no other module sees the data. On other databases each
    module builds it inside a transaction rolled back when it ends
    (``rolled_back_for_module``).

    ``build()`` returns what the tests get (e.g. model instances); each module gets its
    own deep copy, so a test changing one in memory cannot change what the next module
    sees. Modules using it must not use ``transactional_db`` or a live server, and every
    test of such a module must request it (each still runs in its own savepoint).
    """

    def __init__(self, build):
        self.build = build
        self.copy = None  # the database with the data, once built (SQLite)
        self.value = None

    @contextmanager
    def in_place(self, django_db_blocker):
        if connection.vendor != "sqlite" or connection.in_atomic_block:
            # (Inside another module's shared data, a copy put in place would replace it.)
            with rolled_back_for_module(django_db_blocker):
                yield self.build()
            return
        with django_db_blocker.unblock():
            connection.ensure_connection()
            database = connection.connection
            found = _copy_of(database)
            try:
                if self.copy is None:
                    with transaction.atomic():
                        self.value = self.build()
                        # As in a transaction rolled back: what waits for the commit (queued
                        # recounts, index refreshes) is not part of the data the tests read.
                        connection.run_on_commit = []
                    self.copy = _copy_of(database)
                else:
                    self.copy.backup(database)
                    _forget_cached_rows()
                yield copy.deepcopy(self.value)
            finally:
                found.backup(database)
                _forget_cached_rows()


def _copy_of(database):
    kept = sqlite3.connect(":memory:", check_same_thread=False)
    database.backup(kept)
    return kept


def _forget_cached_rows():
    """Django caches content types by key in the process; a database put in place may
    number them differently (one built after a ``transactional_db`` test's flush)."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


def _load_launch_content():
    from articles.launch import load_launch_content

    load_launch_content()


# The launch dataset (``launch_content`` in tests/conftest.py): loaded once per test process.
LAUNCH = SessionData(_load_launch_content)
