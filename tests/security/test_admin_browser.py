"""The admin under its Content-Security-Policy, in a real browser (headless Chromium).

A staff user logs in through the real form and opens the admin pages we use,
including the article form with its autocomplete widgets. The browser must report
no CSP violation (the ``securitypolicyviolation`` event and the console) and no
script error, the report endpoint must receive no report, and the admin's
JavaScript must visibly run (the autocomplete widgets are built by it).

Playwright drives Debian's Chromium (as tests/browser does: no downloaded browser,
no separate driver); skipped where either is missing (.ci/run installs Chromium).
"""

import os
import shutil
from pathlib import Path

import pytest

_FOUND = os.environ.get("KZ_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM = _FOUND if Path(_FOUND).exists() else None
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM, reason="needs Debian's chromium (apt)"),
]

# Recorded by the page itself, so a violation on a page that navigates away is not lost.
RECORD_VIOLATIONS = """
document.addEventListener('securitypolicyviolation', (e) => {
  const seen = JSON.parse(sessionStorage.getItem('kz-csp') || '[]');
  seen.push(`${e.violatedDirective} blocked ${e.blockedURI} at ${e.documentURI}`);
  sessionStorage.setItem('kz-csp', JSON.stringify(seen));
});
"""


@pytest.fixture
def page():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"]
        )
        context = browser.new_context()
        context.add_init_script(RECORD_VIOLATIONS)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.problems = []
        page.on(
            "console",
            lambda m: (
                (m.type == "error" or "Content Security Policy" in m.text) and page.problems.append(m.text)
            ),
        )
        page.on("pageerror", lambda error: page.problems.append(f"script error: {error}"))
        yield page
        browser.close()


NOT_FOUND = "/admin/no-such-page/"


def violations(page):
    return page.evaluate("JSON.parse(sessionStorage.getItem('kz-csp') || '[]')")


@pytest.fixture
def article(django_user_model):
    """Set up before ``page``: the ORM refuses to run while Playwright's event loop does."""
    from tests.support.factories import ArticleFactory

    # A superuser: a transactional test's flush may have removed the groups' data migration rows.
    django_user_model.objects.create_superuser(
        username="eddie", password="correct horse battery", email="e@example.org"
    )
    return ArticleFactory(published=True)


def test_the_admin_runs_with_zero_csp_violations(article, page, live_server, caplog):
    caplog.set_level("WARNING", logger="kzportal.csp")
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "eddie")
    page.fill("#id_password", "correct horse battery")
    with page.expect_navigation():
        page.click("#login-form [type=submit]")
    assert page.url == live_server.url + "/admin/", "login failed"

    pages = [
        "/admin/",
        "/admin/articles/article/",
        "/admin/articles/article/add/",
        f"/admin/articles/article/{article.pk}/change/",
        f"/admin/articles/article/{article.pk}/history/",
        "/admin/articles/comment/",
        "/admin/articles/claim/add/",
        "/admin/actors/actor/add/",
        "/admin/auth/user/",
        "/admin/two-factor/",
        NOT_FOUND,  # the admin's 404
        article.get_absolute_url(),
        "/search/?q=crisis",
    ]
    seen = {}
    for address in pages:
        page.goto(live_server.url + address)
        page.wait_for_load_state("load")
        # Chromium logs the document's own 404 as a failed load; that page is meant to be one.
        logged = [p for p in page.problems if not (address == NOT_FOUND and "status of 404" in p)]
        seen[address] = [*logged, *violations(page)]
        page.problems.clear()
        page.evaluate("sessionStorage.removeItem('kz-csp')")
    assert {address: found for address, found in seen.items() if found} == {}

    # The admin's own JavaScript ran: select2 built the autocomplete widgets.
    page.goto(live_server.url + "/admin/articles/article/add/")
    assert page.locator(".select2-container").count() > 0
    page.goto(live_server.url + "/admin/")  # let any last report arrive
    assert "CSP violation" not in caplog.text


def test_the_checker_sees_a_violation(page, live_server):
    """An inline script on a page under the public policy is blocked and recorded:
    the zero above is a real zero, not a blind recorder."""
    page.goto(live_server.url + "/no-such-page/")
    page.evaluate(
        """() => { const s = document.createElement('script'); s.textContent = '1'; document.body.append(s); }"""
    )
    page.wait_for_timeout(200)
    assert any("script-src" in found for found in violations(page))
