"""Feed entries credit round-up contributors as well as the byline."""

import feedparser
import pytest

from tests.support.factories import ArticleFactory, AuthorFactory, ContributionFactory

pytestmark = pytest.mark.django_db


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
