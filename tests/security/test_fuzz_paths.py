"""
Fuzzing the variable part of every public address (Hypothesis): slugs, tokens,
file names, dates; and the query string of the pages of one published object.
One endpoint per test case (200 examples each in CI, 1,000 in ``make fuzz``: each
reads only a slug and a page number; see tests.security.fuzzing.breadth_examples). No 5xx,
no executable markup (``tests.security.fuzzing.assert_safe``).
"""

import pytest
from hypothesis import given

from tests.security.fuzzing import assert_safe, breadth, encoded_value, params_for, query

# Every test requests the module's shared world (tests/security/conftest.py), even one
# that does not use it, so none sees data it did not ask for.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("world")]

ROUTES = [
    "/articles/{}/",
    "/articles/{}/print/",
    "/articles/{}/card.png",
    "/actors/{}/",
    "/themes/{}/",
    "/authors/{}/",
    "/publications/{}/",
    "/claims/{}/",
    "/archive/{}/",
    "/archive/2022/{}/",
    "/feeds/themes/{}/",
    "/feeds/themes/{}/atom/",
    "/feeds/actors/{}/",
    "/feeds/actors/{}/atom/",
    "/feeds/authors/{}/",
    "/feeds/authors/{}/atom/",
    "/feeds/articles/{}/comments/",
    "/newsletter/confirm/{}/",
    "/newsletter/unsubscribe/{}/",
    "/newsletter/data/{}/",
    "/newsletter/data/{}/download/",
    "/data/{}",
    "/sitemap-{}.xml",
    "/ru/articles/{}/",
    "/kk/themes/{}/",
    "/{}",
]


@pytest.mark.parametrize("route", ROUTES)
@breadth
@given(segment=encoded_value)
def test_fuzz_the_variable_part_of_each_address(client, world, route, segment):
    assert_safe(client.get(route.format(segment or "x")), route)


def _detail(kind):
    """The address of one of the world's published objects of ``kind``."""

    def address(world):
        return {
            "article": lambda: world.articles[0].get_absolute_url(),
            "print": lambda: f"/articles/{world.articles[0].slug}/print/",
            "actor": lambda: world.hub.get_absolute_url(),
            "theme": lambda: f"/themes/{world.theme.slug}/",
            "author": lambda: f"/authors/{world.author.slug}/",
            "publication": lambda: f"/publications/{world.publication.slug}/",
            "claim": lambda: world.claim.get_absolute_url(),
            "theme feed": lambda: f"/feeds/themes/{world.theme.slug}/",
            "theme atom": lambda: f"/feeds/themes/{world.theme.slug}/atom/",
            "actor feed": lambda: f"/feeds/actors/{world.hub.slug}/",
            "actor atom": lambda: f"/feeds/actors/{world.hub.slug}/atom/",
            "author feed": lambda: f"/feeds/authors/{world.author.slug}/",
            "author atom": lambda: f"/feeds/authors/{world.author.slug}/atom/",
            "comment feed": lambda: f"/feeds/articles/{world.articles[0].slug}/comments/",
        }[kind]()

    return address


# Pages of one published object: article, print view, actor, theme, ..., feeds.
DETAILS = [
    "article",
    "print",
    "actor",
    "theme",
    "author",
    "publication",
    "claim",
    "theme feed",
    "theme atom",
    "actor feed",
    "actor atom",
    "author feed",
    "author atom",
    "comment feed",
]
PAGE_PARAMS = ["page", "q", "year"]


@pytest.mark.parametrize("kind", DETAILS)
@breadth
@given(params=params_for(PAGE_PARAMS))
def test_fuzz_the_query_string_of_each_object_page(client, world, kind, params):
    address = _detail(kind)(world)
    assert_safe(client.get(f"{address}?{query(params)}"), address)


def test_every_object_page_the_fuzz_visits_is_a_real_page(client, world):
    for kind in DETAILS:
        address = _detail(kind)(world)
        assert client.get(address).status_code == 200, address  # the fuzz reaches the page, not a 404
