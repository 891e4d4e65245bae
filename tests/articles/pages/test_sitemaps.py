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


def _section_lastmods(client):
    """{section address: lastmod text} of the sitemap index (sections without one left out)."""
    index = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own response
    return {
        entry.find("s:loc", NS).text.removeprefix("http://testserver"): entry.find("s:lastmod", NS).text
        for entry in index.findall("s:sitemap", NS)
        if entry.find("s:lastmod", NS) is not None
    }


def test_the_index_dates_the_articles_section_by_its_newest_article_lastmod(client):
    from django.contrib.sitemaps import Sitemap

    from articles.models import Correction
    from articles.pages.sitemaps import ArticleSitemap

    now = timezone.now().replace(microsecond=0)
    corrected = ArticleFactory(published=True, live_from=now - datetime.timedelta(days=30))
    Correction.objects.create(article=corrected, made_at=now - datetime.timedelta(days=3), text="A fix.")
    ArticleFactory(published=True, live_from=now - datetime.timedelta(days=5))
    # Published most recently, but its lastmod is its correction, which is older than that.
    republished = ArticleFactory(published=True, live_from=now - datetime.timedelta(hours=1))
    Correction.objects.create(article=republished, made_at=now - datetime.timedelta(days=10), text="An old fix.")
    # Corrections of unpublished pieces date nothing.
    draft = ArticleFactory()
    Correction.objects.create(article=draft, made_at=now, text="Not public.")

    newest = Sitemap.get_latest_lastmod(ArticleSitemap())  # Django's way: lastmod of every article
    assert newest == now - datetime.timedelta(days=3)
    assert _section_lastmods(client)["/sitemap-articles.xml"] == newest.isoformat()


def test_the_pages_of_a_section_list_every_address_once_in_django_s_order(client, monkeypatch):
    from django.contrib.sitemaps import Sitemap

    from articles.pages import sitemaps

    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 4)
    for _ in range(5):
        ArticleFactory(published=True)
    section = sitemaps.ArticleSitemap()
    # Django's own pairing: every (article, language), in the items' order.
    expected = [section._location(pair) for pair in Sitemap._items(section)]
    listed = []
    for number in range(1, 5):  # 15 addresses in pages of 4
        root = ET.fromstring(client.get(f"/sitemap-articles.xml?p={number}").content)  # noqa: S314 - our own response
        listed += [loc.text.removeprefix("http://testserver") for loc in root.findall("s:url/s:loc", NS)]
    assert listed == expected
    assert client.get("/sitemap-articles.xml?p=5").status_code == 404


def test_the_sitemap_takes_as_many_queries_at_any_size(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    author, theme, actor = AuthorFactory(), ThemeFactory(), ActorFactory()

    def add(count):
        for _ in range(count):
            article = ArticleFactory(published=True, authors=[author])
            article.themes.add(theme)
            ArticleActor.objects.create(article=article, actor=actor)

    def after_a_write_and_after_that():
        # The first request after a write counts the sections (``sitemaps.sizes``), later
        # ones read the kept counts: each as many queries at any size.
        return [queries("/sitemap.xml"), queries("/sitemap-articles.xml"), queries("/sitemap.xml")]

    add(2)
    client.get("/sitemap.xml")  # per-process caches (content types) filled once, as in a running server
    AuthorFactory()  # a write: the kept section sizes are counted again
    small = after_a_write_and_after_that()
    add(10)
    assert after_a_write_and_after_that() == small
    assert small[2] < small[0]  # kept until the next write


def test_the_index_pages_a_section_anew_after_a_publish(client, monkeypatch):
    from articles.pages import sitemaps

    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 6)  # two articles in three languages
    ArticleFactory(published=True)
    ArticleFactory(published=True)
    assert "sitemap-articles.xml?p=2" not in client.get("/sitemap.xml").content.decode()
    assert client.get("/sitemap-articles.xml?p=2").status_code == 404
    ArticleFactory(published=True)  # the kept sizes are counted again
    assert "sitemap-articles.xml?p=2" in client.get("/sitemap.xml").content.decode()
    assert client.get("/sitemap-articles.xml?p=2").status_code == 200


def test_the_index_says_what_django_s_sitemap_index_says(client, monkeypatch):
    # Written without the template engine (55 µs an entry): the same entries, dates and headers.
    from django.contrib.sitemaps.views import index
    from django.test import RequestFactory

    from articles.models import Correction
    from articles.pages import sitemaps

    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 2)
    for _ in range(4):
        ArticleFactory(published=True)
    Correction.objects.create(article=ArticleFactory(published=True), made_at=timezone.now(), text="A fix.")
    ours = client.get("/sitemap.xml")
    django_s = index(RequestFactory().get("/sitemap.xml"), sitemaps.SITEMAPS, sitemap_url_name="sitemap-section")
    django_s.render()

    def entries(content):
        root = ET.fromstring(content)  # noqa: S314 - our own response
        return [
            (entry.find("s:loc", NS).text, getattr(entry.find("s:lastmod", NS), "text", None))
            for entry in root.findall("s:sitemap", NS)
        ]

    assert entries(ours.content) == entries(django_s.content)
    assert len(entries(ours.content)) > len(sitemaps.SITEMAPS)  # the articles section has pages
    for header in ("Content-Type", "X-Robots-Tag", "Last-Modified"):
        assert ours.get(header) == django_s.get(header), header
