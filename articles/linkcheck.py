"""
Checking the outside addresses editors entered: each article's original, each
source marker's and each claim's source. ``manage.py check_links`` and the daily
task (``articles.tasks.check_links_daily``) run ``check_links``; the results are
``LinkCheck`` rows, listed in the admin (*Link checks*, filter "Broken").

Every request has a timeout, at most ``concurrency`` run at once, only http(s)
addresses are fetched, and nothing is read beyond the status line and headers.
The database is written once, after the network part, in one transaction.

Editors type these addresses, so the checker must not become a way to reach this
machine's network: it connects only to public addresses. The host is resolved and
*every* address it resolves to is checked (loopback, private, link-local such as
the cloud metadata address 169.254.169.254, multicast, reserved, unspecified,
shared and IPv4-mapped forms of those are refused), on the first request and on
every redirect it follows, and the connection goes to the address that was checked
(no second lookup a rebinding DNS server could answer differently). Such a link is
recorded as "not checked: private address" (``ok`` empty), not as broken. Proxies
from the environment are not used: the checker must see where it connects.
``settings.KZ_LINKCHECK_ALLOW_PRIVATE`` (networks, or everything) opens this up for
an intranet or for tests against a local server.
"""

import http.client
import ipaddress
import socket
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Article, Claim, LinkCheck, SourceMarker

USER_AGENT = "kzportal-linkcheck/1.0 (+editorial link checker)"
MAX_CONCURRENCY = 32


PRIVATE_ADDRESS = "not checked: private address"


@dataclass(frozen=True)
class Result:
    url: str
    ok: bool | None  # None: not checked (a private address)
    status_code: int | None
    error: str


def used_urls() -> dict[str, list[str]]:
    """Every outside address in use → where (e.g. "article kazakhstan-csto"). Three queries."""
    found = defaultdict(list)
    for slug, url in Article.objects.exclude(original_url="").values_list("slug", "original_url"):
        found[url].append(f"original of article {slug}")
    markers = SourceMarker.objects.exclude(url="").values_list("article__slug", "url")
    for slug, url in markers:
        found[url].append(f"source marker in article {slug}")
    for slug, url in Claim.objects.exclude(source_url="").values_list("slug", "source_url"):
        found[url].append(f"source of claim {slug}")
    return dict(found)


class PrivateAddress(OSError):
    """The host resolves to an address the checker does not connect to."""


def _allowed_networks():
    return [ipaddress.ip_network(net, strict=False) for net in settings.KZ_LINKCHECK_ALLOW_PRIVATE]


def is_public(address: str, allowed=()) -> bool:
    """Whether the checker may connect to ``address`` (an IP address as text)."""
    ip = ipaddress.ip_address(
        address.split("%", 1)[0]
    )  # an IPv6 zone ("fe80::1%eth0") names no other address
    if any(ip in net for net in allowed if net.version == ip.version):
        return True
    if ip.version == 6 and (ip.ipv4_mapped or ip.sixtofour or (ip.teredo and ip.teredo[1])):
        embedded = ip.ipv4_mapped or ip.sixtofour or ip.teredo[1]
        if not is_public(str(embedded), allowed):
            return False
    return ip.is_global and not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


def _guarded_connection(address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None, **kwargs):
    """``socket.create_connection`` that resolves the host once, refuses it if any of
    its addresses is not public, and connects to the addresses it checked."""
    host, port = address
    allowed = _allowed_networks()
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    if not infos or not all(is_public(info[4][0], allowed) for info in infos):
        raise PrivateAddress(f"{host} resolves to an address that is not public")
    error = None
    for family, socktype, proto, _canonname, sockaddr in infos:
        sock = socket.socket(family, socktype, proto)
        try:
            if timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            return sock
        except OSError as exc:
            error = exc
            sock.close()
    raise error


class _GuardedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _guarded_connection


class _GuardedHTTPSConnection(http.client.HTTPSConnection):
    # TLS is wrapped around the checked socket, with the host's name for the certificate.
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _guarded_connection


class _GuardedHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_GuardedHTTPConnection, req)


class _GuardedHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_GuardedHTTPSConnection, req, context=self._context)


class _FewRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = 5

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        # Only to http(s), never ftp: each hop then goes through the guarded connection.
        if not newurl.lower().startswith(("http://", "https://")):
            raise urllib.error.URLError(f"redirect to a non-http(s) address: {newurl[:100]}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener():
    # Built with only the handlers it needs: no proxy, ftp, file or data handler.
    opener = urllib.request.OpenerDirector()
    for handler in (
        _GuardedHTTPHandler(),
        _GuardedHTTPSHandler(),
        _FewRedirects(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
        urllib.request.UnknownHandler(),
    ):
        opener.add_handler(handler)
    return opener


def _open(url: str, method: str, timeout: float):
    # The scheme is checked by the caller (http/https only).
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})  # noqa: S310
    with _opener().open(request, timeout=timeout) as response:
        return response.status


def check_url(url: str, *, timeout: float) -> Result:
    """HEAD the address (GET if the server refuses HEAD); 2xx/3xx after redirects is working."""
    if not url.lower().startswith(("http://", "https://")):
        return Result(url, False, None, "not an http(s) address")
    try:
        try:
            status = _open(url, "HEAD", timeout)
        except urllib.error.HTTPError as error:
            if error.code not in (403, 405, 501):
                raise
            status = _open(url, "GET", timeout)  # some servers refuse HEAD but serve GET
    except urllib.error.HTTPError as error:
        return Result(url, False, error.code, f"HTTP {error.code}")
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, PrivateAddress) or isinstance(error, PrivateAddress):
            return Result(url, None, None, PRIVATE_ADDRESS)
        text = "timed out" if isinstance(reason, TimeoutError) or "timed out" in str(reason) else str(reason)
        return Result(url, False, None, text[:300] or type(error).__name__)
    return Result(url, status < 400, status, "" if status < 400 else f"HTTP {status}")


def check_links(*, timeout: float = 10.0, concurrency: int = 8, dry_run: bool = False) -> list[Result]:
    """Check every address in use and record the results (``LinkCheck``); rows for
    addresses no longer used are removed. Returns the results: broken first, then those
    not checked (private addresses), then working ones."""
    if timeout <= 0:
        raise ValueError("timeout must be positive")
    if not 1 <= concurrency <= MAX_CONCURRENCY:
        raise ValueError(f"concurrency must be between 1 and {MAX_CONCURRENCY}")
    urls = used_urls()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(pool.map(lambda url: check_url(url, timeout=timeout), sorted(urls)))
    if not dry_run:
        _record(results, urls)
    order = {False: 0, None: 1, True: 2}
    return sorted(results, key=lambda r: (order[r.ok], r.url))


@transaction.atomic
def _record(results, urls):
    now = timezone.now()
    existing = {row.url: row for row in LinkCheck.objects.all()}
    to_create, to_update = [], []
    for result in results:
        row = existing.pop(result.url, None) or LinkCheck(url=result.url)
        row.ok, row.status_code, row.error, row.checked_at = result.ok, result.status_code, result.error, now
        row.used_by = "; ".join(urls[result.url])[:300]
        (to_update if row.pk else to_create).append(row)
    LinkCheck.objects.bulk_create(to_create)
    LinkCheck.objects.bulk_update(to_update, ["ok", "status_code", "error", "checked_at", "used_by"])
    LinkCheck.objects.filter(pk__in=[row.pk for row in existing.values()]).delete()
