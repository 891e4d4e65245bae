"""The theme pages (articles/pages/themes.py), their query plan and non-ASCII slugs."""

import pytest

from articles.models import Article, Theme
from articles.pages import themes as theme_pages
from tests.support.scene import html

pytestmark = pytest.mark.django_db


# ---- themes, authors, publications ---------------------------------------------


def test_theme_index_counts_published_articles_claims_and_events(client, scene):
    page = html(client, "/themes/")
    assert "1 article</span><span>1 claim</span><span>1 event</span>" in page


def test_theme_page_gathers_published_articles_claims_and_events(client, scene):
    page = html(client, "/themes/regional-organisations/")
    assert "Russia and the CSTO in Kazakhstan" in page
    assert scene.claim.statement in page
    assert "Tokayev asks the CSTO for troops" in page
    assert 'href="/timeline/#event-csto-request"' in page


def test_theme_index_is_one_query(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        themes = list(theme_pages.theme_index())
    # The counts a reader sees next to each theme are of its published commentary only
    # (the world gives every theme drafts too, so a count of all articles would differ).
    shown = {t.slug: t.article_count for t in themes}
    published = Article.objects.published()
    assert shown == {t.slug: published.filter(themes=t).count() for t in Theme.objects.all()}
    assert shown[world.theme.slug] > 0
