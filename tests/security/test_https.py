"""HTTPS without opt-in: production settings, each switch in a fresh interpreter,
and the behaviour through the test client."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings

ROOT = Path(__file__).resolve().parents[2]
KEY = "production-like-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFG"
SWITCHES = {"DATABASE_URL", "REDIS_URL", "DEBUG", "SECRET_KEY", "KZ_LOCAL_HTTP", "KZ_BEHIND_PROXY",
            "KZ_HSTS_PRELOAD", "KZ_SECRET_KEY_FILE", "ALLOWED_HOSTS", "KZ_TRUSTED_PROXIES"}
NAMES = ["SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_NAME",
         "CSRF_COOKIE_NAME", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
         "SECURE_PROXY_SSL_HEADER", "SESSION_COOKIE_AGE", "PASSWORD_HASHERS", "SECRET_KEY"]


def production_env(**env):
    clean = {k: v for k, v in os.environ.items() if k not in SWITCHES}
    # Production is many app servers over one Redis (the rate limit must be shared).
    clean.update({"SECRET_KEY": KEY, "ALLOWED_HOSTS": "example.org", "REDIS_URL": "redis://127.0.0.1:6379/14"})
    clean.update(env)
    return {k: v for k, v in clean.items() if v is not None}


def load(**env):
    code = (
        "import json; from django.conf import settings as s; "
        f"print(json.dumps({{n: getattr(s, n, None) for n in {NAMES!r}}}))"
    )
    env = production_env(DJANGO_SETTINGS_MODULE="kzportal.settings", **env)
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


def values(**env):
    result = load(**env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_is_https_only_without_any_switch():
    found = values()
    assert found["SECURE_SSL_REDIRECT"] is True
    assert found["SESSION_COOKIE_SECURE"] is True and found["CSRF_COOKIE_SECURE"] is True
    assert found["SESSION_COOKIE_NAME"] == "__Host-sessionid"
    assert found["CSRF_COOKIE_NAME"] == "__Host-csrftoken"
    assert found["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert found["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert found["SECURE_HSTS_PRELOAD"] is False  # the domain owner's explicit choice
    assert found["SECURE_PROXY_SSL_HEADER"] is None  # X-Forwarded-Proto is not trusted by default
    assert 8 * 3600 <= found["SESSION_COOKIE_AGE"] <= 10 * 3600
    assert found["PASSWORD_HASHERS"][0].endswith("Argon2PasswordHasher")


def test_preload_and_proxy_are_separate_opt_ins():
    assert values(KZ_HSTS_PRELOAD="1")["SECURE_HSTS_PRELOAD"] is True
    found = values(KZ_BEHIND_PROXY="1", KZ_TRUSTED_PROXIES="10.0.0.2")
    assert found["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert found["SECURE_SSL_REDIRECT"] is True


def test_behind_a_proxy_needs_the_list_of_trusted_proxies():
    result = load(KZ_BEHIND_PROXY="1")
    assert result.returncode != 0
    assert "KZ_BEHIND_PROXY=1 needs KZ_TRUSTED_PROXIES" in result.stderr


def test_the_container_build_step_starts_under_the_production_key_rule():
    """The image's collectstatic loads the production settings (DEBUG off): a short
    build-only key made `docker build` stop there."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    step = next(line for line in text.splitlines() if "manage.py collectstatic" in line)
    command = step.strip().removeprefix("RUN ").split("&&")[0]
    command = command.replace(".venv/bin/python", sys.executable).replace(
        "collectstatic --noinput --verbosity 0", "check"
    )
    env = production_env(SECRET_KEY=None, ALLOWED_HOSTS=None, REDIS_URL=None, HOST="0.0.0.0", PORT="8000")  # noqa: S104 - as the image sets it
    result = subprocess.run(["sh", "-c", command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]


def test_local_plain_http_is_refused_for_a_public_host():
    result = load(KZ_LOCAL_HTTP="1")
    assert result.returncode != 0
    assert "KZ_LOCAL_HTTP=1" in result.stderr and "example.org" in result.stderr


def test_local_plain_http_is_allowed_on_loopback_only():
    found = values(KZ_LOCAL_HTTP="1", ALLOWED_HOSTS="127.0.0.1,localhost,[::1]")
    assert found["SECURE_SSL_REDIRECT"] is False
    assert found["SESSION_COOKIE_SECURE"] is False
    assert found["SESSION_COOKIE_NAME"] == "sessionid"
    assert found["SECURE_HSTS_SECONDS"] == 0
    assert load(KZ_LOCAL_HTTP="1", ALLOWED_HOSTS="127.0.0.1,kz.example.org").returncode != 0


@pytest.mark.parametrize("weak", ["k", "x" * 49, "ab" * 40, "django-insecure-" + "q1w2e3r4t5y6" * 5])
def test_production_refuses_a_weak_secret_key(weak):
    result = load(SECRET_KEY=weak)
    assert result.returncode != 0
    assert "SECRET_KEY is too weak" in result.stderr


def test_no_key_file_is_read_unless_named(tmp_path):
    result = load(SECRET_KEY=None)
    assert result.returncode != 0 and "SECRET_KEY is not set" in result.stderr
    key_file = tmp_path / "key"
    key_file.write_text(KEY + "-from-file\n")
    assert values(SECRET_KEY=None, KZ_SECRET_KEY_FILE=str(key_file))["SECRET_KEY"] == KEY + "-from-file"


def test_check_deploy_passes_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=production_env(), capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_make_run_serves_local_http_with_the_checkout_key():
    makefile = (ROOT / "Makefile").read_text()
    local = re.search(r"^LOCAL_TARGETS := (.*)$", makefile, re.M).group(1).split()
    assert {"serve-setup", "run", "dev", "backup"} <= set(local)
    assert "$(LOCAL_TARGETS): export KZ_LOCAL_HTTP = 1" in makefile
    assert "$(LOCAL_TARGETS): export KZ_SECRET_KEY_FILE = $(CURDIR)/.secret_key" in makefile


HTTPS = {
    "SECURE_SSL_REDIRECT": True,
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    "SESSION_COOKIE_NAME": "__Host-sessionid",
    "CSRF_COOKIE_NAME": "__Host-csrftoken",
    "SECURE_HSTS_SECONDS": 31536000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_PROXY_SSL_HEADER": None,
}


@pytest.mark.django_db
@override_settings(**HTTPS)
def test_plain_http_is_redirected_and_a_forged_forwarded_proto_does_not_help():
    client = Client()
    response = client.get("/articles/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/articles/"
    assert "Content-Security-Policy" in response
    forged = client.get("/articles/", headers={"X-Forwarded-Proto": "https"})
    assert forged.status_code == 301


@pytest.mark.django_db
@override_settings(
    **{**HTTPS, "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"), "KZ_TRUSTED_PROXIES": ["10.0.0.2"]}
)
def test_behind_a_proxy_its_forwarded_proto_is_believed_from_the_proxy_only():
    client = Client()
    proxied = client.get("/articles/", headers={"X-Forwarded-Proto": "https"}, REMOTE_ADDR="10.0.0.2")
    assert proxied.status_code == 200
    assert proxied["Strict-Transport-Security"].startswith("max-age=31536000")
    # A client reaching the app server directly cannot claim HTTPS.
    forged = client.get("/articles/", headers={"X-Forwarded-Proto": "https"}, REMOTE_ADDR="203.0.113.9")
    assert forged.status_code == 301 and forged["Location"] == "https://testserver/articles/"
    assert "Strict-Transport-Security" not in forged


@pytest.mark.django_db
@override_settings(**HTTPS)
def test_https_responses_carry_hsts_and_host_prefixed_secure_cookies():
    client = Client()
    response = client.get("/admin/login/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    cookie = response.cookies["__Host-csrftoken"]
    assert cookie["secure"] and cookie["httponly"] and cookie["path"] == "/" and not cookie["domain"]
    assert cookie["samesite"] == "Lax"


@pytest.mark.django_db
@override_settings(**HTTPS)
def test_the_message_cookie_after_a_comment_is_host_prefixed_too():
    from tests.support.comments import comment_url, form_data, send
    from tests.support.factories import ArticleFactory

    article = ArticleFactory(published=True)
    client = Client()
    response = send(client, comment_url(article), form_data(article), secure=True)
    assert response.status_code == 302
    cookie = response.cookies["__Host-messages"]
    assert cookie["secure"] and cookie["httponly"] and cookie["path"] == "/"
    page = client.get(response["Location"], secure=True)
    assert "your comment was received" in page.content.decode()
