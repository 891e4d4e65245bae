"""Shared helpers for the reader-comment tests: valid form data, posting, reading pages."""

import re
import time
from urllib.parse import urlencode

from django.urls import reverse

from articles.comments.forms import make_form_token

VALID = {
    "name": "Aigerim",
    "email": "aigerim@example.org",
    "body": "A considered reply about the CSTO deployment.",
}


def comment_url(article):
    return reverse("comments:post", kwargs={"slug": article.slug})


def form_data(article, *, seconds_ago=30, **overrides):
    """What a browser sends: the form's fields plus a token issued ``seconds_ago``."""
    data = {**VALID, "website": "", "token": make_form_token(article, at=time.time() - seconds_ago)}
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def send(client, url, data, **extra):
    """POST ``data`` as a browser sends the comment form: application/x-www-form-urlencoded."""
    return client.post(url, urlencode(data, doseq=True), content_type="application/x-www-form-urlencoded", **extra)


def post_comment(client, article, *, seconds_ago=30, **overrides):
    return send(client, comment_url(article), form_data(article, seconds_ago=seconds_ago, **overrides))


def csrf_token_from(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, "the page has no CSRF token"
    return match.group(1)


def token_from(html: str) -> str:
    """The comment form's token (not the rating form's, which comes first on an article page)."""
    match = re.search(r'<input[^>]*\bname="token" value="([^"]+)"[^>]*\bid="comment_token"', html)
    assert match, "the page has no comment form token"
    return match.group(1)
