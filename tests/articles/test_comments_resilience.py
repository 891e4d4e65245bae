"""Nothing a reader typed is lost: expired CSRF pages and double clicks."""

import pytest
from django.test import Client

from articles.models import Comment
from tests.articles.comments_support import comment_url, csrf_token_from, form_data, post_comment, send
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory(published=True)


def test_an_expired_csrf_token_shows_the_form_again_with_the_text_kept(article):
    browser = Client(enforce_csrf_checks=True)
    typed = "My long considered reply that must not vanish."
    response = send(browser, comment_url(article), form_data(article, body=typed))
    assert response.status_code == 403
    html = response.content.decode()
    assert typed in html
    assert "page had expired" in html
    assert not Comment.objects.exists()
    # The page carries a fresh CSRF token: sending it again works.
    retry = form_data(article, body=typed, csrfmiddlewaretoken=csrf_token_from(html))
    assert send(browser, comment_url(article), retry).status_code == 302
    assert Comment.objects.get().body == typed


def test_a_csrf_failure_elsewhere_is_a_page_in_the_site_layout():
    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/search/", {"q": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "could not be sent" in html
    assert '<main id="main"' in html


def test_a_double_click_does_not_use_up_the_rate_limit(client, article, settings):
    settings.KZ_COMMENT_RATE = "1/10m"
    assert post_comment(client, article, body="Sent twice by a double click.").status_code == 302
    assert post_comment(client, article, body="Sent twice by a double click.").status_code == 302
    assert Comment.objects.count() == 1
    assert post_comment(client, article, body="A genuinely new comment.").status_code == 429
