"""Cited passages marked in an article's text (articles/rendering/highlight.py), seen on its page."""

import pytest

from articles.models import SourceMarker
from tests.support.factories import (
    ArticleFactory,
    CitationFactory,
    ClaimFactory,
)
from tests.support.pages import text

pytestmark = pytest.mark.django_db


def test_a_cited_passage_is_marked_and_followed_by_a_visible_link_to_its_claim_never_made_a_link_itself(client):
    article = ArticleFactory(published=True)
    citation = CitationFactory(article=article, claim=ClaimFactory(slug="csto-deployed"),
                               quote="The CSTO deployed troops")

    page = text(client.get(article.get_absolute_url()))

    assert (
        '<mark class="citation">The CSTO deployed troops</mark>'
        f'<a class="citation-ref" id="citation-{citation.pk}" href="/claims/csto-deployed/"'
    ) in page
    assert '<span aria-hidden="true">claim</span>' in page  # the destination is written on the link
    assert "citation-link" not in page  # a tap on the passage while reading does not navigate


def test_a_quote_with_characters_html_escapes_is_found_and_marked_once(client):
    article = ArticleFactory(published=True, body='Tokayev said "terrorists" & 20 000 < 30 000  attacked.')
    CitationFactory(article=article, quote='"terrorists" & 20 000 < 30 000 attacked')

    page = text(client.get(article.get_absolute_url()))

    assert page.count('<mark class="citation">') == 1
    assert '<mark class="citation">"terrorists" &amp; 20 000 &lt; 30 000  attacked</mark>' in page


def test_overlapping_quotes_for_several_claims_are_one_passage_linking_every_claim(client):
    article = ArticleFactory(published=True, body="On 13 January, the CSTO began withdrawing troops from Kazakhstan.")
    first = CitationFactory(article=article, quote="On 13 January, the CSTO began withdrawing troops",
                            claim=ClaimFactory(slug="withdrawal"))
    second = CitationFactory(article=article, quote="the CSTO began withdrawing troops from Kazakhstan",
                             claim=ClaimFactory(slug="csto-left"), stance="disputes")

    page = text(client.get(article.get_absolute_url()))

    assert page.count('<mark class="citation">') == 1
    assert '<mark class="citation">On 13 January, the CSTO began withdrawing troops from Kazakhstan</mark>' in page
    assert f'id="citation-{first.pk}" href="/claims/withdrawal/"' in page
    assert f'id="citation-{second.pk}" href="/claims/csto-left/"' in page
    assert "Claim (disputes): " in page


def test_a_quote_that_spans_markup_is_highlighted_and_links_its_claim(client):
    # Issue 9: a quote across emphasis is highlighted (each run of its text), no longer
    # left with a trailing "[cited]" link.
    article = ArticleFactory(published=True, body="Moscow acted *very* quickly indeed.")
    citation = CitationFactory(article=article, quote="acted very quickly", claim=ClaimFactory(slug="quick"))

    page = text(client.get(article.get_absolute_url()))

    assert ('Moscow <mark class="citation">acted </mark><em><mark class="citation">very</mark></em>'
            '<mark class="citation"> quickly</mark>') in page
    assert f'class="citation-ref" id="citation-{citation.pk}" href="/claims/quick/"' in page
    assert "[cited: reports]" not in page


def test_a_cited_passage_holding_a_source_marker_never_nests_links(client):
    article = ArticleFactory(published=True, body="Troops landed within days [↗] of the request.")
    SourceMarker.objects.create(article=article, order=1, anchor="p1", context="within days",
                                url="https://source.example/a")
    citation = CitationFactory(article=article, quote="landed within days [↗] of the request",
                               claim=ClaimFactory(slug="c"))

    page = text(client.get(article.get_absolute_url()))

    body = page[page.index('<p id="p1">'):page.index("</p>", page.index('<p id="p1">'))]
    assert '<mark class="citation"' in body
    assert f'class="citation-ref" id="citation-{citation.pk}" href="/claims/c/"' in body
    assert 'href="https://source.example/a"' in body
    assert "citation-link" not in body
