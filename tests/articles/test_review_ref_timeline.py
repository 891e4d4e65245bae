"""Review: the timeline picture's caption describes every kind of mark it draws."""

import datetime

import pytest

from articles.models import DatePrecision
from tests.support.factories import EventFactory

pytestmark = pytest.mark.django_db


def test_the_caption_explains_year_only_events_and_arrows(client):
    EventFactory(title="Day event", slug="day", date=datetime.date(2022, 1, 5))
    EventFactory(title="Year event", slug="year", date=datetime.date(2019, 1, 1), date_precision=DatePrecision.YEAR)
    page = client.get("/timeline/").content.decode()
    caption = page[page.index("<figcaption>"):page.index("</figcaption>")]
    assert "Known only to the month or year" in page  # the picture's own band label
    assert "month or year" in caption and "arrow" in caption
