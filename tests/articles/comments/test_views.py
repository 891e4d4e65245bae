"""Posting a reader comment over real HTTP (articles/comments/views.py): the whole path, CSRF,
closed and unpublished articles, hostile and oversized input, nothing typed lost."""

import time

import pytest
from django.conf import settings as django_settings
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.comments import services
from articles.comments.forms import make_form_token
from articles.comments.views import THANKS
from articles.models import Comment
from tests.support.comments import comment_url, csrf_token_from, form_data, post_comment, send
from tests.support.factories import ArticleFactory, CommentFactory

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
    assert response["Location"] == f"{article.get_absolute_url()}#comment-sent"
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
        "origin": "elsewhere",
        "status": "published",
        "live_from_0": article.live_from.strftime("%Y-%m-%d"),
        "live_from_1": article.live_from.strftime("%H:%M:%S"),
        "themes": "",
    }
    for prefix in [
        "article_authors", "contributions", "article_actors", "citations", "source_markers", "corrections", "lead_image"
    ]:
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
    from tests.support.factories import ArticleFactory

    article = ArticleFactory(published=True)
    html = client.get(article.get_absolute_url()).content.decode()
    head = html.split("</head>")[0]
    assert "css/comments.css" in head
    assert html.count("css/comments.css") == 1


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


def _approve_all(moderator):
    services.moderate_comments(comments=Comment.objects.all(), status=Comment.Status.APPROVED, moderator=moderator)


HOSTILE = {
    "script": ("<script>alert(document.cookie)</script>", "<script>alert", "&lt;script&gt;alert"),
    "event handler": ('<img src=x onerror="alert(1)">', "<img src=x", "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"),
    "javascript link": ('<a href="javascript:alert(1)">click</a>', '<a href="javascript:', "&lt;a href=&quot;javascript:alert(1)&quot;&gt;"),
    "svg onload": ("<svg/onload=alert(1)>", "<svg/onload", "&lt;svg/onload=alert(1)&gt;"),
    "closing tags": ("</textarea></div></section><b>bold</b>", "<b>bold</b>", "&lt;/textarea&gt;"),
    # Not markup: shown as the reader wrote it (quotes escaped), and harmless.
    "sql": ("Robert'); DROP TABLE articles_comment;-- OR 1=1", None, "Robert&#x27;); DROP TABLE articles_comment;-- OR 1=1"),
    "template syntax": ("{{ settings.SECRET_KEY }} {% debug %}", None, "{{ settings.SECRET_KEY }} {% debug %}"),
}


@pytest.mark.parametrize("payload", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_text_is_stored_and_shown_only_as_text(client, article, moderator, payload):
    text, raw_marker, escaped_marker = payload
    response = post_comment(client, article, body=f"Look: {text}", name=f"N {text}"[:80])
    assert response.status_code == 302
    assert Comment.objects.get().body == f"Look: {text}"
    _approve_all(moderator)
    html = client.get(article.get_absolute_url()).content.decode()
    comments = html[html.index('id="comments"'):]
    assert escaped_marker in comments
    if raw_marker:
        assert raw_marker not in comments
    assert django_settings.SECRET_KEY not in html
    assert 'href="javascript:' not in html
    assert Comment.objects.filter(status=Comment.Status.APPROVED).count() == 1  # the table is still there


def test_links_in_comments_are_not_clickable(client, article, moderator):
    post_comment(client, article, body="See https://example.com/page for more.")
    _approve_all(moderator)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "https://example.com/page" in html
    assert 'href="https://example.com/page"' not in html


def test_a_one_megabyte_body_is_refused_unread_with_a_message(client, article):
    body = "x" * 1_000_000
    response = post_comment(client, article, body=body)
    assert response.status_code == 413
    html = response.content.decode()
    assert "far longer than a comment may be" in html and "still in the form you sent it from" in html
    assert article.get_absolute_url() in html
    assert not Comment.objects.exists()


def test_a_body_over_the_upload_limit_is_a_413_not_a_500(client, article):
    response = post_comment(client, article, body="x" * 3_000_000)
    assert response.status_code == 413
    assert not Comment.objects.exists()


def test_a_long_comment_under_the_cap_is_read_and_shown_back(client, article):
    body = "ж" * 20_000  # 40 kB of UTF-8, 120 kB once percent-encoded: read, refused, kept
    response = post_comment(client, article, body=body)
    assert response.status_code == 400
    assert "too long" in response.content.decode() and body in response.content.decode()


@pytest.mark.parametrize(
    "text",
    [
        "مرحبا، هذا تعليق باللغة العربية عن كازاخستان",
        "שלום, זו תגובה בעברית",
        "Mixed: abc \u202eevil\u202c def",
        "Emoji 🇰🇿🔥👍🏽 and ZWJ 👩‍👩‍👧",
        "Қазақстан тәуелсіздігі",
    ],
)
def test_right_to_left_and_emoji_text_is_kept_and_isolated(client, article, moderator, text):
    assert post_comment(client, article, body=text, name="Читатель").status_code == 302
    assert Comment.objects.get().body == text
    _approve_all(moderator)
    html = client.get(article.get_absolute_url()).content.decode()
    assert text in html
    assert '<div class="comment-body" dir="auto">' in html
    assert "<bdi>Читатель</bdi>" in html


@pytest.mark.parametrize("method", ["get", "put", "delete", "patch"])
def test_only_post_is_allowed(client, article, method):
    response = getattr(client, method)(comment_url(article))
    assert response.status_code == 405
    assert response["Allow"] == "POST"


def test_unknown_article_is_a_404(client, article):
    response = send(client, reverse("comments:post", kwargs={"slug": "no-such-article"}), form_data(article))
    assert response.status_code == 404


def test_the_confirmation_is_where_the_redirect_lands_inside_the_comments_section(client, article):
    response = post_comment(client, article)
    assert response["Location"].endswith("#comment-sent")
    page = client.get(response["Location"]).content.decode()
    comments = page[page.index('id="comments"') :]
    assert f'id="comment-sent" class="notice notice--success comment-sent" role="status" tabindex="-1">{THANKS}' in comments
    assert page.count(THANKS) == 1  # not also at the top of the page, far from where the reader lands
