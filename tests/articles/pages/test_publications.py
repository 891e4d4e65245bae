"""The publication pages (articles/pages/publications.py)."""

import pytest

from tests.support.scene import html

pytestmark = pytest.mark.django_db


def test_publication_page_links_its_site_and_lists_its_published_articles(client, scene):
    page = html(client, "/publications/geo-notes/")
    assert "A magazine." in page and 'href="https://notes.example/"' in page
    assert "Russia and the CSTO in Kazakhstan" in page
