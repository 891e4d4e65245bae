"""Review: a citation that needs review (its words left the text) is shown, linked and
counted nowhere readers look: article pages, highlights, related articles, claim
pages and lists, search, feeds, sitemaps, JSON-LD (issue 9)."""

import pytest

from articles import publishing
from articles.models import Citation
from tests.support.factories import ArticleFactory, CitationFactory, ClaimFactory

pytestmark = pytest.mark.django_db

GONE = "Russia quickly came to the government's aid."


@pytest.fixture
def scene():
    shown = ClaimFactory(slug="shown-claim", statement="Troops were deployed.")
    shared = ClaimFactory(slug="shared-claim", statement="The deployment was requested.")
    orphan = ClaimFactory(slug="orphan-claim", statement="Zanzibar-style orphan statement.")
    piece = ArticleFactory(published=True, slug="piece", title="The piece")
    other = ArticleFactory(published=True, slug="other", title="Another piece",
                           body="The deployment was requested by Tokayev.")
    third = ArticleFactory(published=True, slug="third", body="The deployment was requested, said Tokayev.")
    CitationFactory(article=third, claim=shared, quote="The deployment was requested")
    CitationFactory(article=piece, claim=shown)
    hidden = [
        CitationFactory(article=piece, claim=shared, quote=GONE, stance="disputes"),
        CitationFactory(article=piece, claim=orphan, quote=GONE, stance="disputes"),
    ]
    CitationFactory(article=other, claim=shared, quote="The deployment was requested")
    piece.body = "The CSTO deployed troops to Kazakhstan.\n\nRussia came to the aid of the government."
    publishing.save_article(article=piece)
    assert set(Citation.objects.needing_review()) == set(hidden)
    return {"piece": piece, "other": other}


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_article_page_neither_highlights_nor_lists_nor_relates_by_it(client, scene):
    html = page(client, "/articles/piece/")
    assert "quickly came to the government" not in html
    assert html.count('<mark class="citation">') == 1
    assert "/claims/shared-claim/" not in html and "/claims/orphan-claim/" not in html
    assert "Zanzibar-style" not in html and "The deployment was requested." not in html
    # Related only through the citation under review: not related.
    assert "Related commentary" not in html
    other = page(client, "/articles/other/")
    related = other.split("Related commentary", 1)[1]  # "third" shares the claim: related
    assert "/articles/third/" in related and "/articles/piece/" not in related


def test_claim_pages_lists_search_feeds_and_sitemaps_leave_it_out(client, scene):
    shared = page(client, "/claims/shared-claim/")
    assert "Cited in 2 published articles, 2 passages:" in shared
    assert "/articles/piece/" not in shared and "quickly came" not in shared
    orphan = page(client, "/claims/orphan-claim/")
    assert "/articles/piece/" not in orphan and "quickly came" not in orphan
    listing = page(client, "/claims/?order=disputed")
    assert "Disputes or qualifies (1)" not in listing
    assert "orphan-claim" not in page(client, "/sitemap-claims.xml")
    assert "orphan-claim" not in page(client, "/search/?q=Zanzibar-style")
    for url in ("/feeds/latest/", "/feeds/latest/atom/", "/"):
        assert "quickly came" not in page(client, url), url



def test_the_print_view_and_the_translated_pages_leave_it_out(client, scene):
    for url in ("/articles/piece/print/", "/ru/articles/piece/", "/kk/articles/piece/"):
        html = page(client, url)
        assert "quickly came to the government" not in html, url
        assert "claims/shared-claim/" not in html and "claims/orphan-claim/" not in html, url
        assert "Zanzibar-style" not in html, url
        assert html.count('<mark class="citation">') == 1, url
    for url in ("/ru/claims/orphan-claim/", "/kk/claims/shared-claim/"):
        html = page(client, url)
        assert "articles/piece/" not in html and "quickly came" not in html, url
