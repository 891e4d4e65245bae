"""RSS and Atom feeds (articles/pages/feeds.py): latest, per theme, per actor, per author."""

import datetime

import feedparser
import pytest
from django.utils import timezone

from articles.models import Article, ArticleActor, Theme
from tests.support.db import rolled_back_for_module
from tests.support.factories import (
    ActorFactory,
    ArticleFactory,
    AuthorFactory,
    ContributionFactory,
    ThemeFactory,
)
from tests.support.feeds import feed_problems

pytestmark = pytest.mark.django_db


UNPUBLISHED = [
    {"status": Article.Status.DRAFT},
    {"status": Article.Status.REVIEW},
    {"status": Article.Status.ARCHIVED, "live_from": timezone.now() - datetime.timedelta(days=1)},
    {"status": Article.Status.PUBLISHED, "live_from": timezone.now() + datetime.timedelta(days=1)},
]


def make_catalogue():
    """One published piece by an author, on a theme, mentioning an actor; and the same in
    every state a reader must not see."""
    theme = ThemeFactory(slug="security", name="Regional security")
    actor = ActorFactory(slug="russia", name="Russia")
    author = AuthorFactory(slug="kizekova", name="Alica Kizeková")
    published = ArticleFactory(published=True, title="Published piece", standfirst="What it argues.",
                               authors=[author])
    published.themes.add(theme)
    ArticleActor.objects.create(article=published, actor=actor, mentions=2)
    for index, state in enumerate(UNPUBLISHED):
        hidden = ArticleFactory(title=f"Hidden piece {index}", authors=[author], **state)
        hidden.themes.add(theme)
        ArticleActor.objects.create(article=hidden, actor=actor, mentions=2)
    return published


FEEDS = [
    ("/feeds/latest/", "rss"),
    ("/feeds/latest/atom/", "atom"),
    ("/feeds/themes/security/", "rss"),
    ("/feeds/themes/security/atom/", "atom"),
    ("/feeds/actors/russia/", "rss"),
    ("/feeds/actors/russia/atom/", "atom"),
    ("/feeds/authors/kizekova/", "rss"),
    ("/feeds/authors/kizekova/atom/", "atom"),
]


@pytest.fixture(scope="class")
def shared_catalogue(django_db_setup, django_db_blocker):
    with rolled_back_for_module(django_db_blocker):
        yield make_catalogue()


class TestTheCatalogue:
    """Tests that only read the catalogue, made once for the class (``shared_catalogue``) in
    a transaction rolled back when the class ends; each test's writes roll back after it."""

    @pytest.fixture
    def catalogue(self, shared_catalogue, db):
        return shared_catalogue

    @pytest.mark.parametrize(("url", "kind"), FEEDS)
    def test_each_feed_parses_and_holds_only_the_published_article(self, client, catalogue, url, kind):
        response = client.get(url)
        assert response.status_code == 200
        feed = feedparser.parse(response.content)
        assert not feed.bozo, feed.bozo_exception
        assert feed.version.startswith(kind)
        assert [entry.title for entry in feed.entries] == ["Published piece"]
        entry = feed.entries[0]
        assert entry.link.endswith(catalogue.get_absolute_url())
        assert entry.summary == "What it argues."
        assert entry.author == "Alica Kizeková"
        assert "Hidden piece" not in response.content.decode()

    @pytest.mark.parametrize(("url", "kind"), FEEDS)
    def test_no_feed_contains_an_email_address(self, client, catalogue, url, kind):
        body = client.get(url).content.decode()
        assert "@" not in body.replace("@context", "")

    def test_theme_feeds_carry_categories(self, client, catalogue):
        feed = feedparser.parse(client.get("/feeds/latest/").content)
        assert [tag.term for tag in feed.entries[0].tags] == ["Regional security"]

    @pytest.mark.parametrize(("url", "kind"), FEEDS)
    def test_every_feed_is_valid_with_absolute_entry_ids_and_guids(self, client, catalogue, url, kind):
        content = client.get(url).content
        assert feed_problems(content) == []
        entry = feedparser.parse(content).entries[0]
        assert entry.id == f"http://testserver{catalogue.get_absolute_url()}#{catalogue.pk}"


