"""The whole path of a reader comment, through real HTTP requests with CSRF enforced."""

import time

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.comments import services
from articles.comments.forms import make_form_token
from articles.comments.views import THANKS
from articles.models import Comment
from tests.factories import ArticleFactory, CommentFactory

from .comments_support import comment_url, csrf_token_from, form_data, post_comment, send

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory(published=True)


def test_submit_pending_approve_visible(article, moderator):
    reader = Client(enforce_csrf_checks=True)
    page = reader.get(article.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="comment-form"' in html
    assert "No comments yet." in html

    data = form_data(article, csrfmiddlewaretoken=csrf_token_from(html))
    response = send(reader, comment_url(article), data)

    # POST/redirect/GET back to the article's comments, with the message.
    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}#comments"
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.name == "Aigerim" and comment.email == "aigerim@example.org"

    followed = reader.get(response["Location"])
    text = followed.content.decode()
    assert THANKS in text
    assert "A considered reply" not in text  # pending: not public

    services.moderate_comments(comments=[comment], status=Comment.Status.APPROVED, moderator=moderator)
    text = reader.get(article.get_absolute_url()).content.decode()
    assert "A considered reply about the CSTO deployment." in text
    assert "1 comment" in text
    assert "aigerim@example.org" not in text


def test_the_success_message_is_a_django_message(client, article):
    response = post_comment(client, article)
    assert [str(m) for m in get_messages(response.wsgi_request)] == [THANKS]


def test_post_without_csrf_token_is_refused(article):
    reader = Client(enforce_csrf_checks=True)
    response = send(reader, comment_url(article), form_data(article))
    assert response.status_code == 403
    assert not Comment.objects.exists()


@pytest.mark.parametrize("status", [Comment.Status.REJECTED, Comment.Status.SPAM, Comment.Status.PENDING])
def test_rejected_spam_and_pending_comments_are_never_shown(client, article, moderator, status):
    comment = CommentFactory(article=article, body="Never to be seen by readers")
    services.moderate_comments(comments=[comment], status=status, moderator=moderator)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Never to be seen" not in html
    feed = client.get(reverse("comments:feed", kwargs={"slug": article.slug})).content.decode()
    assert "Never to be seen" not in feed


def test_approved_comments_show_in_date_order_with_a_count(client, article):
    late = CommentFactory(article=article, body="Second in time", status=Comment.Status.APPROVED)
    early = CommentFactory(article=article, body="First in time", status=Comment.Status.APPROVED)
    early.submitted_at = late.submitted_at.replace(year=2022)
    early.save()
    CommentFactory(article=article, body="Still pending")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "2 comments" in html
    assert html.index("First in time") < html.index("Second in time")
    assert "Still pending" not in html


def test_closed_article_shows_no_form_and_refuses_posts(client):
    article = ArticleFactory(published=True, comments_open=False)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Comments are closed." in html
    assert 'id="comment-form"' not in html

    response = post_comment(client, article, body="My carefully written reply")
    assert response.status_code == 403
    text = response.content.decode()
    assert "Comments are closed on this article" in text
    assert "My carefully written reply" in text  # kept, so the reader can copy it
    assert not Comment.objects.exists()


def test_closing_comments_in_the_admin_closes_them_on_the_site(client, editor_client, article):
    url = reverse("admin:articles_article_change", args=[article.pk])
    assert editor_client.get(url).status_code == 200
    # The article's change form as the editor's browser posts it, "comments open" unticked.
    data = {
        "title": article.title,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "publication": article.publication_id,
        "published_on": "2022-01-20",
        "published_on_precision": "day",
        "language": "en",
        "status": "published",
        "live_from_0": article.live_from.strftime("%Y-%m-%d"),
        "live_from_1": article.live_from.strftime("%H:%M:%S"),
        "themes": "",
    }
    for prefix in ["article_authors", "contributions", "article_actors", "citations", "source_markers"]:
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    response = editor_client.post(url, data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.comments_open is False
    assert post_comment(client, article).status_code == 403
    assert "Comments are closed." in client.get(article.get_absolute_url()).content.decode()

    data["comments_open"] = "on"
    assert editor_client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert article.comments_open is True
    assert post_comment(client, article).status_code == 302


def test_unpublished_article_takes_no_comments(client):
    draft = ArticleFactory()
    response = send(client, comment_url(draft), {**form_data(draft), "token": make_form_token(draft, at=time.time() - 30)}
    )
    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_comments_add_no_queries_to_the_article_page(client, article):
    """The include reads the prefetched article.approved_comments: 30 comments cost what 2 do."""
    for _ in range(2):
        CommentFactory(article=article, status=Comment.Status.APPROVED)
    with CaptureQueriesContext(connection) as few:
        assert client.get(article.get_absolute_url()).status_code == 200
    for _ in range(28):
        CommentFactory(article=article, status=Comment.Status.APPROVED, email="hidden@example.org")
    with CaptureQueriesContext(connection) as many:
        html = client.get(article.get_absolute_url()).content.decode()
    assert "30 comments" in html
    assert "hidden@example.org" not in html  # not in the page, its JSON-LD or anywhere else
    assert len(many) == len(few)


def test_the_comments_stylesheet_is_loaded_in_the_head_of_the_article_page(client):
    from tests.factories import ArticleFactory

    article = ArticleFactory(published=True)
    html = client.get(article.get_absolute_url()).content.decode()
    head = html.split("</head>")[0]
    assert "css/comments.css" in head
    assert html.count("css/comments.css") == 1
