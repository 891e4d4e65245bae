"""Review: an author page never shows an email address, even one inside a profile URL."""

import pytest

from tests.support.factories import AuthorFactory

pytestmark = pytest.mark.django_db


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
