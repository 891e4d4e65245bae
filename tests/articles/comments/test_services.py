"""The comment services (articles/comments/services.py): one comment per submission, the client
address kept only as a keyed hash."""

import hashlib
import threading
import time

import pytest
from django.contrib.messages import get_messages
from django.db import IntegrityError, connection, transaction

from articles.comments import services
from articles.comments.views import THANKS
from articles.models import Comment
from tests.support.comments import comment_url, form_data, post_comment, send
from tests.support.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory(published=True)


def test_double_submission_stores_one_comment_and_thanks_both_times(client, article):
    data = form_data(article, body="Clicked twice")
    first = send(client, comment_url(article), data)
    second = send(client, comment_url(article), data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert {str(m) for m in get_messages(second.wsgi_request)} == {THANKS}
    assert Comment.objects.count() == 1


def test_resubmission_with_a_new_token_and_other_whitespace_is_still_one_comment(client, article):
    post_comment(client, article, body="Same words", name="Reader")
    post_comment(client, article, body="  Same words \r\n", name=" Reader ", seconds_ago=60)
    assert Comment.objects.count() == 1


def test_the_service_returns_the_stored_comment_for_a_resubmission(article):
    kwargs = {"article": article, "name": "R", "email": "r@example.org", "body": "Twice", "client_ip": "192.0.2.1"}
    first = services.submit_comment(**kwargs)
    second = services.submit_comment(**kwargs)
    assert first.pk == second.pk
    assert Comment.objects.count() == 1


def test_the_database_refuses_a_second_copy(article):
    comment = services.submit_comment(
        article=article, name="R", email="r@example.org", body="Once", client_ip="192.0.2.1"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(article=article, name="R", email="r@example.org", body="Once", fingerprint=comment.fingerprint)


def test_the_client_address_is_stored_only_as_a_keyed_hash(client, article):
    send(client, comment_url(article), form_data(article), REMOTE_ADDR="203.0.113.42")
    comment = Comment.objects.get()
    assert "203.0.113.42" not in comment.ip_hash
    assert len(comment.ip_hash) == 64
    assert comment.ip_hash == services.hash_client_ip("203.0.113.42")
    assert comment.ip_hash != services.hash_client_ip("203.0.113.43")
    assert comment.ip_hash != hashlib.sha256(b"203.0.113.42").hexdigest()  # keyed, not a plain hash


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL (.ci/run)")
def test_two_identical_submissions_racing_store_one_comment():
    """B checks for a copy before A commits, so only the unique constraint can stop the second row."""
    article = ArticleFactory(published=True)
    kwargs = {"article": article, "name": "R", "email": "r@example.org", "body": "Raced", "client_ip": "192.0.2.1"}
    a_inserted, b_started = threading.Event(), threading.Event()
    results, errors = {}, []

    def first():
        try:
            with transaction.atomic():
                results["a"] = services.submit_comment(**kwargs)
                a_inserted.set()
                b_started.wait(5)
                time.sleep(0.5)  # B is now blocked on the unique index, waiting for this commit
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    def second():
        try:
            a_inserted.wait(5)
            b_started.set()
            results["b"] = services.submit_comment(**kwargs)
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(15)
    assert errors == []
    assert results["a"].pk == results["b"].pk
    assert Comment.objects.filter(body="Raced").count() == 1


def test_the_service_cleans_control_characters_like_the_form_for_any_caller(article):
    # A caller other than the form (the shell, an import) once stored NUL bytes, which
    # PostgreSQL refuses with a server error; the service applies the form's rule itself.
    comment = services.submit_comment(
        article=article, name="Nul\x00l", email="", body="Null\x00 bytes\x07 gone", client_ip="192.0.2.9"
    )
    comment.refresh_from_db()
    assert (comment.name, comment.body) == ("Null", "Null bytes gone")
    imported = services.import_comment(article=article, name="Orig\x00inal", body="Copied\x00 text")
    imported.refresh_from_db()
    assert (imported.name, imported.body) == ("Original", "Copied text")
