"""The API reference page in a real browser (headless Chromium): Swagger UI runs from this
site's own files and shows every endpoint, with no CSP violation and no script error.
Skipped where Chromium and its driver are not installed (.ci/run installs them)."""

import pytest

from tests.security.test_admin_browser import CHROMIUM, DRIVER, browser, problems  # noqa: F401

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="needs chromium and chromium-driver (apt)"),
]


def test_the_api_docs_run_under_their_policy_with_zero_violations(browser, live_server, caplog):  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    caplog.set_level("WARNING", logger="kzportal.csp")
    browser.get(live_server.url + "/api/v1/docs/")
    WebDriverWait(browser, 20).until(lambda driver: len(driver.find_elements(By.CSS_SELECTOR, ".opblock")) >= 17)
    assert "/api/v1/claimreview/" in browser.page_source
    assert problems(browser) == []
    assert not [r for r in caplog.records if "CSP violation" in r.getMessage()]
