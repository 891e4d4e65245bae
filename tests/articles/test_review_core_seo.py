"""Each page's OpenGraph title names that page, not the site in general."""

import datetime

import pytest

from tests.support.factories import ArticleFactory
from tests.support.pages import outline

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("/archive/2022/", "Commentary published in 2022"),
        ("/archive/2022/01/", "Commentary published in January 2022"),
        ("/archive/2022/01/06/", "Commentary published on 6 January 2022"),
        ("/search/?q=CSTO", "Search the commentary, claims and actors"),
    ],
)
def test_archive_and_search_pages_have_their_own_opengraph_title(client, url, title):
    ArticleFactory(published=True, published_on=datetime.date(2022, 1, 6))

    assert outline(client.get(url)).meta["og:title"] == title
