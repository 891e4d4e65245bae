"""Partial dates (articles/models/dates.py)."""

import datetime

import pytest

from articles.models import DatePrecision, Event
from tests.support.factories import (
    ArticleFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("precision", "shown", "iso"),
    [
        (DatePrecision.DAY, "20 January 2022", "2022-01-20"),
        (DatePrecision.MONTH, "January 2022", "2022-01"),
        (DatePrecision.YEAR, "2022", "2022"),
    ],
)
def test_dates_are_shown_at_their_precision(precision, shown, iso):
    article = ArticleFactory(published_on=datetime.date(2022, 1, 20), published_on_precision=precision)
    assert (article.date_display, article.date_iso) == (shown, iso)


def test_month_precision_dates_are_stored_as_the_first_of_the_month():
    event = Event.objects.create(
        title="Talks", slug="talks", date=datetime.date(2022, 1, 17), date_precision=DatePrecision.MONTH
    )
    event.refresh_from_db()
    assert event.date == datetime.date(2022, 1, 1)
