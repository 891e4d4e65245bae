"""Sharing read-only test data across a module without letting it leak."""

from contextlib import contextmanager

from django.db import transaction


@contextmanager
def rolled_back_for_module(django_db_blocker):
    """Data a module's read-only tests share, made once and rolled back when the module ends.

    Use from a module-scoped fixture that every test of the module requests, so no test
    elsewhere can see the data; each test still runs in its own savepoint.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)
