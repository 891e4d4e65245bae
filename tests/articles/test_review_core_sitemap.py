"""The sitemap's fixed pages: every index a reader can browse from."""

import xml.etree.ElementTree as ET

import pytest

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_the_sitemap_lists_every_index_page_and_each_answers(client):
    root = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own response
    urls = {loc.text.removeprefix("http://testserver") for loc in root.findall("s:url/s:loc", NS)}

    indexes = {"/", "/articles/", "/actors/", "/themes/", "/claims/", "/timeline/"}

    assert indexes <= urls
    assert all(client.get(url).status_code == 200 for url in indexes)
