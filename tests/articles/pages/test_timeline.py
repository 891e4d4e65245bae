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

pytestmark = pytest.mark.django_db


# ---- timeline --------------------------------------------------------------------


def test_timeline_lists_events_in_date_order_with_machine_readable_dates(client, scene):
    page = html(client, "/timeline/")
    assert page.index('id="event-fuel"') < page.index('id="event-csto-request"')
    assert '<time datetime="2022-01-06">6 January 2022</time>' in page
    assert '<time datetime="2022-01">January 2022</time>' in page


def test_timeline_shows_actors_and_only_published_commentary_per_event(client, scene):
    page = html(client, "/timeline/")
    event = re.search(r'id="event-csto-request"(.*?)</article>', page, re.S).group(1)
    assert 'href="/actors/russia/">Russia</a>' in event
    assert 'href="/articles/russia-csto/"' in event
    assert DRAFT_TITLE not in event


def test_timeline_svg_markers_link_to_event_anchors_on_the_page(client, scene):
    page = html(client, "/timeline/")
    svg = svg_of(page)
    assert svg.get("role") == "group"  # it holds links: never role="img"
    hrefs = [a.get("href") for a in svg.iter(f"{SVG_NS}a")]
    assert set(hrefs) == {"#event-fuel", "#event-csto-request", "#event-talks"}
    for href in hrefs:
        assert f'id="{href[1:]}"' in page


def test_timeline_is_three_queries(world, django_assert_num_queries):
    with django_assert_num_queries(3):
        consume_timeline()


def test_timeline_lists_only_published_commentary_under_events(world):
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
