"""The author pages (articles/pages/authors.py)."""

import pytest

from tests.support.scene import html, jsonld

pytestmark = pytest.mark.django_db


def test_author_page_shows_affiliation_bio_social_link_articles_and_claims(client, scene):
    page = html(client, "/authors/kizekova/")
    assert "CEIAS" in page and "Works on Central Asia." in page
    assert 'href="https://social.example/@alica"' in page
    assert "Russia and the CSTO in Kazakhstan" in page
    assert scene.author_claim.statement in page
    (data,) = jsonld(page)
    assert data["@type"] == "Person"
    assert data["affiliation"] == {"@type": "Organization", "name": "CEIAS"}


def test_author_page_includes_round_up_contributions_with_a_link_to_the_section(client, scene):
    page = html(client, "/authors/tchakarova/")
    assert "Experts answer" in page
    assert 'href="/articles/roundup/#contribution-1"' in page


def test_author_page_never_shows_an_email_address(client, scene):
    scene.author.social = "alica@example.org"  # saved without clean(), as an import might
    scene.author.save()
    page = html(client, "/authors/kizekova/")
    assert "alica@example.org" not in page
