"""Hostile input and abuse: never a 500, never rendered as markup, nothing typed lost."""

import hashlib
import re
import threading
import time

import pytest
from django.conf import settings as django_settings
from django.contrib.messages import get_messages
from django.core import signing
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from articles.comments import ratelimit, services
from articles.comments.forms import (
    HONEYPOT_FILLED,
    TOO_FAST,
    TOO_OLD,
    UNVERIFIED_FORM,
    check_form_token,
    make_form_token,
)
from articles.comments.views import THANKS, TOO_MANY
from articles.models import BlocklistTerm, Comment
from tests.factories import ArticleFactory

from .comments_support import comment_url, form_data, post_comment, send

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory(published=True)


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


@pytest.mark.parametrize("payload", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_text_on_the_error_page_is_escaped_too(client, article, payload):
    text, raw_marker, _escaped = payload
    response = post_comment(client, article, body=text, email="not an address")
    assert response.status_code == 400
    html = response.content.decode()
    form_part = html[html.index('id="comment-form"'):]
    if raw_marker:
        assert raw_marker not in form_part


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


def test_nul_bytes_are_removed_everywhere(client, article):
    response = post_comment(client, article, name="Nul\x00l", body="Null\x00 bytes\x00 gone")
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.name == "Null" and comment.body == "Null bytes gone"


def test_nul_bytes_in_the_email_are_a_field_error(client, article):
    response = post_comment(client, article, email="x\x00@example.org")
    assert response.status_code == 400
    assert not Comment.objects.exists()


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


@pytest.mark.parametrize("missing", ["name", "email", "body", "token", "website"])
def test_missing_fields_give_a_clear_message(client, article, missing):
    data = form_data(article)
    del data[missing]
    response = send(client, comment_url(article), data)
    if missing == "website":  # an absent honeypot is an empty one
        assert response.status_code == 302
        return
    assert response.status_code == 400
    html = response.content.decode()
    assert "errorlist" in html or "comment-errors" in html
    assert not Comment.objects.exists()


def test_an_empty_post_is_a_400_with_messages(client, article):
    response = send(client, comment_url(article), {})
    assert response.status_code == 400
    assert "Please write a comment." in response.content.decode()


@pytest.mark.parametrize("method", ["get", "put", "delete", "patch"])
def test_only_post_is_allowed(client, article, method):
    response = getattr(client, method)(comment_url(article))
    assert response.status_code == 405
    assert response["Allow"] == "POST"


def test_unknown_article_is_a_404(client, article):
    response = send(client, reverse("comments:post", kwargs={"slug": "no-such-article"}), form_data(article))
    assert response.status_code == 404


def test_honeypot_filled_is_refused_and_the_text_kept(client, article):
    response = post_comment(client, article, website="http://spam.example", body="Bot or person?")
    assert response.status_code == 400
    html = response.content.decode()
    assert HONEYPOT_FILLED in html
    # Neutral: the message does not name the trap (the field's label is elsewhere on the page).
    assert "leave" not in HONEYPOT_FILLED.lower() and "website" not in HONEYPOT_FILLED.lower()
    assert "Bot or person?" in html
    assert "http://spam.example" not in html  # the re-shown form has an empty honeypot
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("seconds_ago", "message"),
    [(0, TOO_FAST), (24 * 3600 + 60, TOO_OLD), (-3600, TOO_FAST)],
    ids=["instant", "over-a-day", "from-the-future"],
)
def test_too_fast_or_expired_forms_are_refused_and_the_text_kept(client, article, seconds_ago, message):
    response = post_comment(client, article, seconds_ago=seconds_ago, body="Typed with care.")
    assert response.status_code == 400
    html = response.content.decode()
    assert message.split(":")[0] in html.replace("&#x27;", "'")
    assert "Typed with care." in html
    assert not Comment.objects.exists()


def test_the_token_limits_are_three_seconds_and_one_day(article):
    token = make_form_token(article, at=1_000_000)
    assert check_form_token(article, token, now=1_000_002.9) == TOO_FAST
    assert check_form_token(article, token, now=1_000_003) is None
    assert check_form_token(article, token, now=1_000_000 + 86_400) is None
    assert check_form_token(article, token, now=1_000_000 + 86_401) == TOO_OLD


def test_a_form_filled_in_three_seconds_or_just_under_a_day_is_accepted(client, article):
    assert post_comment(client, article, seconds_ago=4, body="Quick but human.").status_code == 302
    assert post_comment(client, article, seconds_ago=24 * 3600 - 60, body="Came back later.").status_code == 302
    assert Comment.objects.count() == 2


