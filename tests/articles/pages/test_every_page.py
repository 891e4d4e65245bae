"""Sweeps over every public page at once: renders, drafts never show, valid ids and headings,
hostile addresses, and query budgets that stay constant as the data grows (each section's own
exact plan size lives in its own module)."""

import datetime
import re

import pytest

from articles.models import Article, Claim
from articles.pages import actors, authors, publications
from articles.pages import themes as theme_pages
from tests.support.reference_world import (
    BUDGET,
    build_world,
    consume_actor_page,
    consume_timeline,
    count_queries,
    http_query_count,
    page_urls,
)
from tests.support.scene import DRAFT_TITLE, html, jsonld

pytestmark = pytest.mark.django_db


# ---- every page ----------------------------------------------------------------


def test_every_reference_page_renders_for_published_content(client, scene):
    for url in scene.pages():
        page = html(client, url)
        assert "<h1" in page and "</main>" in page, url


def test_drafts_never_appear_on_any_reference_page(client, scene):
    for url in scene.pages():
        page = html(client, url)
        assert DRAFT_TITLE not in page, url
        assert "secret-draft" not in page, url


def test_json_ld_parses_on_every_reference_page(client, scene):
    for url in scene.pages():
        blocks = jsonld(html(client, url))
        assert blocks, url
        assert all(block["@context"] == "https://schema.org" for block in blocks)


@pytest.mark.parametrize(
    "url",
    ["/actors/nobody/", "/themes/nothing/", "/authors/no-one/", "/publications/nowhere/",
     "/claims/no-such-claim/", "/claims/987654/", "/claims/99999999999999999999999999/"],
)
def test_unknown_slugs_are_a_404(client, scene, url):
    assert client.get(url).status_code == 404


def test_published_article_scheduled_for_later_stays_hidden(client, scene):
    Article.objects.filter(pk=scene.other.pk).update(
        live_from=datetime.datetime(2999, 1, 1, tzinfo=datetime.UTC)
    )
    for url in ("/actors/russia/", "/claims/external-threat/"):
        assert "A sceptical view" not in html(client, url)


def test_no_reference_page_repeats_an_element_id(client, scene):
    for url in scene.pages():
        ids = re.findall(r'\sid="([^"]+)"', html(client, url))
        assert len(ids) == len(set(ids)), (url, sorted({i for i in ids if ids.count(i) > 1}))


def test_headings_on_reference_pages_never_skip_a_level(client, scene):
    for url in scene.pages():
        page = html(client, url)
        main = page[page.index("<main"):page.index("</main>")]
        levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", main)]
        assert levels[0] == 1, url
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), (url, levels)


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
def test_each_plan_takes_the_same_number_of_queries_at_two_sizes(plan):
    small = build_world(0.25, prefix="s")
    small_count = count_queries(lambda: plan(small))
    large = build_world(1.0, prefix="l")
    large_count = count_queries(lambda: plan(large))
    assert small_count == large_count


def test_every_reference_page_stays_within_budget_on_a_large_set(client, django_assert_max_num_queries):
    large = build_world(1.0)
    for name, url in page_urls(large).items():
        with django_assert_max_num_queries(BUDGET):
            response = client.get(url)
        assert response.status_code == 200, name


def test_every_reference_page_takes_as_many_queries_at_two_data_sizes(client):
    small = build_world(0.25, prefix="s")
    small_counts = {name: http_query_count(client, url) for name, url in page_urls(small).items()}
    large = build_world(1.0, prefix="l")
    large_counts = {name: http_query_count(client, url) for name, url in page_urls(large).items()}
    assert small_counts == large_counts
    assert max(large_counts.values()) <= BUDGET
