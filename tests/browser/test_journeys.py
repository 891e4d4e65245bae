"""What readers, commenters, moderators and editors do, in Chromium, on the launch dataset.

Each journey clicks and types as a person would; the ``watched`` fixture fails it on any
console error or CSP violation, and screenshots of the steps go to var/screenshots/.
"""

import re
import time

from .conftest import PHONE, login, shoot


def test_a_reader_goes_from_the_home_page_through_an_article_claim_actor_and_theme_to_filters_and_search(watched):
    page = watched
    page.go("/")
    page.locator("main a[href^='/articles/']").first.click()
    assert re.search(r"/articles/[\w-]+/$", page.url)

    # A cited passage is marked, not a link; the small "claim" link after it goes to the claim.
    passage = page.locator("mark.citation").first
    assert passage.evaluate("el => el.closest('a') === null")
    ref = page.locator("a.citation-ref").first
    assert ref.is_visible() and "claim" in ref.inner_text()
    shoot(page, "journey-reader-article")
    ref.click()
    assert "/claims/" in page.url
    assert page.locator("h1").is_visible()

    page.locator("main a[href^='/actors/']").first.click()
    assert "/actors/" in page.url
    page.locator("a[href^='/themes/'][href$='/']:not([href='/themes/'])").first.click()
    assert "/themes/" in page.url
    theme = page.locator("h1").inner_text()

    # Two filters on the commentary list.
    page.go("/articles/")
    form = page.locator("form.filters")
    selects = form.locator("select")
    chosen = []
    for index in range(selects.count()):
        select = selects.nth(index)
        options = select.locator("option").evaluate_all("os => os.map(o => o.value).filter(Boolean)")
        if options and len(chosen) < 2:
            select.select_option(options[0])
            chosen.append(select.get_attribute("name"))
    assert len(chosen) == 2
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert all(f"{name}=" in page.url for name in chosen)
    assert page.locator(".result-count").is_visible()
    assert theme

    # Search from the header.
    page.fill("#site-search-q", "Tokayev")
    page.press("#site-search-q", "Enter")
    page.wait_for_load_state()
    assert "/search/?q=Tokayev" in page.url
    assert page.locator("main a[href^='/articles/']").count() > 0
    shoot(page, "journey-reader-search")


def _article_with_comments_open(page):
    page.go("/articles/")
    for href in page.locator("main .card-list a[href^='/articles/']").evaluate_all("as => as.map(a => a.getAttribute('href'))"):
        page.go(href)
        if page.locator("#comment-form").count():
            return href
    raise AssertionError("no article takes comments")


def test_a_commenter_sees_the_confirmation_without_scrolling_and_then_their_approved_comment(chromium, site):
    from .conftest import DESKTOP, Watched

    for viewport in (DESKTOP, PHONE):
        context = chromium.new_context(viewport=viewport)
        page = Watched(context.new_page(), site)
        article = _article_with_comments_open(page)
        body = f"A considered view from a reader at {viewport['width']} px, sent {time.time()}."
        page.fill("#comment_name", "Aigerim")
        page.fill("#comment_email", "aigerim@example.org")
        page.fill("#comment_body", body)
        page.wait_for_timeout(3200)  # the form refuses a post sooner than a person could type
        with page.expect_navigation():
            page.click("#comment-form button[type=submit]")
        assert page.url.endswith("#comment-sent")
        confirmation = page.locator("#comment-sent")
        box = confirmation.bounding_box()
        assert box and -1 <= box["y"] and box["y"] + box["height"] <= viewport["height"], box
        assert page.evaluate("document.activeElement.id") == "comment-sent"
        assert "awaiting moderation" in confirmation.inner_text()
        shoot(page, "journey-commenter-sent")
        assert body not in page.content()  # pending: not public
        context.close()
        assert page.problems == []

        # A moderator approves it; the reader then finds it under the article.
        moderator = chromium.new_context(viewport={"width": 1280, "height": 900})
        admin = Watched(moderator.new_page(), site)
        login(admin, "moderator")
        admin.go("/admin/articles/comment/?status__exact=pending")
        row = admin.locator("#result_list tr", has_text=body[:40])
        row.locator("input.action-select").check()
        admin.select_option("select[name=action]", "approve")
        with admin.expect_navigation():
            admin.click("button[name=index]")
        assert admin.locator(".messagelist").is_visible()
        moderator.close()
        assert admin.problems == []

        reader = chromium.new_context(viewport=viewport)
        again = reader.new_page()
        again.goto(site + article)
        assert again.locator(".comment-list", has_text=body).is_visible()
        reader.close()


