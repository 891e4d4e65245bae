"""Review: themes whose slug is not ASCII.

Taggit makes slugs that keep letters of any script ("Қаңтар оқиғалары" →
"қаңтар-оқиғалары"), and the admin accepts them. Every page that links to
such a theme used to fail with NoReverseMatch, because the theme route took
ASCII slugs only.
"""

import pytest
from django.urls import resolve

from articles.models import Theme
from articles.pages.themes import ThemeDetailView
from tests.support.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def theme():
    theme = Theme.objects.create(name="Қаңтар оқиғалары")
    ArticleFactory(published=True, title="A tagged piece").themes.add(theme)
    return theme


def test_a_non_ascii_theme_slug_has_an_address_that_resolves_to_the_theme_page(theme):
    assert theme.slug == "қаңтар-оқиғалары"
    url = theme.get_absolute_url()
    assert url == "/themes/%D2%9B%D0%B0%D2%A3%D1%82%D0%B0%D1%80-%D0%BE%D2%9B%D0%B8%D2%93%D0%B0%D0%BB%D0%B0%D1%80%D1%8B/"
    match = resolve(f"/themes/{theme.slug}/")
    assert match.func.view_class is ThemeDetailView and match.kwargs == {"slug": theme.slug}


def test_pages_linking_a_non_ascii_theme_render(client, theme):
    for url in ("/themes/", "/", "/articles/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert theme.get_absolute_url() in response.content.decode(), url


def test_the_non_ascii_theme_page_renders(client, theme):
    assert client.get(theme.get_absolute_url()).status_code == 200


def test_the_non_ascii_theme_feeds_parse(client, theme):
    import feedparser

    for suffix in ("", "atom/"):
        response = client.get(f"/feeds/themes/{theme.slug}/{suffix}")
        assert response.status_code == 200
        assert not feedparser.parse(response.content).bozo
