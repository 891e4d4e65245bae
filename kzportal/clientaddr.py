"""
The client's address, also behind a reverse proxy.

``REMOTE_ADDR`` is the peer of the TCP connection. Behind nginx that is the
proxy, so every reader would share one address (and one comment allowance).
``X-Forwarded-For`` carries the real client, but anyone can send that header:
it is believed only when the connection comes from an address listed in
``KZ_TRUSTED_PROXIES`` (addresses or networks, e.g. ``127.0.0.1,10.0.0.0/8``).
The list is read from the right: each trusted proxy appends the address it
saw, so the first hop from the right that is not a trusted proxy is the
client; anything further left was written by the client and is ignored.
"""

import functools
import ipaddress

from django.conf import settings


@functools.lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]):
    return tuple(ipaddress.ip_network(item, strict=False) for item in proxies)


def _parse(address: str):
    try:
        return ipaddress.ip_address(address.strip())
    except ValueError:
        return None


def is_trusted_proxy(address: str) -> bool:
    parsed = _parse(address)
    if parsed is None:
        return False
    return any(parsed in network for network in _networks(tuple(settings.KZ_TRUSTED_PROXIES)))


def client_address(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    if not settings.KZ_TRUSTED_PROXIES or not is_trusted_proxy(remote):
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        parsed = _parse(hop)
        if parsed is None:  # not an address: nothing further left can be believed
            return remote
        if not is_trusted_proxy(hop):
            return str(parsed)
    return str(_parse(hops[0])) if hops else remote


class ForwardedProtoMiddleware:
    """With ``SECURE_PROXY_SSL_HEADER`` (``KZ_BEHIND_PROXY=1``), Django believes the
    header from whoever sends it: a client that reaches the app server directly could
    claim HTTPS, skip the redirect and be sent Secure cookies over plain HTTP. The
    header is removed unless the connection comes from a ``KZ_TRUSTED_PROXIES`` address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        header = settings.SECURE_PROXY_SSL_HEADER
        if header and header[0] in request.META and not is_trusted_proxy(request.META.get("REMOTE_ADDR", "")):
            del request.META[header[0]]
        return self.get_response(request)