def test_the_latest_feed_lists_the_newest_first_and_at_most_twenty(client):
    now = timezone.now()
    for day in range(25):
        ArticleFactory(published=True, title=f"Piece {day}", live_from=now - datetime.timedelta(days=25 - day))
    feed = feedparser.parse(client.get("/feeds/latest/").content)
    assert len(feed.entries) == 20
    assert feed.entries[0].title == "Piece 24"


def test_the_author_feed_includes_round_up_contributions(client):
    author = AuthorFactory(slug="tchakarova")
    round_up = ArticleFactory(published=True, title="Round-up")
    ContributionFactory(article=round_up, author=author)
    feed = feedparser.parse(client.get("/feeds/authors/tchakarova/").content)
    assert [entry.title for entry in feed.entries] == ["Round-up"]


def test_the_actor_feed_leaves_out_mentions_an_editor_removed(client):
    actor = ActorFactory(slug="kz")
    article = ArticleFactory(published=True)
    ArticleActor.objects.create(article=article, actor=actor, origin=ArticleActor.Origin.EXCLUDED)
    assert feedparser.parse(client.get("/feeds/actors/kz/").content).entries == []


@pytest.mark.parametrize("url", ["/feeds/themes/nope/", "/feeds/actors/nope/atom/", "/feeds/authors/nope/"])
def test_a_feed_for_something_unknown_is_not_found(client, url):
    assert client.get(url).status_code == 404


def test_pages_advertise_the_feeds(client):
    page = client.get("/").content.decode()
    assert 'type="application/rss+xml"' in page and 'href="/feeds/latest/"' in page
    assert 'type="application/atom+xml"' in page and 'href="/feeds/latest/atom/"' in page


@pytest.mark.parametrize("url", ["/feeds/latest/", "/feeds/latest/atom/", "/feeds/authors/tchakarova/"])
def test_a_round_up_entry_names_its_editor_and_each_contributor_once(client, url):
    editor = AuthorFactory(name="David Hutt")
    round_up = ArticleFactory(published=True, title="Round-up", authors=[editor])
    ContributionFactory(article=round_up, author=AuthorFactory(name="Alica Kizeková"), order=1)
    ContributionFactory(article=round_up, author=AuthorFactory(name="Velina Tchakarova", slug="tchakarova"), order=2)
    ContributionFactory(article=round_up, author=editor, order=3)

    feed = feedparser.parse(client.get(url).content)

    assert feed.entries[0].author == "David Hutt, Alica Kizeková, Velina Tchakarova"


def test_a_round_up_offers_each_contributor_s_feed(client):
    round_up = ArticleFactory(published=True, authors=[AuthorFactory(name="David Hutt", slug="hutt")])
    ContributionFactory(article=round_up, author=AuthorFactory(name="Velina Tchakarova", slug="tchakarova"))

    page = client.get(round_up.get_absolute_url()).content.decode()

    assert 'href="/feeds/authors/hutt/">Feed of David Hutt’s commentary</a>' in page
    assert 'href="/feeds/authors/tchakarova/">Feed of Velina Tchakarova’s commentary</a>' in page


@pytest.fixture
def theme():
    theme = Theme.objects.create(name="Қаңтар оқиғалары")
    ArticleFactory(published=True, title="A tagged piece").themes.add(theme)
    return theme


def test_the_non_ascii_theme_feeds_parse(client, theme):
    import feedparser

    for suffix in ("", "atom/"):
        response = client.get(f"/feeds/themes/{theme.slug}/{suffix}")
        assert response.status_code == 200
        assert not feedparser.parse(response.content).bozo


def test_the_validator_catches_a_relative_entry_id():
    import datetime as dt

    from django.utils.feedgenerator import Atom1Feed

    feed = Atom1Feed(title="t", link="http://testserver/", description="d", author_name="kzportal",
                     feed_url="http://testserver/feed/")
    feed.add_item(title="x", link="http://testserver/a/", description="", unique_id="/a/#1",
                  updateddate=dt.datetime(2022, 1, 5, tzinfo=dt.UTC))
    assert feed_problems(feed.writeString("utf-8").encode()) == ["entry id '/a/#1' is not an absolute IRI"]
