"""Hostile input on the commentary pages: a normal page or a 404, never a server
error, and nothing typed comes back in a form that could harm the page."""

import datetime
import re

import pytest

from tests.support.factories import ArticleFactory
from tests.support.pages import text

pytestmark = pytest.mark.django_db

HOSTILE = [
    ("/articles/?theme[]=x&actor[]=y", 200),
    ("/articles/?theme=a&theme=b&page=2&page=3", 200),
    ("/articles/?q=" + "x" * 10_000, 200),
    ("/search/?q=" + "CSTO " * 2_000, 200),
    ("/articles/?date_after=2022-02-30&date_before=0000-00-00", 200),
    ("/articles/?page=-1", 200),
    ("/articles/?page=1e9", 200),
    ("/articles/?page=" + "9" * 5_000, 200),
    ("/articles/?page=%C2%B2", 200),  # "²": a digit to str.isdigit(), not to int()
    ("/archive/2022/?page=%C2%B2", 200),
    ("/articles/?page=%D9%A1", 200),  # Arabic-Indic one
    ("/articles/?ordering=;drop%20table%20articles_article", 200),
    ("/articles/?claim=1%20OR%201=1&publication=%27", 200),
    ("/articles/?q=%D9%83%D8%A7%D8%B2%D8%A7%D8%AE%D8%B3%D8%AA%D8%A7%D9%86%E2%80%8F", 200),
    ("/search/?q=%22%27%3C%3E%25_%5C", 200),
    ("/search/?q=a&q=b", 200),
    ("/archive/0000/", 404),
    ("/archive/2022/13/", 404),
    ("/archive/2022/00/", 404),
    ("/archive/2022/02/30/", 404),
    ("/archive/99999/", 404),
    ("/archive/9999/12/31/", 404),
    ("/archive/2022/01/20/?page=abc", 200),
    ("/feeds/themes/no-such-theme/", 404),
    ("/feeds/actors/no-such-actor/atom/", 404),
    ("/feeds/authors/no-such-author/", 404),
    ("/articles/%3Cscript%3E/", 404),
]


@pytest.mark.parametrize(("url", "status"), HOSTILE)
def test_hostile_addresses_give_a_normal_page_or_not_found_never_an_error(client, url, status):
    ArticleFactory(published=True, published_on=datetime.date(2022, 1, 20))
    response = client.get(url + ("&" if "?" in url else "?") + "x=%3Cscript%3Ealert(1)%3C/script%3E")
    assert response.status_code == status
    assert "<script>alert(1)</script>" not in text(response)


# C0/C1 control characters and bidirectional embeddings, overrides and isolates.
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize(
    "url",
    [
        "/search/?q=CSTO%00troops",
        "/search/?q=%E2%80%AECSTO",
        "/search/?q=%1B%5B31mCSTO%C2%85",
        "/articles/?q=CSTO%00troops",
        "/articles/?q=%E2%80%AECSTO",
        "/articles/?date_after=%00",
        "/articles/?date_before=2022%0B01%0B05",
    ],
)
def test_control_characters_and_bidi_overrides_are_never_echoed(client, url):
    ArticleFactory(published=True)
    response = client.get(url)
    assert response.status_code == 200
    page = text(response)
    assert not CONTROLS.search(page), [page[m.start() - 40 : m.end() + 10] for m in CONTROLS.finditer(page)]
    assert "Null characters are not allowed" not in page


def test_a_search_with_a_bidi_override_still_finds_its_words(client):
    ArticleFactory(published=True, title="The CSTO arrives")
    assert "The CSTO arrives" in text(client.get("/search/?q=%E2%80%AECSTO"))
    assert [a.title for a in client.get("/articles/?q=%E2%80%AECSTO").context["articles"]] == ["The CSTO arrives"]


def test_the_echoed_search_is_isolated_from_the_surrounding_text_direction(client):
    page = text(client.get("/search/?q=%D9%83%D8%A7%D8%B2%D8%A7%D8%AE%D8%B3%D8%AA%D8%A7%D9%86"))
    assert "Nothing matches “<bdi>كازاخستان</bdi>”" in page