@pytest.mark.parametrize("token", ["", "garbage", "1700000000", "e30:1abc:forged"])
def test_missing_or_forged_tokens_are_refused(client, article, token):
    response = post_comment(client, article, token=token)
    assert response.status_code == 400
    assert UNVERIFIED_FORM.split(".")[0] in response.content.decode()


def test_a_token_from_another_article_is_refused(client, article):
    other = ArticleFactory(published=True)
    response = post_comment(client, article, token=make_form_token(other, at=time.time() - 30))
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_the_refused_page_offers_a_fresh_token_that_works(client, article):
    response = post_comment(client, article, seconds_ago=0)
    fresh = re.search(r'name="token" value="([^"]+)"', response.content.decode()).group(1)
    issued, _nonce = signing.loads(fresh, salt=f"kzportal.comments.form:{article.pk}")
    assert abs(issued - time.time()) < 5


def test_rate_limit_refuses_the_next_comment_and_keeps_the_text(client, article, settings):
    settings.KZ_COMMENT_RATE = "2/10m"
    assert post_comment(client, article, body="first comment").status_code == 302
    assert post_comment(client, article, body="second comment").status_code == 302
    response = post_comment(client, article, body="third comment, too many")
    assert response.status_code == 429
    html = response.content.decode()
    assert TOO_MANY.split(";")[0] in html
    assert "third comment, too many" in html
    assert Comment.objects.count() == 2


def test_rate_limit_is_per_client_address_and_ignores_forwarded_headers(client, article, settings):
    settings.KZ_COMMENT_RATE = "1/1h"
    assert post_comment(client, article, body="from the first client").status_code == 302
    # Claiming another address in X-Forwarded-For does not reset the limit.
    response = send(client, comment_url(article), form_data(article, body="spoofed"), HTTP_X_FORWARDED_FOR="203.0.113.9"
    )
    assert response.status_code == 429
    # Another client address has its own allowance.
    response = send(client, comment_url(article), form_data(article, body="another client"), REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302


def test_rate_limit_window_expires(settings):
    settings.KZ_COMMENT_RATE = "2/1s"
    assert ratelimit.hit("client")
    assert ratelimit.hit("client")
    assert not ratelimit.hit("client")
    assert ratelimit.hit("another-client")
    time.sleep(1.1)
    assert ratelimit.hit("client")


@pytest.mark.parametrize(
    ("value", "limit", "period"),
    [("5/10m", 5, 600), ("20/h", 20, 3600), ("1/1s", 1, 1), ("100/2d", 100, 172800), (" 3 / 30 s ", 3, 30)],
)
def test_rate_format(value, limit, period):
    assert ratelimit.parse_rate(value) == ratelimit.Rate(limit=limit, period=period)


@pytest.mark.parametrize("value", ["", "5", "5/10", "five/10m", "5/10w", "0/10m", "5/0m", "-1/1m", "5/m10"])
def test_a_malformed_rate_fails_the_system_check(settings, value):
    with pytest.raises(ImproperlyConfigured):
        ratelimit.parse_rate(value)
    settings.KZ_COMMENT_RATE = value
    errors = [e for e in run_checks() if e.id == "kzportal.E001"]
    assert len(errors) == 1
    assert "KZ_COMMENT_RATE" in errors[0].msg


def test_the_configured_rate_passes_the_system_check():
    assert not [e for e in run_checks() if e.id == "kzportal.E001"]


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


def test_two_links_flag_the_comment_but_it_is_kept_pending(client, article):
    post_comment(client, article, body="Buy at http://a.example and www.b.example now")
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert "2 links" in comment.spam_reasons


def test_one_link_is_not_a_spam_signal(client, article):
    post_comment(client, article, body="Source: https://example.org/report")
    assert Comment.objects.get().spam_reasons == ""


def test_blocklist_terms_flag_case_insensitively(client, article):
    BlocklistTerm.objects.create(term="Crypto Casino")
    post_comment(client, article, body="Visit our CRYPTO casino today")
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert "blocklist: Crypto Casino" in comment.spam_reasons


def test_a_blocklist_term_in_the_name_flags_too(client, article):
    BlocklistTerm.objects.create(term="viagra")
    post_comment(client, article, name="Cheap VIAGRA")
    assert "blocklist" in Comment.objects.get().spam_reasons


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
