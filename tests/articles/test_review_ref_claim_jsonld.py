"""Review: a claim's JSON-LD names a first appearance only when the dates say which came first."""

import datetime
import json
import re

import pytest

from articles.models import DatePrecision
from tests.support.factories import ArticleFactory, CitationFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def claim_ld(client, claim):
    page = client.get(claim.get_absolute_url()).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    return data["@graph"][0]


def cite(claim, title, date, precision=DatePrecision.DAY):
    article = ArticleFactory(published=True, title=title, published_on=date, published_on_precision=precision)
    CitationFactory(claim=claim, article=article)


def test_first_appearance_is_the_earliest_dated_piece(client):
    claim = ClaimFactory()
    cite(claim, "Later piece", datetime.date(2022, 1, 20))
    cite(claim, "Earlier piece", datetime.date(2022, 1, 10))
    cite(claim, "Month piece", datetime.date(2022, 2, 1), DatePrecision.MONTH)
    assert claim_ld(client, claim)["firstAppearance"]["headline"] == "Earlier piece"


def test_a_year_only_date_is_not_taken_as_earlier_than_a_day_in_that_year(client):
    claim = ClaimFactory()
    cite(claim, "Dated to the day", datetime.date(2022, 1, 15))
    cite(claim, "Dated to the year", datetime.date(2022, 1, 1), DatePrecision.YEAR)
    data = claim_ld(client, claim)
    assert len(data["appearance"]) == 2
    assert "firstAppearance" not in data


def test_an_undated_piece_leaves_the_first_appearance_unknown(client):
    claim = ClaimFactory()
    cite(claim, "Dated", datetime.date(2022, 1, 15))
    cite(claim, "Undated", None)
    assert "firstAppearance" not in claim_ld(client, claim)
