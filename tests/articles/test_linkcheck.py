"""The link checker (articles/linkcheck.py, manage.py check_links) against a local
HTTP server only: working, gone, refusing HEAD, redirecting and too slow addresses;
and the guard that keeps it off this machine's and private networks, which the tests
against the local server open for 127.0.0.1 alone (KZ_LINKCHECK_ALLOW_PRIVATE)."""

import http.server
import threading
import time

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.linkcheck import PRIVATE_ADDRESS, is_public
from articles.models import LinkCheck, SourceMarker
from kzportal.settings_builders import linkcheck_allowed as _linkcheck_allowed
from tests.support.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

PORT_RANGE = range(9310, 9330)


# Where the local server's redirects lead: off this machine, to addresses the guard refuses.
# Were the guard to let them through, the check would wait for them and time out instead.
REDIRECTS = {
    "/to-metadata": "http://169.254.169.254/latest/meta-data/",
    "/to-intranet": "http://10.255.255.1/admin",
    "/to-ftp": "ftp://10.255.255.1/file",
}


class Handler(http.server.BaseHTTPRequestHandler):
    requests = []  # the paths asked for, by any test

    def _answer(self, with_body):
        Handler.requests.append(self.path)
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        elif self.path in REDIRECTS:
            self.send_response(302)
            self.send_header("Location", REDIRECTS[self.path])
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
def http_server():
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


@pytest.fixture
def server(http_server, settings):
    """The local test server, with the checker allowed to reach 127.0.0.1 and nothing else private."""
    settings.KZ_LINKCHECK_ALLOW_PRIVATE = ["127.0.0.1/32"]
    return http_server


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


def test_without_the_opt_in_loopback_private_and_link_local_addresses_are_not_fetched(http_server, settings):
    settings.KZ_LINKCHECK_ALLOW_PRIVATE = []
    server = http_server
    port = server.rsplit(":", 1)[1]
    article = ArticleFactory(original_url=f"{server}/ok")
    refused = [
        f"http://localhost:{port}/ok",  # a name: resolved, then refused
        f"http://[::1]:{port}/ok",
        f"http://[::ffff:127.0.0.1]:{port}/ok",
        "http://10.0.0.1/",
        "http://192.168.1.1/router",
        "http://169.254.169.254/latest/meta-data/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
    ]
    for n, url in enumerate(refused):
        SourceMarker.objects.create(article=article, order=n + 1, context="said", url=url)
    Handler.requests.clear()
    started = time.monotonic()
    call_command("check_links", "--timeout", "2", verbosity=0)
    assert time.monotonic() - started < 2  # nothing was waited for: no connection was tried
    assert Handler.requests == []
    rows = {row.url: (row.ok, row.status_code, row.error) for row in LinkCheck.objects.all()}
    assert rows == dict.fromkeys([f"{server}/ok", *refused], (None, None, PRIVATE_ADDRESS))
    assert all(row.checked_at is not None for row in LinkCheck.objects.all())


def test_a_private_address_is_listed_as_not_checked_in_the_admin_not_as_broken(settings, editor_client):
    settings.KZ_LINKCHECK_ALLOW_PRIVATE = []
    ArticleFactory(original_url="http://10.0.0.1/intranet-page")
    call_command("check_links", "--timeout", "1", verbosity=0)
    changelist = reverse("admin:articles_linkcheck_changelist")
    assert "10.0.0.1/intranet-page" not in editor_client.get(changelist + "?state=broken").content.decode()
    assert "10.0.0.1/intranet-page" in editor_client.get(changelist + "?state=private").content.decode()
    dashboard = editor_client.get(reverse("admin:index")).content.decode()
    assert "10.0.0.1/intranet-page" not in dashboard


@pytest.mark.parametrize("path", list(REDIRECTS))
def test_a_redirect_to_a_private_address_or_another_scheme_is_not_followed(server, path):
    ArticleFactory(original_url=f"{server}{path}")
    started = time.monotonic()
    call_command("check_links", "--timeout", "3", verbosity=0)
    assert time.monotonic() - started < 2.5
    row = LinkCheck.objects.get()
    if path == "/to-ftp":
        assert (row.ok, row.status_code) == (False, None) and "non-http(s)" in row.error
    else:
        assert (row.ok, row.status_code, row.error) == (None, None, PRIVATE_ADDRESS)


def test_what_counts_as_a_public_address():
    assert is_public("93.184.216.34") and is_public("2606:4700::1111")
    for address in ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.0.1", "169.254.169.254", "100.64.0.1",
                    "0.0.0.0", "224.0.0.251",  # noqa: S104 (an address to refuse, not one to bind) "240.0.0.1", "255.255.255.255", "::1", "fe80::1", "fc00::1",
                    "ff02::1", "::ffff:10.0.0.1", "2002:0a00:0001::1"]:
        assert not is_public(address), address


def test_the_opt_in_setting_takes_networks_or_everything_and_refuses_anything_else():
    assert _linkcheck_allowed("") == [] and _linkcheck_allowed("0") == []
    assert _linkcheck_allowed("1") == ["0.0.0.0/0", "::/0"]
    assert _linkcheck_allowed("10.1.0.0/16, 127.0.0.1") == ["10.1.0.0/16", "127.0.0.1"]
    with pytest.raises(ImproperlyConfigured):
        _linkcheck_allowed("intranet")
