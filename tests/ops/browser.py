"""A small real HTTP client for tests against running servers: cookies, no redirects, timings."""

import http.cookiejar
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Reply:
    status: int
    body: str
    headers: dict
    seconds: float


class Browser:
    def __init__(self, timeout=40):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)
        self.timeout = timeout

    def request(self, url, data=None, headers=None) -> Reply:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers=headers or {})  # noqa: S310
        started = time.monotonic()
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                status, text, head = response.status, response.read().decode("utf-8", "replace"), dict(response.headers)
        except urllib.error.HTTPError as error:
            status, text, head = error.code, error.read().decode("utf-8", "replace"), dict(error.headers)
        return Reply(status, text, head, time.monotonic() - started)

    def get(self, url, headers=None) -> Reply:
        return self.request(url, headers=headers)

    def post(self, url, data, headers=None) -> Reply:
        return self.request(url, data=data, headers=headers)


def form_fields(html: str) -> dict:
    """The comment form's hidden tokens from a page (its own single-use token, not the
    rating form's, which comes first on an article page; the CSRF token is one per reader)."""
    patterns = {
        "csrfmiddlewaretoken": r'name="csrfmiddlewaretoken" value="([^"]+)"',
        "token": r'<input[^>]*\bname="token" value="([^"]+)"[^>]*\bid="comment_token"',
    }
    fields = {}
    for name, pattern in patterns.items():
        match = re.search(pattern, html)
        assert match, f"no {name} on the page"
        fields[name] = match.group(1)
    return fields


def first_article_path(html: str) -> str:
    match = re.search(r'href="(/articles/[a-z0-9-]+/)"', html)
    assert match, "no article link"
    return match.group(1)
