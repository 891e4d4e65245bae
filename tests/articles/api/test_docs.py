"""The API reference page: served from this site's own files, under a CSP widened for that
one path only."""

import re

import pytest

pytestmark = pytest.mark.django_db


def csp(response):
    return dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";") if part.strip())


def test_the_docs_page_loads_only_this_sites_files(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(s.startswith("/") for s in sources), sources
    assert "<style" not in page and "style=" not in page
    assert not re.search(r"<script>(?!</script>)", page), "no inline script"
    script = client.get(re.search(r'<script src="([^"]+script=[^"]*)"', page).group(1).replace("&amp;", "&"))
    assert script.status_code == 200 and script["Content-Type"].startswith("application/javascript")
    assert "/api/v1/openapi.json" in script.content.decode()


def test_the_docs_page_may_run_its_own_scripts_and_nothing_else(client):
    policy = csp(client.get("/api/v1/docs/"))
    assert policy["script-src"] == "'self'" and policy["connect-src"] == "'self'"
    assert policy["style-src"] == "'self'" and policy["default-src"] == "'none'"


@pytest.mark.parametrize("url", ["/", "/articles/", "/api/v1/openapi.json", "/api/v1/articles/",
                                 "/api/v1/docs/x", "/api/v1/docs/../"])
def test_every_other_page_keeps_the_public_policy(client, url):
    policy = csp(client.get(url))
    assert policy["script-src"] == "'none'"
    assert policy["connect-src"] == "'self'"  # the public policy's own (kzportal.settings)
