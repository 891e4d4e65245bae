"""The sitemap and robots.txt (articles/pages/sitemaps.py)."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from articles.models import Article, ArticleActor
from tests.support.factories import (
    ActorFactory,
    ArticleFactory,
    AuthorFactory,
    CitationFactory,
    ClaimFactory,
    PublicationFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def locations(client):
    """Every address in the sitemap: the index at /sitemap.xml, then each section it lists."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    index = ET.fromstring(response.content)  # noqa: S314 - our own response
    found = set()
    for section in index.findall("s:sitemap/s:loc", NS):
        page = client.get(section.text.removeprefix("http://testserver"))
        assert page.status_code == 200
        root = ET.fromstring(page.content)  # noqa: S314 - our own response
        found |= {loc.text.removeprefix("http://testserver") for loc in root.findall("s:url/s:loc", NS)}
    return found


def test_the_sitemap_lists_exactly_the_published_articles(client):
    published = [ArticleFactory(published=True) for _ in range(3)]
    hidden = [
        ArticleFactory(),
        ArticleFactory(status=Article.Status.REVIEW),
        ArticleFactory(status=Article.Status.ARCHIVED, live_from=timezone.now() - datetime.timedelta(days=1)),
        ArticleFactory(status=Article.Status.PUBLISHED, live_from=timezone.now() + datetime.timedelta(days=1)),
    ]
    urls = locations(client)
    article_urls = {url for url in urls if url.startswith("/articles/") and url != "/articles/"}
    assert article_urls == {a.get_absolute_url() for a in published}
    assert not {a.get_absolute_url() for a in hidden} & urls


def test_the_sitemap_lists_the_reference_pages_that_published_commentary_reaches(client):
    theme, actor, author, publication, claim = (
        ThemeFactory(slug="t"), ActorFactory(slug="a"), AuthorFactory(slug="au"), PublicationFactory(slug="p"),
        ClaimFactory(slug="c"),
    )
    article = ArticleFactory(published=True, publication=publication, authors=[author])
    article.themes.add(theme)
    ArticleActor.objects.create(article=article, actor=actor)
    CitationFactory(article=article, claim=claim)

    urls = locations(client)

    assert {"/", "/articles/", "/timeline/", "/themes/t/", "/actors/a/", "/authors/au/", "/publications/p/",
            "/claims/c/"} <= urls


def test_the_sitemap_leaves_out_what_only_unpublished_commentary_uses(client):
    draft = ArticleFactory(publication=PublicationFactory(slug="draft-outlet"), authors=[AuthorFactory(slug="ghost")])
    draft.themes.add(ThemeFactory(slug="draft-theme"))
    CitationFactory(article=draft, claim=ClaimFactory(slug="draft-claim"))

    urls = locations(client)

    for url in ["/publications/draft-outlet/", "/authors/ghost/", "/themes/draft-theme/", "/claims/draft-claim/"]:
        assert url not in urls


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_the_sitemap_lists_every_index_page_and_each_answers(client):
    urls = locations(client)

    indexes = {"/", "/articles/", "/actors/", "/themes/", "/claims/", "/timeline/"}

    assert indexes <= urls
    assert all(client.get(url).status_code == 200 for url in indexes)


def test_a_large_section_is_split_into_pages_of_the_limit(client, monkeypatch):
    from articles.pages import sitemaps

    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 2)
    published = [ArticleFactory(published=True) for _ in range(5)]
    index = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own response
    article_pages = [s.text for s in index.findall("s:sitemap/s:loc", NS) if "sitemap-articles" in s.text]
    # The limit counts addresses, and each article has one per language (en, ru, kk): 15 in pages of 2.
    assert len(article_pages) == 8
    assert {a.get_absolute_url() for a in published} <= locations(client)
