"""The author pages (articles/pages/authors.py)."""

import pytest

from tests.support.factories import AuthorFactory
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


@pytest.mark.parametrize(
    "social",
    [
        "alica@example.org",
        "mailto:alica@example.org",
        "https://example.org/contact?to=alica@example.org",
        "https://example.org/contact?to=alica%40example.org",
        "http://alica@example.org/",
    ],
)
def test_no_email_from_the_social_field_reaches_the_author_page(client, social):
    AuthorFactory(slug="alica", social=social)  # saved without clean(), as an import might
    page = client.get("/authors/alica/").content.decode()
    assert "alica@example.org" not in page and "alica%40example.org" not in page
    assert "Elsewhere" not in page


@pytest.mark.parametrize("social", ["@AlicaKizekova", "https://social.example/@alica"])
def test_handles_and_profile_urls_still_show(client, social):
    AuthorFactory(slug="alica", social=social)
    assert social in client.get("/authors/alica/").content.decode()
