"""The filter form ties each error to its field, so assistive technology reads it there."""

import re

import pytest

from tests.support.factories import ArticleFactory
from tests.support.pages import text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["theme", "claim", "date_after", "ordering"])
def test_a_filter_error_is_announced_on_its_field(client, name):
    ArticleFactory(published=True)
    page = text(client.get(f"/articles/?{name}=bad-value"))

    field = re.search(rf'<(?:input|select)[^>]*name="{name}"[^>]*>', page).group(0)
    described_by = re.search(r'aria-describedby="([^"]+)"', field).group(1)

    assert 'aria-invalid="true"' in field
    assert re.search(rf'<p class="field-error" id="{described_by}">[^<]+</p>', page)


@pytest.mark.parametrize(
    ("url", "current"),
    [("/articles/", "page"), ("/articles/{slug}/", "true"), ("/archive/2022/", None), ("/", None)],
)
def test_the_navigation_marks_the_current_section_without_calling_a_sub_page_the_page(client, url, current):
    article = ArticleFactory(published=True)
    page = text(client.get(url.format(slug=article.slug)))

    link = re.search(r'<nav class="site-nav".*?<a href="/articles/"([^>]*)>', page, re.S).group(1)

    assert (f'aria-current="{current}"' if current else "") == link.strip()
    assert page.count("aria-current=") == (1 if current else 0) + page.count('<span aria-current="page">')


def test_a_piece_in_another_language_marks_its_own_text_with_that_language(client):
    russian = ArticleFactory(published=True, language="ru", title="Кризис в Казахстане", standfirst="Что произошло.")
    english = ArticleFactory(published=True, language="en")

    page = text(client.get(russian.get_absolute_url()))

    assert '<h1 id="article-title" lang="ru">Кризис в Казахстане</h1>' in page
    assert '<p class="standfirst" lang="ru">' in page
    assert '<div class="article-body" lang="ru">' in page
    assert page.count('lang="ru"') == 3  # the site's own words stay English
    assert 'lang="en"' not in text(client.get(english.get_absolute_url())).replace('<html lang="en">', "")
