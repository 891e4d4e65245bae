"""Sweeps over every public page at once: renders, drafts never show, valid ids and headings,
hostile addresses. (Query budgets: test_query_budgets.py; each section's exact plan size lives
in its own module.)"""

import datetime
import re

import pytest
from django.test import Client

from articles.models import Article
from tests.support.factories import ArticleFactory
from tests.support.pages import text
from tests.support.scene import DRAFT_TITLE, html, jsonld
from tests.support.shared import OverTheScene

pytestmark = pytest.mark.django_db


VALUES = ["%00", "x" * 10000, "%3Cb%3Ex%3C/b%3E%22'", "%E2%80%AEevil", "%ff", "-1", "0", "99999", "abc", "",
          "%C2%B2", "%E2%91%A0", "%EF%BC%92"]


PARAMS = ["page", "theme", "actor", "verdict", "order"]


def queries(base):
    """Every parameter at once on every page; one at a time (also repeated and as an array) on /claims/."""
    for value in VALUES:
        yield "&".join(f"{name}={value}" for name in PARAMS)
        yield "&".join(f"{name}[]={value}" for name in PARAMS)
        if base == "/claims/":
            for name in PARAMS:
                yield f"{name}={value}"
                yield f"{name}={value}&{name}=y"


# ---- every page of the scene --------------------------------------------------


@pytest.fixture(scope="class")
def rendered_scene(shared_scene, django_db_blocker):
    """Every reference page of the shared scene as a reader gets it (status 200), rendered
    once for the class's sweeps that only read the HTML."""
    with django_db_blocker.unblock():
        client = Client()
        return {url: html(client, url) for url in shared_scene.pages()}


class TestTheScene(OverTheScene):
    """Sweeps over the scene, made once for the class (``shared_scene``, pages/conftest.py);
    each test runs in its own savepoint, so what it writes is gone before the next."""

    @pytest.fixture
    def pages(self, rendered_scene, scene):
        return rendered_scene

    def test_every_reference_page_renders_for_published_content(self, pages):
        for url, page in pages.items():
            assert "<h1" in page and "</main>" in page, url

    def test_drafts_never_appear_on_any_reference_page(self, pages):
        for url, page in pages.items():
            assert DRAFT_TITLE not in page, url
            assert "secret-draft" not in page, url

    def test_json_ld_parses_on_every_reference_page(self, pages):
        for url, page in pages.items():
            blocks = jsonld(page)
            assert blocks, url
            assert all(block["@context"] == "https://schema.org" for block in blocks)

    @pytest.mark.parametrize(
        "url",
        ["/actors/nobody/", "/themes/nothing/", "/authors/no-one/", "/publications/nowhere/",
         "/claims/no-such-claim/", "/claims/987654/", "/claims/99999999999999999999999999/"],
    )
    def test_unknown_slugs_are_a_404(self, client, scene, url):
        assert client.get(url).status_code == 404

    def test_published_article_scheduled_for_later_stays_hidden(self, client, scene):
        Article.objects.filter(pk=scene.other.pk).update(
            live_from=datetime.datetime(2999, 1, 1, tzinfo=datetime.UTC)
        )
        for url in ("/actors/russia/", "/claims/external-threat/"):
            assert "A sceptical view" not in html(client, url)

    def test_no_reference_page_repeats_an_element_id(self, pages):
        for url, page in pages.items():
            ids = re.findall(r'\sid="([^"]+)"', page)
            assert len(ids) == len(set(ids)), (url, sorted({i for i in ids if ids.count(i) > 1}))

    def test_headings_on_reference_pages_never_skip_a_level(self, pages):
        for url, page in pages.items():
            main = page[page.index("<main"):page.index("</main>")]
            levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", main)]
            assert levels[0] == 1, url
            assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), (url, levels)

    @pytest.mark.parametrize(
        "url",
        ["/claims/0/", "/claims/-1/", "/claims/99999999999999999999/", "/claims/9223372036854775808/",
         "/claims/999999999999999999/", "/claims/%00/", "/actors/%00/", "/themes/%3Cb%3E/", "/claims/1.5/"],
    )
    def test_odd_claim_and_slug_addresses_are_a_404(self, client, scene, url):
        assert client.get(url).status_code == 404

    def test_hostile_parameters_never_fail_or_echo_markup_on_any_reference_page(self, client, scene):
        for base in scene.pages():
            for query in queries(base):
                response = client.get(f"{base}?{query}")
                assert response.status_code == 200, (base, query)
                page = response.content.decode()
                assert "<b>x</b>" not in page, (base, query)
                assert "\x00" not in page and "\u202e" not in page, (base, query)


# ---- any address, without the scene ----------------------------------------------


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
