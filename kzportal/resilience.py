"""
Degrade, don't fail: a database that is down, hung or locked gives readers a
503 page with ``Retry-After`` (the site is unavailable for a moment, not
broken), and no request waits longer than ``KZ_REQUEST_TIMEOUT``.

How each wait is bounded (all shorter than gunicorn's worker timeout, so a
worker is never killed mid-request):

- PostgreSQL: ``connect_timeout`` and ``statement_timeout`` (settings); a
  server that stops answering on an open connection (hung, not down) is cut
  off by the request deadline below.
- SQLite: the busy timeout; a held write lock ends in "database is locked".
- The request deadline: in the main thread of a sync worker (gunicorn's
  default, and the test client), an interval timer raises ``RequestTimedOut``
  inside whatever is waiting; the database connection that was mid-query is
  dropped, and the next request opens a fresh one (recovery without restart).

The comment endpoint adds its own handling (``articles.comments.unavailable``)
so that a reader's text is shown back rather than lost.
"""

import logging
import signal
import sys
import threading

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.shortcuts import render
from django.views import defaults

logger = logging.getLogger(__name__)

UNAVAILABLE_TEMPLATE = "503.html"


class RequestTimedOut(Exception):
    """The request ran past KZ_REQUEST_TIMEOUT (most likely waiting on the database)."""


def is_unavailable(exc: BaseException | None) -> bool:
    """True for failures that mean "try again shortly", not "this request is wrong".

    OperationalError covers a refused or timed-out connection, a cancelled
    statement (statement_timeout) and SQLite's "database is locked";
    InterfaceError a connection that was closed under us.
    """
    if isinstance(exc, RequestTimedOut | OperationalError | InterfaceError):
        return True
    # psycopg errors not wrapped by Django (raised outside a Django cursor).
    return isinstance(exc, DatabaseError) and "timeout" in str(exc).lower()


def drop_connections():
    """Close every database connection this thread holds, without waiting on a dead server."""
    for connection in connections.all(initialized_only=True):
        try:
            connection.close()
        except Exception:  # the connection is broken already: forget it
            connection.connection = None
        # Leave the wrapper usable for the next request, whatever state the
        # interrupted transaction left it in.
        connection.in_atomic_block = False
        connection.savepoint_ids = []
        connection.atomic_blocks = []
        connection.needs_rollback = False
        connection.closed_in_transaction = False
        connection.connection = None


def unavailable_response(request, *, reason: str = "") -> HttpResponse:
    """The 503 page: the site layout, no database, and when to try again."""
    try:
        response = render(request, UNAVAILABLE_TEMPLATE, {"reason": reason}, status=503)
    except Exception:  # the page itself must not fail: plain text will do
        logger.exception("Could not render the 503 page.")
        response = HttpResponse(
            "The site is busy for a moment. Please try again shortly.\n",
            content_type="text/plain; charset=utf-8",
            status=503,
        )
    response["Retry-After"] = str(settings.KZ_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


class _Deadline:
    """SIGALRM after ``seconds``, raising RequestTimedOut; only in the main thread."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.armed = False

    def _fire(self, signum, frame):
        raise RequestTimedOut(f"request ran past {self.seconds:g} s")

    def __enter__(self):
        if (
            self.seconds > 0
            and hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread()
        ):
            self.previous = signal.signal(signal.SIGALRM, self._fire)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
            self.armed = True
        return self

    def __exit__(self, *exc_info):
        if self.armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
        return False


class ServiceUnavailableMiddleware:
    """Outermost: the request deadline, and a 503 for an unavailable database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            with _Deadline(settings.KZ_REQUEST_TIMEOUT):
                return self.get_response(request)
        except RequestTimedOut as exc:
            # Raised outside a view (e.g. in another middleware).
            return self._unavailable(request, exc)

    def process_exception(self, request, exception):
        if is_unavailable(exception):
            return self._unavailable(request, exception)
        return None

    def _unavailable(self, request, exc):
        logger.warning("503 for %s %s: %s: %s", request.method, request.path, type(exc).__name__, exc)
        drop_connections()
        return unavailable_response(request)


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    """handler500: an unavailable database (failing in a middleware) is a 503, anything else a 500."""
    exc = sys.exc_info()[1]
    if is_unavailable(exc):
        logger.warning("503 for %s %s: %s: %s", request.method, request.path, type(exc).__name__, exc)
        drop_connections()
        return unavailable_response(request)
    return defaults.server_error(request, template_name)
