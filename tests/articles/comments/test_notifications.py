"""Mail to moderators about new comments (articles/comments/notifications.py)."""

import logging

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from articles.comments import services
from articles.comments.views import THANKS
from articles.models import Comment
from tests.support.comments import comment_url, form_data, post_comment, send
from tests.support.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory(published=True, title="Kazakhstan, the CSTO and Russia")


@pytest.fixture
def moderator_with_mail(moderator):
    moderator.email = "mona@kzportal.example"
    moderator.save()
    return moderator


def test_moderators_are_mailed_after_the_comment_is_committed(
    client, article, moderator_with_mail, editor, django_capture_on_commit_callbacks
):
    editor.email = "eddie@kzportal.example"
    editor.save()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = post_comment(client, article, body="Worth reading twice.", email="reader@example.org")
    assert response.status_code == 302
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["mona@kzportal.example"]  # Moderators, not Editors
    assert "Kazakhstan, the CSTO and Russia" in message.subject
    comment = Comment.objects.get()
    assert f"http://testserver{reverse('admin:articles_comment_change', args=[comment.pk])}" in message.body
    assert "Worth reading twice." in message.body
    assert "reader@example.org" not in message.body + message.subject + " ".join(message.to)


def test_no_mail_before_the_transaction_commits(client, article, moderator_with_mail, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post_comment(client, article)
    assert len(callbacks) == 1
    assert mail.outbox == []


def test_a_resubmission_mails_only_once(client, article, moderator_with_mail, django_capture_on_commit_callbacks):
    data = form_data(article)
    with django_capture_on_commit_callbacks(execute=True):
        send(client, comment_url(article), data)
        send(client, comment_url(article), data)
    assert Comment.objects.count() == 1
    assert len(mail.outbox) == 1


def test_spam_signals_are_in_the_mail(client, article, moderator_with_mail, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, article, body="http://a.example http://b.example")
    assert "Likely spam: 2 links" in mail.outbox[0].body


def test_inactive_moderators_and_moderators_without_an_address_are_skipped(
    client, article, moderator_with_mail, django_user_model, django_capture_on_commit_callbacks
):
    group = Group.objects.get(name="Moderators")
    gone = django_user_model.objects.create_user("gone", email="gone@kzportal.example", is_active=False)
    silent = django_user_model.objects.create_user("silent", email="")
    group.user_set.add(gone, silent)
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, article)
    assert mail.outbox[0].to == ["mona@kzportal.example"]


def test_without_moderators_the_managers_are_told(client, article, settings, django_capture_on_commit_callbacks):
    settings.MANAGERS = [("Desk", "desk@kzportal.example")]
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, article)
    assert mail.outbox[0].to == ["desk@kzportal.example"]


def test_with_nobody_to_tell_the_comment_is_still_stored(client, article, caplog, django_capture_on_commit_callbacks):
    with caplog.at_level(logging.WARNING), django_capture_on_commit_callbacks(execute=True):
        response = post_comment(client, article)
    assert response.status_code == 302
    assert Comment.objects.count() == 1
    assert mail.outbox == []
    assert "no moderator has an email address" in caplog.text


def test_a_failing_mail_server_keeps_the_comment_and_thanks_the_reader(
    client, article, moderator_with_mail, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.articles.test_comments_notifications.FailingBackend"
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        response = post_comment(client, article, body="Must not be lost.")
    assert response.status_code == 302
    assert Comment.objects.get().body == "Must not be lost."
    assert "Could not notify moderators" in caplog.text
    followed = client.get(response["Location"])
    assert followed.status_code == 200
    assert THANKS in followed.content.decode()


def test_a_failing_mail_server_does_not_break_the_service(article, moderator_with_mail, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.articles.test_comments_notifications.FailingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        comment = services.submit_comment(
            article=article, name="R", email="r@example.org", body="Kept", client_ip="192.0.2.1"
        )
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.PENDING


BODY = '<script>alert(1)</script> <a href="javascript:alert(2)">x</a>'


@pytest.fixture
def csto_article():
    return ArticleFactory(published=True, title="Kazakhstan and the CSTO")


def test_the_moderators_mail_is_plain_text_with_one_line_headers(
    client, csto_article, moderator, django_capture_on_commit_callbacks
):
    moderator.email = "mona@kzportal.example"
    moderator.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = post_comment(client, csto_article, name="Evil\r\nBcc: victim@example.org", body=BODY)
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.content_subtype == "plain" and not getattr(message, "alternatives", [])
    assert message.to == ["mona@kzportal.example"] and not message.bcc
    assert "\n" not in message.subject
    assert "victim@example.org" not in str(message.message()["Bcc"] or "")
