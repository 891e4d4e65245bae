"""Every endpoint takes the same number of queries whatever the data size: measured on a
small generated world, then again after a world four times larger was added."""

import pytest

from tests.support.db import rolled_back_for_module
from tests.support.reference_world import build_world, http_query_count

pytestmark = pytest.mark.django_db

BUDGET = 10
RESOURCES = ["articles", "claims", "citations", "actors", "themes", "events", "authors", "publications"]


def endpoint_urls(client, w):
    urls = {}
    for name in RESOURCES:
        urls[name] = f"/api/v1/{name}/"
        urls[f"{name} page of 5"] = f"/api/v1/{name}/?limit=5"
        first = client.get(f"/api/v1/{name}/?limit=1").json()["results"][0]
        urls[f"one of {name}"] = f"/api/v1/{name}/{first['id']}/"
    urls.update({
        "articles by theme, actor, author": f"/api/v1/articles/?theme={w.theme.slug}&actor={w.hub.slug}"
                                            f"&author={w.author.slug}&date_after=2021-01-01",
        "articles citing a claim": f"/api/v1/articles/?claim={w.claim.pk}",
        "claims about an actor": f"/api/v1/claims/?actor={w.hub.slug}&theme={w.theme.slug}",
        "citations of a claim": f"/api/v1/citations/?claim={w.claim.pk}",
        "claimreview feed": "/api/v1/claimreview/",
    })
    return urls


@pytest.fixture(scope="module")
def counts(django_db_setup, django_db_blocker):
    from django.test import Client

    client = Client()
    with rolled_back_for_module(django_db_blocker):
        small = build_world(0.25, prefix="s")
        small_counts = {name: http_query_count(client, url) for name, url in endpoint_urls(client, small).items()}
        large = build_world(1.0, prefix="l")
        large_counts = {name: http_query_count(client, url) for name, url in endpoint_urls(client, large).items()}
        yield small_counts, large_counts


def test_every_endpoint_takes_as_many_queries_at_two_data_sizes(counts):
    small, large = counts
    assert small == large


def test_every_endpoint_stays_within_budget(counts):
    _, large = counts
    assert max(large.values()) <= BUDGET, large
