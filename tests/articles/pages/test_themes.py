"""The theme pages (articles/pages/themes.py), their query plan and non-ASCII slugs."""

import pytest
from django.urls import resolve

from articles.models import Article, Theme
from articles.pages import themes as theme_pages
from articles.pages.themes import ThemeDetailView
from tests.support.factories import ArticleFactory
from tests.support.scene import html
from tests.support.shared import OverTheScene

pytestmark = pytest.mark.django_db


# ---- themes --------------------------------------------------------------------


class TestTheScene(OverTheScene):
    """Tests that only read the scene, made once for the class (``shared_scene``)."""

    def test_theme_index_counts_published_articles_claims_and_events(self, client, scene):
        page = html(client, "/themes/")
        assert "1 article</span><span>1 claim</span><span>1 event</span>" in page

    def test_theme_page_gathers_published_articles_claims_and_events(self, client, scene):
        page = html(client, "/themes/regional-organisations/")
        assert "Russia and the CSTO in Kazakhstan" in page
        assert scene.claim.statement in page
        assert "Tokayev asks the CSTO for troops" in page
        assert 'href="/timeline/#event-csto-request"' in page


def test_theme_index_is_four_queries_kept_until_the_next_write(world, django_assert_num_queries):
    with django_assert_num_queries(4):  # the generation, the next go-live, article counts (GROUP BY), themes
        themes = list(theme_pages.theme_index())
    # The counts a reader sees next to each theme are of its published commentary only
    # (the world gives every theme drafts too, so a count of all articles would differ).
    shown = {t.slug: t.article_count for t in themes}
    published = Article.objects.published()
    assert shown == {t.slug: published.filter(themes=t).count() for t in Theme.objects.all()}
    assert shown[world.theme.slug] > 0


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
