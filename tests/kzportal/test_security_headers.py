"""One Content-Security-Policy (django-csp) on every response, admin and errors included."""

import json

import pytest

from kzportal.csp import ADMIN_CSP, ADMIN_INLINE_STYLE_ATTRIBUTES

pytestmark = pytest.mark.django_db

ALWAYS = ["default-src 'none'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "report-uri /csp-report/"]


def directives(response):
    return {part.split()[0]: part.split()[1:] for part in response["Content-Security-Policy"].split("; ")}


def assert_strict(response):
    csp = response["Content-Security-Policy"]
    for directive in ALWAYS:
        assert directive in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["Permissions-Policy"].startswith("camera=()")
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


def test_public_pages_forbid_scripts_and_other_hosts(client):
    response = client.get("/")
    assert_strict(response)
    assert directives(response)["script-src"] == ["'none'"]
    assert directives(response)["style-src"] == ["'self'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_public_pages_let_audit_tools_read_robots_txt_from_this_site_only(client):
    """Lighthouse fetches /robots.txt through the page it audits, under the page's connect-src."""
    found = directives(client.get("/"))
    assert found["connect-src"] == ["'self'"]
    assert found["script-src"] == ["'none'"]  # so no script of the page can use it
    assert client.get("/robots.txt").status_code == 200


def test_error_pages_and_redirects_carry_the_policy_too(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert_strict(response)
    assert directives(response)["script-src"] == ["'none'"]
    redirect = client.get("/articles")  # APPEND_SLASH redirect
    assert redirect.status_code == 301
    assert_strict(redirect)


def test_static_files_carry_the_policy(client):
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    assert_strict(response)


def test_the_admin_gets_only_what_djangos_admin_needs(admin_client, client):
    for response in (admin_client.get("/admin/"), client.get("/admin/login/"), admin_client.get("/admin/nope/")):
        assert_strict(response)
        found = directives(response)
        assert found["script-src"] == ["'self'"]
        assert found["connect-src"] == ["'self'"]
        assert found["style-src"] == ["'self'"]
        assert found["style-src-attr"] == ADMIN_CSP["style-src-attr"]


def test_the_admin_has_no_inline_script_or_style_beyond_the_hashed_attribute(admin_client, client, editor):
    """Django 5.2's admin pages we use render no inline <script> code and no style
    attribute other than the one allowed by hash (simple_history's paginator)."""
    import re

    from articles.models import Comment

    pages = ["/admin/", "/admin/articles/article/", "/admin/articles/article/add/",
             "/admin/articles/comment/", "/admin/auth/user/", f"/admin/auth/user/{editor.pk}/change/",
             f"/admin/auth/user/{editor.pk}/history/", "/admin/two-factor/"]
    assert Comment  # the comment admin is registered
    for url in [*pages, "/admin/login/"]:
        response = (client if url == "/admin/login/" else admin_client).get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        for match in re.finditer(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", html, re.S):
            attrs = match["attrs"]
            assert "src=" in attrs or 'type="application/json"' in attrs or "application/ld+json" in attrs, (url, attrs)
            if "src=" in attrs:
                assert match["body"].strip() == "", url
        styles = re.findall(r'\sstyle="([^"]*)"', html)
        assert set(styles) <= set(ADMIN_INLINE_STYLE_ATTRIBUTES), (url, styles)
        assert not re.search(r"<style[\s>]", html), url
        assert not re.search(r"\son[a-z]+=", html), url


def test_the_hashed_style_attribute_is_still_the_one_simple_history_uses():
    from pathlib import Path

    import simple_history

    template = Path(simple_history.__file__).parent / "templates/simple_history/object_history_list.html"
    assert 'style="border-top: 0"' in template.read_text()


def test_the_csp_report_endpoint_logs_violations(client, caplog):
    report = {"csp-report": {"document-uri": "https://example.org/x", "violated-directive": "script-src",
                             "blocked-uri": "inline", "evil": "x" * 10_000}}
    with caplog.at_level("WARNING", logger="kzportal.csp"):
        response = client.post("/csp-report/", json.dumps(report), content_type="application/csp-report")
    assert response.status_code == 204
    assert "CSP violation" in caplog.text and "script-src" in caplog.text
    assert "evil" not in caplog.text
    assert client.get("/csp-report/").status_code == 405
    assert client.post("/csp-report/", "x" * 20_000, content_type="application/csp-report").status_code == 413
    assert client.post("/csp-report/", "not json", content_type="application/csp-report").status_code == 400
    assert client.post("/csp-report/", {"a": "b"}).status_code == 415