def test_a_moderator_sees_status_spam_signals_and_the_whole_comment_at_1280_px_and_nothing_editorial(watched):
    page = watched
    login(page, "moderator")
    page.go("/admin/articles/comment/")
    for column in ("whole_comment", "status", "spam_signals"):
        header = page.locator(f"#result_list th.column-{column}")
        box = header.bounding_box()
        assert box and box["x"] + box["width"] <= 1280, f"{column} is off-screen"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1280, f"the queue scrolls sideways ({width}px)"
    first = page.locator("#result_list td.field-whole_comment .kz-comment-body").first
    assert "…" not in first.inner_text()[-2:]
    shoot(page, "journey-moderator-queue")
    assert page.go("/admin/articles/article/add/").status == 403
    # That refusal is the expected answer, not a page error.
    page.problems[:] = [p for p in page.problems if "status of 403" not in p]


def test_an_editor_creates_cites_is_refused_with_input_kept_publishes_views_and_reverts(watched):
    page = watched
    login(page, "editor")
    stamp = str(int(time.time()))
    page.go("/admin/articles/article/add/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1280, f"the article form is {width}px wide at 1280"
    title = f"A browser-made piece {stamp}"
    page.fill("#id_title", title)
    page.fill("#id_standfirst", "Written in the admin by the browser journey.")
    page.fill("#id_body", "Tokayev asked the CSTO for help on 5 January.\n\nRussia sent paratroopers within hours.")
    page.select_option("#id_status", "draft")
    # What publishing will need (issue 12): a date, an origin (written here: no publication
    # or rights note needed) and an author on the byline.
    page.fill("#id_published_on", "2026-01-05")
    page.select_option("#id_origin", "original")
    page.locator("#article_authors-0 .select2-selection").click()
    page.locator(".select2-search__field").last.fill("Galeotti")
    page.locator(".select2-results__option[aria-selected]").first.wait_for()
    page.locator(".select2-results__option").first.click()
    with page.expect_navigation():
        page.click("input[name=_continue]")
    assert page.locator(".messagelist .success").is_visible()
    change_url = page.url
    slug = page.locator("#id_slug").input_value()  # filled from the title by the admin's script
    assert slug == f"a-browser-made-piece-{stamp}"

    # Cite a claim with a quote that is not in the text: refused, and what was typed is kept.
    page.click("#citations-group .add-row a")
    row = page.locator("#citations-group tr.dynamic-citations").last
    row.locator(".select2-selection").click()
    page.locator(".select2-search__field").last.fill("CSTO")
    page.locator(".select2-results__option[aria-selected]").first.wait_for()
    page.locator(".select2-results__option").first.click()
    wrong = "A sentence this article never contains."
    row.locator("textarea[name$='-quote']").fill(wrong)
    stance = row.locator("select[name$='-stance']")
    stance.select_option(index=1)
    with page.expect_navigation():
        page.click("input[name=_continue]")
    assert page.locator(".errornote").is_visible()
    assert page.locator("#citations-group textarea[name$='-quote']:not([name*='__prefix__'])").last.input_value() == wrong
    assert page.locator("#citations-group select[name$='-stance']:not([name*='__prefix__'])").last.input_value() != ""
    shoot(page, "journey-editor-refused-citation")

    # Correct the quote, publish, and view it on the site.
    page.locator("#citations-group textarea[name$='-quote']:not([name*='__prefix__'])").last.fill("Russia sent paratroopers within hours.")
    with page.expect_navigation():
        page.click("input[name=_continue]")
    errors = page.locator(".errorlist").evaluate_all("els => els.map(e => (e.closest('[class*=field-]') || e).className + ': ' + e.innerText)")
    assert page.locator(".messagelist .success").is_visible(), errors
    for action in ("submit_for_review", "publish"):  # a draft goes through review first
        page.go("/admin/articles/article/")
        page.locator("#result_list tr", has_text=title).locator("input.action-select").check()
        page.select_option("select[name=action]", action)
        with page.expect_navigation():
            page.click("button[name=index]")
        assert page.locator(".messagelist .success").is_visible(), page.locator(".messagelist").all_inner_texts()
    page.go(f"/articles/{slug}/")
    assert page.locator("h1").inner_text() == title
    assert page.locator("mark.citation", has_text="Russia sent paratroopers").is_visible()

    # A later edit goes live; reverting to the version before it brings the old title back.
    page.go(change_url)
    page.fill("#id_title", title + " (edited)")
    with page.expect_navigation():
        page.click("input[name=_continue]")
    page.go(f"/articles/{slug}/")
    assert page.locator("h1").inner_text() == title + " (edited)"
    page.go(change_url.replace("/change/", "/history/"))
    page.locator("#change-history tbody tr").nth(1).locator("a").first.click()
    with page.expect_navigation():
        page.click("input[type=submit]")
    assert page.locator(".messagelist .success").is_visible()
    page.go(f"/articles/{slug}/")
    assert page.locator("h1").inner_text() == title
    shoot(page, "journey-editor-reverted")
