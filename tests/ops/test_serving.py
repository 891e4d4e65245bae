"""Health endpoints, the client address behind a proxy, request logs and the serving checks."""

import json
import logging
import time

import pytest
from django.core import checks
from django.test import RequestFactory

from articles.models import Comment
from kzportal.clientaddr import client_address
from kzportal.requestlog import JsonFormatter, RequestIdFilter
from tests.support.comments import comment_url, form_data, send
from tests.support.factories import ArticleFactory

from .servers import closed_port


def test_healthz_answers_without_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_probes_by_ip_address_and_plain_http_are_answered(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["example.org"]
    response = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 200
    assert client.get("/", HTTP_HOST="10.0.0.7:8000").status_code == 400  # everything else still checked
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db(transaction=True)
def test_readyz_reports_each_dependency(client):
    response = client.get("/readyz")
    assert response.status_code == 200, response.content
    assert response.json()["checks"] == {"database": "ok", "cache": "ok", "queue": "ok"}


@pytest.mark.django_db(transaction=True)
def test_readyz_is_503_within_a_second_when_the_cache_is_down(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    started = time.monotonic()
    response = client.get("/readyz")
    assert time.monotonic() - started < 1.5
    assert response.status_code == 503
    body = response.json()
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["cache"] != "ok"


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        ([], "203.0.113.9", "198.51.100.1", "203.0.113.9"),  # no proxy configured: header ignored
        (["127.0.0.1"], "203.0.113.9", "198.51.100.1", "203.0.113.9"),  # not from the proxy: ignored
        (["127.0.0.1"], "127.0.0.1", "198.51.100.1", "198.51.100.1"),
        (["127.0.0.1"], "127.0.0.1", "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # client-written hop ignored
        (["127.0.0.1", "10.0.0.0/8"], "127.0.0.1", "198.51.100.1, 10.1.2.3", "198.51.100.1"),
        (["127.0.0.1"], "127.0.0.1", "not-an-address", "127.0.0.1"),
        (["127.0.0.1"], "127.0.0.1", "", "127.0.0.1"),
        (["::1"], "::1", "2001:db8::5", "2001:db8::5"),
    ],
)
def test_client_address_trusts_forwarded_for_only_from_listed_proxies(settings, proxies, remote, forwarded, expected):
    settings.KZ_TRUSTED_PROXIES = proxies
    meta = {"REMOTE_ADDR": remote}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    assert client_address(RequestFactory().get("/", **meta)) == expected


@pytest.mark.django_db
def test_behind_the_proxy_each_reader_has_their_own_comment_allowance(client, settings):
    settings.KZ_TRUSTED_PROXIES = ["127.0.0.1"]
    settings.KZ_COMMENT_RATE = "1/10m"
    article = ArticleFactory(published=True)

    def post(forwarded, body):
        data = form_data(article, body=body)
        return send(client, comment_url(article), data, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)

    assert post("198.51.100.1", "First reader's comment.").status_code == 302
    assert post("198.51.100.2", "Second reader's comment.").status_code == 302
    assert post("198.51.100.1", "First reader again, too soon.").status_code == 429
    # A client cannot buy a new allowance by writing its own X-Forwarded-For.
    assert post("1.2.3.4, 198.51.100.1", "First reader, spoofing.").status_code == 429
    assert Comment.objects.count() == 2


@pytest.mark.django_db
def test_one_log_line_per_request_with_its_id(client, caplog):
    with caplog.at_level(logging.INFO, logger="kzportal.request"):
        response = client.get("/", HTTP_X_REQUEST_ID="proxy-given-id-123")
        client.get("/healthz")
    assert response["X-Request-ID"] == "proxy-given-id-123"
    lines = [r for r in caplog.records if r.name == "kzportal.request"]
    assert len(lines) == 1  # the health probe is not logged at INFO
    record = lines[0]
    assert record.status == 200 and record.path == "/" and record.method == "GET"
    RequestIdFilter().filter(record)
    assert record.request_id == "proxy-given-id-123"
    data = json.loads(JsonFormatter().format(record))
    assert data["request_id"] == "proxy-given-id-123"
    assert data["status"] == 200 and data["logger"] == "kzportal.request"


@pytest.mark.django_db
def test_a_made_up_request_id_is_replaced(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="<script>")
    assert response["X-Request-ID"] != "<script>" and len(response["X-Request-ID"]) == 32


def test_the_deploy_check_warns_about_a_per_process_rate_limit(settings):
    settings.DEBUG = False
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    ids = {message.id for message in checks.run_checks(include_deployment_checks=True)}
    assert "kzportal.W002" in ids
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}
    ids = {message.id for message in checks.run_checks(include_deployment_checks=True)}
    assert "kzportal.W002" not in ids


def test_waits_longer_than_the_worker_timeout_are_a_warning(settings):
    settings.DB_STATEMENT_TIMEOUT = settings.KZ_WORKER_TIMEOUT + 1
    assert "kzportal.W010" in {message.id for message in checks.run_checks()}


def test_a_malformed_trusted_proxy_is_an_error(settings):
    settings.KZ_TRUSTED_PROXIES = ["127.0.0.1", "proxy.example"]
    assert "kzportal.E011" in {message.id for message in checks.run_checks()}
