"""The comment form (articles/comments/forms.py): each rule next to its field, cleaning, the
honeypot and the form token."""

import re
import time

import pytest
from django.core import signing

from articles.comments.forms import (
    HONEYPOT_FILLED,
    TOO_FAST,
    TOO_OLD,
    UNVERIFIED_FORM,
    CommentForm,
    check_form_token,
    make_form_token,
    strip_controls,
)
from articles.models import Comment
from tests.support.comments import comment_url, form_data, post_comment, send
from tests.support.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory(published=True)


def _field_error(html, field):
    """The error list tied to ``field`` by aria-describedby, or None."""
    match = re.search(rf'<ul class="errorlist" id="comment_{field}_error">(.*?)</ul>', html, re.S)
    return match.group(1) if match else None


def _described_by(html, field):
    tag = re.search(rf'<(?:input|textarea)[^>]*id="comment_{field}"[^>]*>', html).group(0)
    return re.search(r'aria-describedby="([^"]*)"', tag).group(1).split()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Please give a name"),
        ("name", "   ", "Please give a name"),
        ("name", "N" * 81, "at most 80 characters"),
        ("email", "", "Please give your email address"),
        ("email", "not-an-address", "valid email address"),
        ("email", "a@b", "valid email address"),
        ("body", "", "Please write a comment."),
        ("body", " x ", "too short"),
        ("body", "\x00\x01x\x02", "too short"),  # one character once control characters go
        ("body", "y" * 5001, "too long"),
    ],
)
def test_each_rule_is_explained_next_to_its_field_and_the_input_is_kept(client, article, field, value, message):
    other_text = "Kept text from the other fields."
    overrides = {field: value}
    if field != "body":
        overrides["body"] = other_text
    response = post_comment(client, article, **overrides)
    assert response.status_code == 400
    html = response.content.decode()
    error = _field_error(html, field)
    assert error is not None and message in error
    assert f"comment_{field}_error" in _described_by(html, field)
    assert 'aria-invalid="true"' in re.search(rf'<(?:input|textarea)[^>]*id="comment_{field}"[^>]*>', html).group(0)
    if field != "body":
        assert other_text in html
    if value.strip() and field != "body":
        assert value in html  # what the reader typed is back in the field
    if field == "body" and len(value) > 100:
        assert value in html  # even the over-long text is not lost
    # The page links back to the article and offers a fresh form to send again.
    assert article.get_absolute_url() in html
    assert 'name="token"' in html
    assert not Comment.objects.exists()


def test_limits_are_inclusive(client, article):
    response = post_comment(client, article, name="N" * 80, body="ok")
    assert response.status_code == 302
    assert Comment.objects.get().name == "N" * 80
    response = post_comment(client, article, name="Other", body="z" * 5000)
    assert response.status_code == 302
    assert Comment.objects.count() == 2


def test_length_counts_after_trimming(client, article):
    response = post_comment(client, article, body="   " + "w" * 5000 + "  \n\n ")
    assert response.status_code == 302
    assert Comment.objects.get().body == "w" * 5000


def test_control_characters_are_removed_but_newlines_and_tabs_kept(client, article):
    body = "First line\x00\x07\x1b[31m\r\nSecond\tline\x7f\x85\r\rThird"
    assert post_comment(client, article, body=body, name="Ann\x00\x08 \n Lee").status_code == 302
    comment = Comment.objects.get()
    assert comment.body == "First line[31m\nSecond\tline\n\nThird"
    assert comment.name == "Ann Lee"


def test_text_is_normalised_to_nfc(client, article):
    decomposed = "Almaty cafe\u0301 and A\u030ali"  # e + combining acute, A + combining ring
    assert post_comment(client, article, body=decomposed, name="Zhe\u0301nis").status_code == 302
    comment = Comment.objects.get()
    assert comment.body == "Almaty caf\u00e9 and \u00c5li"
    assert comment.name == "Zhénis"


def test_strip_controls_keeps_letters_of_every_script():
    text = "Қазақстан — Казахстан — كازاخستان — 🇰🇿 ok"
    assert strip_controls(text) == text


def test_email_is_required_and_kept_private_on_the_error_page(client, article):
    response = post_comment(client, article, email="", body="Body without an address")
    assert response.status_code == 400
    assert "Body without an address" in response.content.decode()


def test_form_fields_are_labelled_and_the_honeypot_is_hidden(article):
    html = CommentForm(article=article).as_div()
    for field in ["name", "email", "body", "website"]:
        assert f'for="comment_{field}"' in html
    hp = CommentForm(article=article)["website"].as_widget()
    assert 'tabindex="-1"' in hp and 'autocomplete="off"' in hp


def test_the_article_page_form_is_accessible(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    form = re.search(r'<form class="comment-form".*?</form>', html, re.S).group(0)
    for field, label in [("name", "Your name"), ("email", "Email"), ("body", "Comment")]:
        assert f'<label for="comment_{field}">{label}</label>' in form
        assert f"comment_{field}_helptext" in _described_by(form, field)
    assert 'class="comment-hp"' in form and "Leave this field empty" in form
    assert 'method="post"' in form and "csrfmiddlewaretoken" in form


INVISIBLE = "\u200b\u200d\u2060\u202e\u2066\ufeff"


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
def test_hostile_text_on_the_error_page_is_escaped_too(client, article, payload):
    text, raw_marker, _escaped = payload
    response = post_comment(client, article, body=text, email="not an address")
    assert response.status_code == 400
    html = response.content.decode()
    form_part = html[html.index('id="comment-form"'):]
    if raw_marker:
        assert raw_marker not in form_part


def test_nul_bytes_are_removed_everywhere(client, article):
    response = post_comment(client, article, name="Nul\x00l", body="Null\x00 bytes\x00 gone")
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.name == "Null" and comment.body == "Null bytes gone"


def test_nul_bytes_in_the_email_are_a_field_error(client, article):
    response = post_comment(client, article, email="x\x00@example.org")
    assert response.status_code == 400
    assert not Comment.objects.exists()


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
