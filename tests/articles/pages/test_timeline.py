"""The timeline page (articles/pages/timeline.py) and its query plan."""

import datetime
import re

import pytest

from articles.models import DatePrecision, Event
from tests.support.factories import EventFactory
from tests.support.reference_world import (
    consume_timeline,
)
from tests.support.scene import DRAFT_TITLE, SVG_NS, html, svg_of
from tests.support.shared import OverAGeneratedWorld, OverTheScene

pytestmark = pytest.mark.django_db


# ---- timeline --------------------------------------------------------------------


class TestTheScene(OverTheScene):
    """Tests that only read the scene, made once for the class (``shared_scene``)."""

    def test_timeline_lists_events_in_date_order_with_machine_readable_dates(self, client, scene):
        page = html(client, "/timeline/")
        assert page.index('id="event-fuel"') < page.index('id="event-csto-request"')
        assert '<time datetime="2022-01-06">6 January 2022</time>' in page
        assert '<time datetime="2022-01">January 2022</time>' in page

    def test_timeline_shows_actors_and_only_published_commentary_per_event(self, client, scene):
        page = html(client, "/timeline/")
        event = re.search(r'id="event-csto-request"(.*?)</article>', page, re.S).group(1)
        assert 'href="/actors/russia/">Russia</a>' in event
        assert 'href="/articles/russia-csto/"' in event
        assert DRAFT_TITLE not in event

    def test_timeline_svg_markers_link_to_event_anchors_on_the_page(self, client, scene):
        page = html(client, "/timeline/")
        svg = svg_of(page)
        assert svg.get("role") == "group"  # it holds links: never role="img"
        hrefs = [a.get("href") for a in svg.iter(f"{SVG_NS}a")]
        assert set(hrefs) == {"#event-fuel", "#event-csto-request", "#event-talks"}
        for href in hrefs:
            assert f'id="{href[1:]}"' in page


class TestAGeneratedWorld(OverAGeneratedWorld):
    """Tests that only read a generated world, made once for the class (``shared_world``)."""

    def test_timeline_is_three_queries(self, world, django_assert_num_queries):
        with django_assert_num_queries(3):
            consume_timeline()

    def test_timeline_lists_only_published_commentary_under_events(self, world):
        for event in Event.objects.for_timeline():
            assert all(a.is_published for a in event.published_articles)


def test_the_caption_explains_year_only_events_and_arrows(client):
    EventFactory(title="Day event", slug="day", date=datetime.date(2022, 1, 5))
    EventFactory(title="Year event", slug="year", date=datetime.date(2019, 1, 1), date_precision=DatePrecision.YEAR)
    page = client.get("/timeline/").content.decode()
    caption = page[page.index("<figcaption>"):page.index("</figcaption>")]
    assert "Known only to the month or year" in page  # the picture's own band label
    assert "month or year" in caption and "arrow" in caption


def test_an_event_known_only_to_the_month_is_the_period_it_stands_for_in_json_ld(client):
    from tests.support.scene import jsonld

    EventFactory(title="Month-long", date=datetime.date(2022, 1, 1), date_precision=DatePrecision.MONTH)
    EventFactory(title="One day", date=datetime.date(2022, 1, 5))
    [data] = jsonld(client.get("/timeline/").content.decode())
    events = {item["item"]["name"]: item["item"] for item in data["itemListElement"]}
    assert (events["Month-long"]["startDate"], events["Month-long"]["endDate"]) == ("2022-01-01", "2022-01-31")
    assert events["One day"]["startDate"] == "2022-01-05" and "endDate" not in events["One day"]


def test_an_event_lists_its_five_newest_pieces_and_links_to_all_of_them(client):
    from tests.support.factories import ArticleFactory

    event = EventFactory(title="Almaty airport seized", slug="airport")
    pieces = [
        ArticleFactory(published=True, title=f"Airport piece {n}", slug=f"airport-{n}",
                       published_on=datetime.date(2022, 1, 10 + n))
        for n in range(7)
    ]
    draft = ArticleFactory(title="Airport draft", slug="airport-draft")
    for article in [*pieces, draft]:
        article.events.add(event)
    block = re.search(r'id="event-airport"(.*?)</article>', html(client, "/timeline/"), re.S).group(1)
    shown = re.findall(r"Airport piece (\d)", block)
    assert shown == ["6", "5", "4", "3", "2"]  # the newest five
    assert "Airport draft" not in block
    assert 'href="/articles/?event=airport">All 7 pieces discussing this event</a>' in block

    listed = html(client, "/articles/?event=airport")
    assert sorted(re.findall(r"Airport piece (\d)", listed)) == [str(n) for n in range(7)]
    assert "Airport draft" not in listed and "7 pieces of commentary" in listed


def test_an_unknown_event_in_the_article_list_is_explained_not_an_error(client):
    response = client.get("/articles/?event=no-such-event")
    assert response.status_code == 200
    assert "There is no event by that name in the published commentary." in response.content.decode()


def test_the_timeline_takes_three_queries_however_much_commentary_an_event_has(django_assert_num_queries):
    from tests.support.factories import ArticleFactory

    event = EventFactory(slug="busy")
    for size in (2, 12):
        while event.articles.count() < size:
            event.articles.add(ArticleFactory(published=True))
        with django_assert_num_queries(3):
            events = list(Event.objects.for_timeline(shown=5))
            assert len(events[0].published_articles) == min(size, 5)
            assert events[0].published_article_count == size
