"""The comment endpoint: single-use form tokens, urlencoded bodies under a cap,
405 before CSRF, neutral bot-trap messages."""

import time

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from articles.comments import services
from articles.comments.forms import HONEYPOT_FILLED, TOKEN_USED, make_form_token
from articles.comments.models import UsedFormToken
from articles.models import Comment
from tests.support.comments import comment_url, form_data, send, token_from
from tests.support.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory(published=True)


def test_a_form_token_sends_one_comment(client, article):
    data = form_data(article)
    assert send(client, comment_url(article), data).status_code == 302
    reuses = [send(client, comment_url(article), {**data, "body": f"Another comment, number {n}."}) for n in range(20)]
    assert {response.status_code for response in reuses} == {400}
    html = reuses[-1].content.decode()
    assert TOKEN_USED in html
    assert "Another comment, number 19." in html  # the reader's text is kept ...
    assert token_from(html) != data["token"]  # ... with a fresh form token
    assert Comment.objects.count() == 1
    assert UsedFormToken.objects.get().comment == Comment.objects.get()


def test_the_fresh_token_of_a_refusal_sends_the_new_comment(client, article):
    data = form_data(article)
    send(client, comment_url(article), data)
    refused = send(client, comment_url(article), {**data, "body": "A second thought."})
    fresh = token_from(refused.content.decode())
    assert fresh != data["token"]
    # The fresh token works once a person's few seconds have passed (signed time, as the page's is).
    retry = {**data, "body": "A second thought.", "token": make_form_token(article, at=time.time() - 30)}
    assert send(client, comment_url(article), retry).status_code == 302
    assert Comment.objects.count() == 2


def test_resending_the_same_comment_lands_on_the_stored_one(client, article):
    data = form_data(article)
    first = send(client, comment_url(article), data)
    again = send(client, comment_url(article), data)  # double click, back-and-resend
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    assert Comment.objects.count() == 1


def test_a_used_token_loses_a_race_in_the_database_too(article):
    nonce = "n" * 22
    kwargs = {"article": article, "email": "a@example.org", "client_ip": "192.0.2.1", "form_nonce": nonce}
    services.submit_comment(name="First", body="The first comment.", **kwargs)
    with pytest.raises(ValidationError) as error:
        services.submit_comment(name="Second", body="A different comment.", **kwargs)
    assert error.value.code == "token_used"
    assert Comment.objects.count() == 1
    # The same comment with the same token is the stored one, not an error.
    assert services.submit_comment(name="First", body="The first comment.", **kwargs) == Comment.objects.get()


@pytest.mark.parametrize("method", ["put", "delete", "patch", "get", "head", "options"])
def test_other_methods_get_405_before_csrf(article, method):
    strict = Client(enforce_csrf_checks=True)
    if method in ("get", "head"):
        response = getattr(strict, method)(comment_url(article))
    else:
        response = getattr(strict, method)(comment_url(article), "name=x", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert not Comment.objects.exists()


def test_multipart_is_refused_before_csrf_and_nothing_is_stored(article):
    strict = Client(enforce_csrf_checks=True)  # no CSRF token sent: the 415 comes first
    upload = SimpleUploadedFile("big.bin", b"\0" * (3 * 1024 * 1024))
    response = strict.post(comment_url(article), {**form_data(article), "attachment": upload})
    assert response.status_code == 415
    html = response.content.decode()
    assert "not files" in html
    assert "still in the form you sent it from" in html  # unread: the reader is told where the text is
    assert not Comment.objects.exists()


def test_a_small_multipart_post_is_refused_with_the_readers_text_kept(article):
    strict = Client(enforce_csrf_checks=True)
    upload = SimpleUploadedFile("note.txt", b"a small file")
    data = {**form_data(article), "body": "My whole considered comment.", "attachment": upload}
    response = strict.post(comment_url(article), data)  # multipart/form-data
    assert response.status_code == 415
    html = response.content.decode()
    assert "did not arrive as an ordinary form submission" in html
    assert "My whole considered comment." in html and "aigerim@example.org" in html  # kept, in the form
    fresh = token_from(html)
    assert fresh != data["token"]
    assert not Comment.objects.exists()
    # Sent again as the form sends it (with a token old enough for a person), it is stored.
    retry = {**form_data(article), "body": "My whole considered comment."}
    assert send(Client(), comment_url(article), retry).status_code == 302
    assert Comment.objects.get().body == "My whole considered comment."


def test_a_malformed_multipart_post_is_a_plain_refusal(article):
    response = Client().generic(
        "POST", comment_url(article), b"--x\r\nnot a part", content_type="multipart/form-data; boundary=x"
    )
    assert response.status_code == 415
    assert "still in the form you sent it from" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_declared_huge_body_is_refused_unread(article):
    strict = Client(enforce_csrf_checks=True)
    response = strict.generic(
        "POST", comment_url(article), b"name=x", content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(100 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "still in the form you sent it from" in response.content.decode()
    assert not Comment.objects.exists()


def test_other_content_types_are_refused(client, article):
    for content_type in ["application/json", "text/plain", "application/octet-stream"]:
        response = client.post(comment_url(article), '{"name": "x"}', content_type=content_type)
        assert response.status_code == 415, content_type
    assert not Comment.objects.exists()


def test_the_bot_trap_message_is_neutral(client, article):
    response = send(client, comment_url(article), form_data(article, website="http://spam.example"))
    assert response.status_code == 400
    html = response.content.decode()
    assert HONEYPOT_FILLED in html
    errors = html.split('role="alert"')[1].split("</")[0] if 'role="alert"' in html else HONEYPOT_FILLED
    for word in ("website", "leave", "empty", "honeypot"):
        assert word not in errors.lower()
