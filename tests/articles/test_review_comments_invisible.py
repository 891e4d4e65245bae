"""A name or comment made only of invisible characters counts as empty, with the usual message."""

import pytest

from articles.models import Comment
from tests.support.comments import post_comment
from tests.support.factories import ArticleFactory

pytestmark = pytest.mark.django_db

INVISIBLE = "\u200b\u200d\u2060\u202e\u2066\ufeff"


@pytest.fixture
def article():
    return ArticleFactory(published=True)


def test_an_invisible_name_is_asked_for_again(client, article):
    response = post_comment(client, article, name=INVISIBLE, body="A visible comment.")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Please give a name" in html
    assert "A visible comment." in html  # the reader's text is kept
    assert not Comment.objects.exists()


def test_an_invisible_comment_is_asked_for_again(client, article):
    response = post_comment(client, article, body=INVISIBLE)
    assert response.status_code == 400
    assert "Please write a comment." in response.content.decode()
    assert not Comment.objects.exists()


def test_invisible_characters_inside_visible_text_are_kept(client, article):
    text = "Family 👩\u200d👩\u200d👧 and \u2067عربى\u2069 text"
    assert post_comment(client, article, name="\u202bName\u202c", body=text).status_code == 302
    comment = Comment.objects.get()
    assert comment.body == text and comment.name == "\u202bName\u202c"
