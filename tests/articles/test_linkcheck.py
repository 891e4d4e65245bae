"""The link checker (articles/linkcheck.py, manage.py check_links) against a local
HTTP server only: working, gone, refusing HEAD, redirecting and too slow addresses."""

import http.server
import threading
import time

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.models import LinkCheck, SourceMarker
from tests.support.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

PORT_RANGE = range(9310, 9330)


class Handler(http.server.BaseHTTPRequestHandler):
    def _answer(self, with_body):
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        elif self.path == "/gone":
            self.send_response(404)
        elif self.path == "/no-head" and self.command == "HEAD":
            self.send_response(405)
        else:
            self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self):
        self._answer(False)

    def do_GET(self):
        self._answer(True)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    for port in PORT_RANGE:
        try:
            httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
            break
        except OSError:
            continue
    else:
        pytest.skip("no free port in 9310-9329")
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_the_checker_records_working_and_broken_addresses_with_status_and_time(server):
    article = ArticleFactory(original_url=f"{server}/ok")
    SourceMarker.objects.create(article=article, context="as reported", url=f"{server}/gone")
    SourceMarker.objects.create(article=article, context="said", url=f"{server}/no-head")
    ClaimFactory(source_url=f"{server}/moved")
    call_command("check_links", "--timeout", "1", "--concurrency", "2", verbosity=0)
    rows = {row.url.removeprefix(server): row for row in LinkCheck.objects.all()}
    assert {path: (row.ok, row.status_code) for path, row in rows.items()} == {
        "/ok": (True, 200),
        "/gone": (False, 404),
        "/no-head": (True, 200),
        "/moved": (True, 200),
    }
    assert all(row.checked_at is not None for row in rows.values())
    assert rows["/gone"].used_by == f"source marker in article {article.slug}"


def test_a_slow_server_times_out_instead_of_holding_the_check(server):
    ArticleFactory(original_url=f"{server}/slow")
    started = time.monotonic()
    call_command("check_links", "--timeout", "0.3", verbosity=0)
    assert time.monotonic() - started < 1.4
    row = LinkCheck.objects.get()
    assert (row.ok, row.error) == (False, "timed out")


def test_broken_links_are_listed_in_the_admin(server, editor_client):
    ArticleFactory(original_url=f"{server}/gone")
    ArticleFactory(original_url=f"{server}/ok")
    call_command("check_links", "--timeout", "1", verbosity=0)
    page = editor_client.get(reverse("admin:articles_linkcheck_changelist") + "?state=broken").content.decode()
    assert f"{server}/gone" in page
    assert f"{server}/ok" not in page


def test_addresses_no_longer_used_are_dropped_and_bad_settings_are_refused(server):
    article = ArticleFactory(original_url=f"{server}/ok")
    call_command("check_links", "--timeout", "1", verbosity=0)
    article.original_url = ""
    article.save()
    call_command("check_links", "--timeout", "1", verbosity=0)
    assert not LinkCheck.objects.exists()
    with pytest.raises(CommandError):
        call_command("check_links", "--concurrency", "0", verbosity=0)
    with pytest.raises(CommandError):
        call_command("check_links", "--timeout", "-1", verbosity=0)
