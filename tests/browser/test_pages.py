"""Every public page type and the key admin pages in Chromium: no critical or serious
axe-core violation, no console error or CSP violation (the ``watched`` fixture), and a
screenshot at 1280×900 and 390×844 for the CI artefacts."""

import re

import pytest

from .conftest import PHONE, axe, login, shoot


def public_pages(page):
    """One URL of every public page type, found by following the site's own links."""
    page.go("/articles/")
    article = page.locator("main a[href^='/articles/']").first.get_attribute("href")
    page.go(article)
    links = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")

    def first(prefix):
        return next(href for href in links if re.match(prefix + r"[^/?#]+/$", href))

    return {
        "home": "/",
        "articles": "/articles/",
        "article": article,
        "actors": "/actors/",
        "actor": first("/actors/"),
        "themes": "/themes/",
        "theme": first("/themes/"),
        "claims": "/claims/",
        "claim": first("/claims/"),
        "author": first("/authors/"),
        "publication": first("/publications/"),
        "timeline": "/timeline/",
        "archive": "/archive/2022/",
        "search": "/search/?q=tokayev",
    }


def test_every_public_page_type_has_no_serious_accessibility_violation_at_two_widths(watched, chromium, site):
    pages = public_pages(watched)
    phone = chromium.new_context(viewport=PHONE)
    phone_page = phone.new_page()
    found = {}
    for name, path in pages.items():
        response = watched.go(path)
        assert response.status == (404 if name == "not-found" else 200), path
        found[name] = axe(watched)
        shoot(watched, name)
        phone_page.goto(site + path)
        found[f"{name} (phone)"] = axe(phone_page)
        shoot(phone_page, name)
        overflow = phone_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways on a phone by {overflow}px"
    phone.close()
    bad = {name: v for name, v in found.items() if v}
    assert not bad, "\n".join(f"{name}: {v}" for name, v in bad.items())


@pytest.mark.parametrize("user", ["editor", "moderator"])
def test_the_key_admin_pages_have_no_serious_accessibility_violation(watched, user):
    login(watched, user)
    pages = ["/admin/", "/admin/articles/comment/"]
    if user == "editor":
        watched.go("/admin/articles/article/")
        change = watched.locator("#result_list tbody a[href*='/change/']").first.get_attribute("href")
        pages += ["/admin/articles/article/", "/admin/articles/article/add/", change, "/admin/articles/claim/add/"]
    found = {}
    for path in pages:
        watched.go(path)
        found[path] = axe(watched)
        shoot(watched, f"admin-{user}-" + re.sub(r"\W+", "-", path.strip("/")))
    bad = {path: v for path, v in found.items() if v}
    assert not bad, "\n".join(f"{path}: {v}" for path, v in bad.items())
