"""On a closed article the reader's text is shown back cleaned, as the form would store it."""

import pytest

from articles.models import Comment
from tests.support.comments import post_comment
from tests.support.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_the_kept_text_has_its_control_characters_removed(client):
    article = ArticleFactory(published=True, comments_open=False)
    response = post_comment(client, article, body="My\x00 reply\x07 <b>here</b>\r\nsecond line")
    assert response.status_code == 403
    html = response.content.decode()
    assert "\x00" not in html and "\x07" not in html
    assert "My reply &lt;b&gt;here&lt;/b&gt;\nsecond line</textarea>" in html
    assert not Comment.objects.exists()


def test_an_over_long_text_is_still_kept_whole(client):
    article = ArticleFactory(published=True, comments_open=False)
    body = "word " * 1500  # over the 5000-character limit: not valid, but the reader keeps it
    html = post_comment(client, article, body=body).content.decode()
    assert body.strip() in html
