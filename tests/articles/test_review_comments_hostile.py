"""Hostile names and texts stay text in the comments feed, the moderators' queue and their mail."""

import feedparser
import pytest
from django.core import mail
from django.urls import reverse

from articles.models import Comment
from tests.support.comments import post_comment
from tests.support.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db

NAME = '<img src=x onerror="alert(1)">Bob'
BODY = '<script>alert(1)</script> <a href="javascript:alert(2)">x</a>'


@pytest.fixture
def article():
    return ArticleFactory(published=True, title="Kazakhstan and the CSTO")


def test_a_hostile_name_is_not_markup_in_the_feed_item_title(client, article):
    """RSS titles are read as HTML by many readers: like Django's default, the title is escaped."""
    CommentFactory(article=article, name=NAME, body="Fine text.", status=Comment.Status.APPROVED)
    response = client.get(reverse("comments:feed", kwargs={"slug": article.slug}))
    xml = response.content.decode()
    title = xml[xml.index("<item><title>") : xml.index("</title>", xml.index("<item><title>"))]
    assert "&amp;lt;img" in title and "&lt;img" not in title.replace("&amp;lt;", "")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo
    assert "<img" not in parsed.entries[0].title
    assert parsed.entries[0].title.startswith("&lt;img src=x onerror=")


def test_an_ordinary_name_reads_normally_in_the_feed(client, article):
    CommentFactory(article=article, name="O'Brien & Sons", status=Comment.Status.APPROVED)
    parsed = feedparser.parse(client.get(reverse("comments:feed", kwargs={"slug": article.slug})).content)
    assert parsed.entries[0].title_detail.type == "text/html"
    assert parsed.entries[0].title == "O&#x27;Brien &amp; Sons on “Kazakhstan and the CSTO”"


def test_the_moderation_queue_shows_hostile_comments_as_text(editor_client, article):
    CommentFactory(article=article, name=NAME, body=BODY, status=Comment.Status.PENDING)
    html = editor_client.get(reverse("admin:articles_comment_changelist")).content.decode()
    assert "<script>alert(1)" not in html and '<img src=x onerror="alert(1)">' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html


def test_the_change_form_shows_hostile_comments_as_text(moderator_client, article):
    comment = CommentFactory(article=article, name=NAME, body=BODY, status=Comment.Status.PENDING)
    response = moderator_client.get(reverse("admin:articles_comment_change", args=[comment.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)" not in html and '<img src=x onerror="alert(1)">' not in html
    assert 'href="javascript:' not in html


def test_the_moderators_mail_is_plain_text_with_one_line_headers(
    client, article, moderator, django_capture_on_commit_callbacks
):
    moderator.email = "mona@kzportal.example"
    moderator.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = post_comment(client, article, name="Evil\r\nBcc: victim@example.org", body=BODY)
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.content_subtype == "plain" and not getattr(message, "alternatives", [])
    assert message.to == ["mona@kzportal.example"] and not message.bcc
    assert "\n" not in message.subject
    assert "victim@example.org" not in str(message.message()["Bcc"] or "")
