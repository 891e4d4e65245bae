"""With SENTRY_DSN set, a server error reaches the tracker tagged with the request's id.

Real parts: the settings' own sentry-sdk set-up in a fresh interpreter, a
request through the test client, and an HTTP server standing in for Sentry
that keeps the envelopes it is sent.
"""

import gzip
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

import brotli

from .servers import free_port

ROOT = Path(__file__).resolve().parents[2]

FAILING_REQUEST = """
import django, sentry_sdk
django.setup()
from django.test import Client
from django.test.utils import override_settings
with override_settings(ROOT_URLCONF="tests.ops.urls_failing"):
    status = Client(raise_request_exception=False).get(
        "/broken/", HTTP_HOST="localhost", HTTP_X_REQUEST_ID="trace-me-0123456789"
    ).status_code
sentry_sdk.flush(5)
print(status)
"""


class _Tracker(http.server.BaseHTTPRequestHandler):
    received: list[bytes] = []

    def do_POST(self):  # noqa: N802 (http.server's naming)
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        encoding = self.headers.get("Content-Encoding", "")
        if encoding == "br":
            body = brotli.decompress(body)
        elif encoding == "gzip":
            body = gzip.decompress(body)
        self.received.append(body)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_a_server_error_reaches_sentry_with_its_request_id(tmp_path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), _Tracker)
    _Tracker.received = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DEBUG"}}
        env.update(
            DJANGO_SETTINGS_MODULE="kzportal.settings",
            SENTRY_DSN=f"http://public@127.0.0.1:{server.server_port}/1",
            SQLITE_PATH=str(tmp_path / "empty.sqlite3"),  # the broken view reads nothing
            KZ_PAGE_CACHE="0",
        )
        result = subprocess.run(
            [sys.executable, "-c", FAILING_REQUEST],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        server.shutdown()
    assert result.stdout.strip().splitlines()[-1] == "500", result.stderr[-2000:]
    events = [body for body in _Tracker.received if b"ZeroDivisionError" in body]
    assert len(events) == 1
    assert b'"request_id":"trace-me-0123456789"' in events[0].replace(b" ", b"")
