"""The print view of an article (``/articles/<slug>/print/``) and the print stylesheet."""

import datetime
import re

import pytest

from tests.support.factories import (
    ArticleFactory,
    AuthorFactory,
    CitationFactory,
    ClaimFactory,
    CommentFactory,
    PublicationFactory,
)
from tests.support.pages import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    piece = ArticleFactory(
        published=True, slug="russia-csto", title="Russia and the CSTO",
        standfirst="What the deployment meant.", original_url="https://notes.example/russia-csto",
        publication=PublicationFactory(name="Geopolitical Notes"), authors=[AuthorFactory(name="Alica Kizeková")],
        published_on=datetime.date(2022, 1, 20),
    )
    CitationFactory(article=piece, claim=ClaimFactory(slug="troops", statement="CSTO troops were sent."))
    CommentFactory(article=piece, name="Commenter", body="Visible comment text.", status="approved")
    return piece


def test_the_article_links_to_its_print_view(client, article):
    html = client.get("/articles/russia-csto/").content.decode()
    assert re.search(r'<a href="/articles/russia-csto/print/"[^>]*>Print</a>', html)


def test_the_print_view_holds_the_article_and_its_footnoted_claims_but_no_navigation(client, article):
    response = client.get("/articles/russia-csto/print/")
    assert response.status_code == 200
    html = response.content.decode()
    page = text(response)
    for expected in ("Russia and the CSTO", "Alica Kizeková", "20 January 2022", "What the deployment meant.",
                     "The CSTO deployed troops to Kazakhstan.", "https://notes.example/russia-csto",
                     "First published by Geopolitical Notes"):
        assert expected in page, expected
    # The cited passage is marked, and its claim is a footnote with the full address.
    assert '<mark class="citation">' in html
    assert re.search(r'<ol class="print-footnotes">.*CSTO troops were sent\..*http://testserver/claims/troops/', html, re.S)
    # No navigation, search, comments, share links or sidebar.
    for absent in ('class="site-nav"', 'role="search"', 'id="comments"', "Visible comment text.",
                   'class="share"', "<aside", "<form"):
        assert absent not in html, absent
    assert 'rel="canonical" href="http://testserver/articles/russia-csto/"' in html


def test_a_draft_has_no_print_view_for_readers(client):
    ArticleFactory(slug="draft-piece")
    assert client.get("/articles/draft-piece/print/").status_code == 404


def test_the_normal_page_prints_without_navigation_comments_or_share_links():
    from pathlib import Path

    css = Path("static/css/site.css").read_text()
    print_rules = css[css.index("@media print"):]
    hidden = print_rules[: print_rules.index("{")] + print_rules[print_rules.index("{"): print_rules.index("display: none")]
    for selector in (".site-header", ".site-footer", "aside", ".comments", ".share", ".rating", "nav"):
        assert selector in hidden, selector


def test_the_print_view_takes_as_many_queries_with_more_citations(client, article):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/articles/russia-csto/print/").status_code == 200
        return len(queries)

    few = count()
    for _ in range(6):
        CitationFactory(article=article, claim=ClaimFactory(), quote="Russia quickly came to the government's aid.")
    assert count() == few
