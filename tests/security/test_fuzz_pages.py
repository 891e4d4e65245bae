"""
Fuzzing the query string of every public page (Hypothesis).

Each endpoint is a test case of its own. ``make test`` runs the "default" profile
(a quick pass); CI (``.ci/run``) selects HYPOTHESIS_PROFILE=ci: 1,000 examples for
every page that reads filters or search words, 200 for pages that read only a page
number; ``make fuzz`` gives every endpoint 1,000. Every
response must pass ``tests.security.fuzzing.assert_safe``: no 5xx, no executable
markup made of our payloads. Path segments and the pages of one object: test_fuzz_paths.py; forms:
test_fuzz_forms.py; which endpoints are covered: test_fuzz_coverage.py.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.security.fuzzing import assert_safe, breadth, params_for, query

# Every test requests the module's shared world (tests/security/conftest.py), even one
# that does not use it, so none sees data it did not ask for.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("world")]

ARTICLE_PARAMS = [
    "q",
    "theme",
    "actor",
    "author",
    "publication",
    "claim",
    "date_after",
    "date_before",
    "ordering",
    "page",
]
CLAIM_PARAMS = ["theme", "actor", "verdict", "order", "page"]
SEARCH_PARAMS = ["q", "page", "theme", "actor", "author", "publication", "claim", "date_after", "date_before"]
PAGE_PARAMS = ["page", "q", "year"]


# Every public page whose address is fixed, with the parameters it reads (names
# outside these lists are generated too).
# Pages that read filters or search words: every example of the profile (1,000 in CI).
FILTER_PAGES = {
    "/articles/": ARTICLE_PARAMS,
    "/search/": SEARCH_PARAMS,
    "/claims/": CLAIM_PARAMS,
    "/newsletter/": ["theme", "actor", "scope", "frequency"],
    "/ru/articles/": ARTICLE_PARAMS,
    "/kk/search/": SEARCH_PARAMS,
}
# Pages that read at most a page number (``fuzzing.breadth_examples``).
OTHER_PAGES = {
    "/": PAGE_PARAMS,
    "/actors/": PAGE_PARAMS,
    "/themes/": PAGE_PARAMS,
    "/timeline/": PAGE_PARAMS,
    "/archive/2022/": PAGE_PARAMS,
    "/archive/2022/01/": PAGE_PARAMS,
    "/archive/2022/01/20/": PAGE_PARAMS,
    "/feeds/latest/": PAGE_PARAMS,
    "/feeds/latest/atom/": PAGE_PARAMS,
    "/sitemap.xml": ["p", "page"],
    "/sitemap-articles.xml": ["p", "page"],
    "/sitemap-pages.xml": ["p", "page"],
    "/robots.txt": PAGE_PARAMS,
    "/newsletter/sent/": PAGE_PARAMS,
    "/newsletter/data/": PAGE_PARAMS,
    "/data/": PAGE_PARAMS,
    "/data/latest.zip": PAGE_PARAMS,
}
PAGES = {**FILTER_PAGES, **OTHER_PAGES}  # every public page whose address is fixed (test_fuzz_coverage.py)


@pytest.mark.parametrize("page", list(FILTER_PAGES))
@given(data=st.data())
def test_fuzz_the_filters_and_search_words_of_each_list(client, world, page, data):
    params = data.draw(params_for(FILTER_PAGES[page]), label="params")
    assert_safe(client.get(f"{page}?{query(params)}"), page)


@pytest.mark.parametrize("page", list(OTHER_PAGES))
@breadth
@given(data=st.data())
def test_fuzz_the_query_string_of_each_other_page(client, world, page, data):
    params = data.draw(params_for(OTHER_PAGES[page]), label="params")
    assert_safe(client.get(f"{page}?{query(params)}"), page)


def test_the_checker_catches_executable_markup():
    """assert_safe must fail on what it is meant to catch, or the fuzz tests prove nothing."""
    from django.http import HttpResponse

    from tests.security.fuzzing import MARK, PAYLOADS

    for bad in [
        f"<p>{PAYLOADS[0]}</p>",
        f"<p>{PAYLOADS[1]}</p>",
        f'<a href="javascript:{MARK}()">x</a>',
        "<b onclick=x()>",
    ]:
        with pytest.raises(AssertionError):
            assert_safe(HttpResponse(bad), "self-test")
    assert_safe(HttpResponse(f"<p>{PAYLOADS[0].replace('<', '&lt;')}</p>"), "escaped is fine")
    with pytest.raises(AssertionError):
        assert_safe(HttpResponse(status=500), "self-test")


def test_ci_gives_forms_and_filters_a_thousand_examples_and_make_fuzz_every_endpoint():
    from pathlib import Path

    from hypothesis import settings

    from tests.security.fuzzing import breadth_examples

    root = Path(__file__).resolve().parents[2]
    assert settings.get_profile("ci").max_examples >= 1000
    assert breadth_examples("ci") == 200
    assert settings.get_profile("full").max_examples >= 1000 and breadth_examples("full") >= 1000
    assert "HYPOTHESIS_PROFILE=ci make test" in (root / ".ci" / "run").read_text()
    assert "HYPOTHESIS_PROFILE=full" in (root / "Makefile").read_text()
