"""The comment rate limit (articles/comments/ratelimit.py) and its system check."""

import time

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured

from articles.comments import ratelimit
from articles.comments.views import TOO_MANY
from articles.models import Comment
from tests.support.comments import comment_url, form_data, post_comment, send
from tests.support.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory(published=True)


def test_rate_limit_refuses_the_next_comment_and_keeps_the_text(client, article, settings):
    settings.KZ_COMMENT_RATE = "2/10m"
    assert post_comment(client, article, body="first comment").status_code == 302
    assert post_comment(client, article, body="second comment").status_code == 302
    response = post_comment(client, article, body="third comment, too many")
    assert response.status_code == 429
    html = response.content.decode()
    assert TOO_MANY.split(";")[0] in html
    assert "third comment, too many" in html
    assert Comment.objects.count() == 2


def test_rate_limit_is_per_client_address_and_ignores_forwarded_headers(client, article, settings):
    settings.KZ_COMMENT_RATE = "1/1h"
    assert post_comment(client, article, body="from the first client").status_code == 302
    # Claiming another address in X-Forwarded-For does not reset the limit.
    response = send(client, comment_url(article), form_data(article, body="spoofed"), HTTP_X_FORWARDED_FOR="203.0.113.9"
    )
    assert response.status_code == 429
    # Another client address has its own allowance.
    response = send(client, comment_url(article), form_data(article, body="another client"), REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302


def test_rate_limit_window_expires(settings):
    settings.KZ_COMMENT_RATE = "2/1s"
    assert ratelimit.hit("client")
    assert ratelimit.hit("client")
    assert not ratelimit.hit("client")
    assert ratelimit.hit("another-client")
    time.sleep(1.1)
    assert ratelimit.hit("client")


@pytest.mark.parametrize(
    ("value", "limit", "period"),
    [("5/10m", 5, 600), ("20/h", 20, 3600), ("1/1s", 1, 1), ("100/2d", 100, 172800), (" 3 / 30 s ", 3, 30)],
)
def test_rate_format(value, limit, period):
    assert ratelimit.parse_rate(value) == ratelimit.Rate(limit=limit, period=period)


@pytest.mark.parametrize("value", ["", "5", "5/10", "five/10m", "5/10w", "0/10m", "5/0m", "-1/1m", "5/m10"])
def test_a_malformed_rate_fails_the_system_check(settings, value):
    with pytest.raises(ImproperlyConfigured):
        ratelimit.parse_rate(value)
    settings.KZ_COMMENT_RATE = value
    errors = [e for e in run_checks() if e.id == "kzportal.E001"]
    assert len(errors) == 1
    assert "KZ_COMMENT_RATE" in errors[0].msg


def test_the_configured_rate_passes_the_system_check():
    assert not [e for e in run_checks() if e.id == "kzportal.E001"]
