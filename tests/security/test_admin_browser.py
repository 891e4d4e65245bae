"""The admin under its Content-Security-Policy, in a real browser (headless Chromium).

A staff user logs in through the real form and opens the admin pages we use,
including the article form with its autocomplete widgets. The browser's
console must show no CSP violation and no script error, the report endpoint
must receive no report, and the admin's JavaScript must visibly run (the
autocomplete widgets are built by it). Skipped where Chromium and its driver
are not installed (.ci/run installs them).
"""

import shutil

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="needs chromium and chromium-driver (apt)"),
]


@pytest.fixture
def browser():
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def problems(driver):
    return [
        entry["message"]
        for entry in driver.get_log("browser")
        if (entry["level"] == "SEVERE" or "Content Security Policy" in entry["message"])
        and "/favicon.ico" not in entry["message"]  # the site has none; not a policy matter
    ]


def test_the_admin_runs_with_zero_csp_violations(browser, live_server, django_user_model, caplog):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from tests.support.factories import ArticleFactory

    # A superuser: a transactional test's flush may have removed the groups' data migration rows.
    django_user_model.objects.create_superuser(username="eddie", password="correct horse battery", email="e@example.org")
    article = ArticleFactory(published=True)

    caplog.set_level("WARNING", logger="kzportal.csp")
    browser.get(live_server.url + "/admin/login/")
    assert problems(browser) == []
    browser.find_element(By.NAME, "username").send_keys("eddie")
    browser.find_element(By.NAME, "password").send_keys("correct horse battery")
    browser.find_element(By.CSS_SELECTOR, "#login-form input[type=submit]").click()
    # click() returns before the POST and its redirect finish; wait for the index
    # (a failed login stays on /admin/login/ and times out here).
    WebDriverWait(browser, 15).until(lambda driver: driver.current_url == live_server.url + "/admin/")

    pages = [
        "/admin/",
        "/admin/articles/article/",
        "/admin/articles/article/add/",
        f"/admin/articles/article/{article.pk}/change/",
        f"/admin/articles/article/{article.pk}/history/",
        "/admin/articles/comment/",
        "/admin/articles/claim/add/",
        "/admin/actors/actor/add/",
        "/admin/two-factor/",
        article.get_absolute_url(),
        "/search/?q=crisis",
    ]
    seen = {}
    for page in pages:
        browser.get(live_server.url + page)
        seen[page] = problems(browser)
    assert {page: found for page, found in seen.items() if found} == {}

    # The admin's own JavaScript ran: select2 built the autocomplete widgets.
    browser.get(live_server.url + "/admin/articles/article/add/")
    assert browser.find_elements(By.CSS_SELECTOR, ".select2-container")
    browser.get(live_server.url + "/admin/")  # let any last report arrive
    assert "CSP violation" not in caplog.text
