"""Fuzzing every public page's query parameters and path segments (Hypothesis): no 5xx and
no executable markup made of our payloads. Shared parts: tests/security/fuzzing.py.

``make test`` runs the "default" Hypothesis profile (a quick pass); CI (``.ci/run``)
selects HYPOTHESIS_PROFILE=ci: 1,000 examples per endpoint. The forms are fuzzed in
test_fuzz_forms.py, a file of its own so the two halves run on different workers.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.security.fuzzing import (
    ARTICLE_PARAMS,
    CLAIM_PARAMS,
    MARK,
    PAYLOADS,
    assert_safe,
    encoded_value,
    fuzz_world,
    params_for,
    query,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return fuzz_world()


@given(params=params_for(ARTICLE_PARAMS))
def test_fuzz_article_list_filters(client, world, params):
    assert_safe(client.get(f"/articles/?{query(params)}"), "/articles/")


@given(params=params_for(["q", "page"]))
def test_fuzz_search(client, world, params):
    assert_safe(client.get(f"/search/?{query(params)}"), "/search/")


@given(params=params_for(CLAIM_PARAMS))
def test_fuzz_claims_filters(client, world, params):
    assert_safe(client.get(f"/claims/?{query(params)}"), "/claims/")


LISTS = ["/", "/actors/", "/themes/", "/timeline/", "/archive/2022/", "/feeds/latest/", "/sitemap.xml", "/robots.txt"]


@given(page=st.sampled_from(LISTS), params=params_for(["page", "q", "year"]))
def test_fuzz_other_pages_query_strings(client, world, page, params):
    assert_safe(client.get(f"{page}?{query(params)}"), page)


ROUTES = ["/articles/{}/", "/actors/{}/", "/themes/{}/", "/authors/{}/", "/publications/{}/", "/claims/{}/",
          "/feeds/themes/{}/", "/feeds/actors/{}/", "/feeds/articles/{}/comments/", "/archive/{}/"]


@given(route=st.sampled_from(ROUTES), segment=encoded_value)
def test_fuzz_path_segments(client, world, route, segment):
    assert_safe(client.get(route.format(segment or "x")), route)


def test_the_checker_catches_executable_markup():
    """assert_safe must fail on what it is meant to catch, or the fuzz tests prove nothing."""
    from django.http import HttpResponse

    for bad in [f"<p>{PAYLOADS[0]}</p>", f"<p>{PAYLOADS[1]}</p>", f'<a href="javascript:{MARK}()">x</a>', "<b onclick=x()>"]:
        with pytest.raises(AssertionError):
            assert_safe(HttpResponse(bad), "self-test")
    assert_safe(HttpResponse(f"<p>{PAYLOADS[0].replace('<', '&lt;')}</p>"), "escaped is fine")
    with pytest.raises(AssertionError):
        assert_safe(HttpResponse(status=500), "self-test")
