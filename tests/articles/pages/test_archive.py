"""Publication-date archives (articles/pages/archive.py): /archive/<yyyy>/, /<mm>/, /<dd>/."""

import datetime
import re

import pytest

from articles.models import Article, DatePrecision
from tests.support.factories import ArticleFactory
from tests.support.pages import text

pytestmark = pytest.mark.django_db


def titles(response):
    return {article.title for article in response.context["articles"]}


@pytest.fixture
def dated():
    ArticleFactory(published=True, title="On the 6th", published_on=datetime.date(2022, 1, 6))
    ArticleFactory(published=True, title="On the 20th", published_on=datetime.date(2022, 1, 20))
    ArticleFactory(published=True, title="Sometime in January", published_on=datetime.date(2022, 1, 1),
                   published_on_precision=DatePrecision.MONTH)
    ArticleFactory(published=True, title="Sometime in 2022", published_on=datetime.date(2022, 1, 1),
                   published_on_precision=DatePrecision.YEAR)
    ArticleFactory(published=True, title="In February", published_on=datetime.date(2022, 2, 3))
    ArticleFactory(published=True, title="Undated", published_on=None)
    ArticleFactory(title="Draft on the 6th", published_on=datetime.date(2022, 1, 6))
    ArticleFactory(title="Review on the 6th", status=Article.Status.REVIEW, published_on=datetime.date(2022, 1, 6))


def test_the_year_archive_holds_every_published_article_dated_in_that_year(client, dated):
    response = client.get("/archive/2022/")
    assert response.status_code == 200
    assert titles(response) == {"On the 6th", "On the 20th", "Sometime in January", "Sometime in 2022", "In February"}
    page = text(response)
    assert 'href="/archive/2022/01/">January</a>' in page
    assert 'href="/archive/2022/02/">February</a>' in page


def test_a_month_archive_holds_day_and_month_precision_articles_but_not_year_ones(client, dated):
    response = client.get("/archive/2022/01/")
    assert titles(response) == {"On the 6th", "On the 20th", "Sometime in January"}
    page = text(response)
    assert 'href="/archive/2022/01/06/"' in page
    assert 'href="/archive/2022/01/01/"' not in page  # the month-precision piece has no day
    assert 'href="/archive/2022/02/">February 2022' in page


def test_a_day_archive_holds_only_articles_dated_to_that_exact_day(client, dated):
    assert titles(client.get("/archive/2022/01/06/")) == {"On the 6th"}


def test_a_month_precision_article_stored_on_the_first_is_not_in_the_first_days_archive(client, dated):
    assert client.get("/archive/2022/01/01/").status_code == 404


@pytest.mark.parametrize("url", ["/archive/2022/", "/archive/2022/01/", "/archive/2022/01/06/"])
def test_archives_never_show_unpublished_articles(client, dated, url):
    page = text(client.get(url))
    assert "Draft on the 6th" not in page
    assert "Review on the 6th" not in page


@pytest.mark.parametrize("url", ["/archive/2019/", "/archive/2022/03/", "/archive/2022/01/07/"])
def test_an_empty_period_is_not_found(client, dated, url):
    assert client.get(url).status_code == 404


def test_a_period_with_only_unpublished_articles_is_not_found(client):
    ArticleFactory(published_on=datetime.date(2021, 12, 31))
    assert client.get("/archive/2021/").status_code == 404


@pytest.mark.parametrize("url", ["/archive/2022/13/", "/archive/2022/02/30/", "/archive/2022/00/",
                                 "/archive/22/", "/archive/2022/1/"])
def test_impossible_dates_are_not_found_never_an_error(client, dated, url):
    assert client.get(url).status_code == 404


def test_archives_have_titles_breadcrumbs_and_period_links(client, dated):
    page = text(client.get("/archive/2022/01/06/"))
    assert "<title>Commentary published on 6 January 2022" in page
    assert '<nav class="breadcrumbs" aria-label="Breadcrumb">' in page
    assert 'href="/archive/2022/">2022</a>' in page
    assert 'href="/archive/2022/01/">January</a>' in page
    assert 'rel="next" href="/archive/2022/01/20/"' in page


def test_archive_pages_are_lenient_about_bad_page_numbers(client, dated):
    response = client.get("/archive/2022/?page=abc")
    assert response.status_code == 200
    assert "first page" in text(response)
    response = client.get("/archive/2022/?page=50")
    assert response.status_code == 200
    assert "last one" in text(response)


def test_archives_are_paginated(client):
    for day in range(1, 26):
        ArticleFactory(published=True, published_on=datetime.date(2022, 1, day))
    first = client.get("/archive/2022/01/")
    second = client.get("/archive/2022/01/?page=2")
    assert len(first.context["articles"]) == 20
    assert len(second.context["articles"]) == 5


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
