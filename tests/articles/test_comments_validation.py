"""Each validation rule, with the reader's input kept and the message next to its field."""

import re

import pytest

from articles.comments.forms import CommentForm, strip_controls
from articles.models import Comment
from tests.support.comments import post_comment
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
