"""Date archives link only to periods that have an archive page."""

import datetime
import re

import pytest

from articles.models import DatePrecision
from tests.support.factories import ArticleFactory
from tests.support.pages import text

pytestmark = pytest.mark.django_db


def period_links(client, url):
    return re.findall(r'<ul class="archive-periods">.*?</ul>', text(client.get(url)), re.S)[0]


def test_the_year_archive_links_no_month_that_holds_only_year_dated_commentary(client):
    ArticleFactory(published=True, published_on=datetime.date(2022, 1, 1), published_on_precision=DatePrecision.YEAR)
    ArticleFactory(published=True, published_on=datetime.date(2022, 3, 1), published_on_precision=DatePrecision.MONTH)

    links = re.findall(r'href="(/archive/[^"]+)"', period_links(client, "/archive/2022/"))

    assert links == ["/archive/2022/03/"]
    assert all(client.get(link).status_code == 200 for link in links)
    assert client.get("/archive/2022/01/").status_code == 404


def test_a_year_holding_only_year_dated_commentary_is_listed_without_month_links(client):
    ArticleFactory(published=True, title="Sometime in 2021", published_on=datetime.date(2021, 1, 1),
                   published_on_precision=DatePrecision.YEAR)

    response = client.get("/archive/2021/")

    assert response.status_code == 200
    assert "Sometime in 2021" in text(response)
    assert 'class="archive-periods"' not in text(response)
