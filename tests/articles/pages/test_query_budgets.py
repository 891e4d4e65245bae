"""Query budgets of the reference pages: constant however much they list.

Each plan, and each page over real HTTP, is measured on a small and a large generated world.
Every test here only reads, so both worlds are built once for the module (inside a transaction
rolled back when the module ends; each test's own writes roll back after it). Each section's
exact plan size lives in its own module (test_actors.py, test_claims.py, ...).
"""

import pytest

from articles.models import Claim
from articles.pages import actors, authors, publications
from articles.pages import themes as theme_pages
from tests.support.db import rolled_back_for_module
from tests.support.reference_world import (
    BUDGET,
    build_world,
    consume_actor_page,
    consume_timeline,
    count_queries,
    http_query_count,
    page_urls,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def two_worlds(django_db_setup, django_db_blocker):
    with rolled_back_for_module(django_db_blocker):
        yield build_world(0.25, prefix="s"), build_world(1.0, prefix="l")


@pytest.mark.parametrize(
    "plan",
    [
        lambda w: consume_actor_page(w.hub.slug),
        lambda w: actors.actor_index(),
        lambda w: list(theme_pages.theme_index()),
        lambda w: theme_pages.theme_page(w.theme.slug),
        lambda w: authors.author_page(w.author.slug),
        lambda w: publications.publication_page(w.publication.slug),
        lambda w: consume_timeline(),
        lambda w: list(Claim.objects.for_index()),
    ],
    ids=["actor", "actor-index", "theme-index", "theme", "author", "publication", "timeline", "claim-index"],
)
def test_each_plan_takes_the_same_number_of_queries_at_two_sizes(two_worlds, plan):
    small, large = two_worlds
    assert count_queries(lambda: plan(small)) == count_queries(lambda: plan(large))


def test_every_reference_page_stays_within_budget_on_a_large_set(client, two_worlds, django_assert_max_num_queries):
    _, large = two_worlds
    for name, url in page_urls(large).items():
        with django_assert_max_num_queries(BUDGET):
            response = client.get(url)
        assert response.status_code == 200, name


def test_every_reference_page_takes_as_many_queries_at_two_data_sizes(client, two_worlds):
    small, large = two_worlds
    small_counts = {name: http_query_count(client, url) for name, url in page_urls(small).items()}
    large_counts = {name: http_query_count(client, url) for name, url in page_urls(large).items()}
    assert small_counts == large_counts
    assert max(large_counts.values()) <= BUDGET
