"""``kzportal.links.url_for``: remembered addresses still follow the reader's language,
the script prefix the site is served under, and a changed URLconf."""

import pytest
from django.test import override_settings
from django.urls import set_script_prefix
from django.utils import translation

from kzportal.links import url_for
from tests.support.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_an_address_follows_the_readers_language_each_time_it_is_asked_for():
    article = ArticleFactory(slug="csto-arrives")
    assert article.get_absolute_url() == "/articles/csto-arrives/"
    with translation.override("ru"):
        assert article.get_absolute_url() == "/ru/articles/csto-arrives/"
    with translation.override("kk"):
        assert article.get_absolute_url() == "/kk/articles/csto-arrives/"
    assert article.get_absolute_url() == "/articles/csto-arrives/"


def test_an_address_follows_the_script_prefix_the_site_is_served_under():
    assert url_for("themes:detail", slug="energy") == "/themes/energy/"
    set_script_prefix("/kz/")
    try:
        assert url_for("themes:detail", slug="energy") == "/kz/themes/energy/"
    finally:
        set_script_prefix("/")
    assert url_for("themes:detail", slug="energy") == "/themes/energy/"


def test_a_changed_urlconf_is_not_answered_from_memory():
    assert url_for("timeline") == "/timeline/"
    with override_settings(ROOT_URLCONF="tests.kzportal.links_urls"):
        assert url_for("timeline") == "/events-elsewhere/"
    assert url_for("timeline") == "/timeline/"
