"""The one Content-Security-Policy on the responses nobody looks at until something
goes wrong: the 500 page, a refused CSRF check, a 405 from the form guard, the
login lock, the health answers and the HTTPS redirect of a static file."""

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

ALWAYS = [
    "default-src 'none'",
    "script-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "report-uri /csp-report/",
]


def assert_public_policy(response):
    policy = response["Content-Security-Policy"]
    for directive in ALWAYS:
        assert directive in policy, (response.status_code, policy)


@override_settings(ROOT_URLCONF="tests.security.failing_urls", DEBUG=False)
def test_the_server_error_page_carries_the_policy():
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    assert_public_policy(response)


def test_a_refused_csrf_check_carries_the_policy():
    response = Client(enforce_csrf_checks=True).post(
        "/newsletter/", "email=a%40example.org", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 403
    assert_public_policy(response)


def test_a_method_refused_by_the_form_guard_carries_the_policy(client):
    from tests.support.factories import ArticleFactory

    article = ArticleFactory(published=True)
    response = client.put(f"/articles/{article.slug}/comments/")
    assert response.status_code == 405
    assert_public_policy(response)


def test_the_login_lock_page_carries_the_admin_policy(editor):
    client = Client()
    for _ in range(5):
        response = client.post(
            "/admin/login/", {"username": "eddie", "password": "wrong"}, REMOTE_ADDR="203.0.113.9"
        )
    assert response.status_code == 429
    policy = response["Content-Security-Policy"]
    assert (
        "object-src 'none'" in policy and "frame-ancestors 'none'" in policy and "script-src 'self'" in policy
    )


def test_health_answers_carry_the_policy(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert_public_policy(response)


@override_settings(SECURE_SSL_REDIRECT=True)
def test_the_https_redirect_of_a_static_file_carries_the_policy(client):
    response = client.get("/static/css/site.css")
    assert response.status_code == 301 and response["Location"].startswith("https://")
    assert_public_policy(response)
