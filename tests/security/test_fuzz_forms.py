"""Fuzzing every public form (Hypothesis): the comment form, approved comments as readers
see them, the admin login and the CSP report endpoint. Shared parts: tests/security/fuzzing.py.
"""

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articles.comments import services as comment_services
from articles.comments.forms import make_form_token
from articles.models import Comment
from tests.security.fuzzing import (
    MARK,
    assert_safe,
    encode,
    encoded_value,
    fuzz_world,
    query,
    value,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return fuzz_world()


COMMENT_FIELDS = ["name", "email", "body", "website", "token"]


@given(
    fields=st.lists(st.tuples(st.one_of(st.sampled_from(COMMENT_FIELDS), value), encoded_value), max_size=7),
    good_token=st.booleans(),
)
def test_fuzz_the_comment_form(client, world, fields, good_token):
    article = world.articles[0]
    body = query(fields)
    if good_token:
        body += "&token=" + encode(make_form_token(article, at=time.time() - 30))
    response = client.post(
        f"/articles/{article.slug}/comments/", body, content_type="application/x-www-form-urlencoded"
    )
    assert_safe(response, "comment form")


@given(name=value, body=value, email=st.sampled_from(["a@example.org", f"{MARK}@example.org"]))
def test_fuzz_comments_as_shown_to_readers(client, world, moderator, name, body, email):
    """What readers write, once approved, on the article page and in its feed."""
    article = world.articles[0]
    clean = {key: text.encode("utf-8", "replace").decode("utf-8")[:5000] for key, text in (("name", name), ("body", body))}
    try:
        comment = comment_services.submit_comment(
            article=article, name=clean["name"][:80] or "x", email=email, body=clean["body"] or "xx", client_ip="192.0.2.1"
        )
    except Exception as error:  # noqa: BLE001 - model validation refusing odd text is fine; it must not be a crash path
        from django.core.exceptions import ValidationError

        assert isinstance(error, ValidationError), repr(error)
        return
    comment_services.moderate_comments(comments=[comment], status=Comment.Status.APPROVED, moderator=moderator)
    assert_safe(client.get(article.get_absolute_url()), "article page with comments")
    assert_safe(client.get(f"/feeds/articles/{article.slug}/comments/"), "comment feed")
    comment.delete()  # each example on its own: the page must not grow with every example


@given(fields=st.lists(st.tuples(st.sampled_from(["username", "password", "otp_token", "next"]), encoded_value), max_size=5))
def test_fuzz_the_admin_login_form(client, editor, fields):
    """The one form anyone can reach outside the public pages (the lock's 429 is fine)."""
    response = client.post("/admin/login/", query(fields), content_type="application/x-www-form-urlencoded")
    assert_safe(response, "/admin/login/")
    assert "_auth_user_id" not in client.session


@given(body=st.one_of(value, st.binary(max_size=200)))
def test_fuzz_the_csp_report_endpoint(client, body):
    data = body.encode("utf-8", "surrogatepass") if isinstance(body, str) else body
    assert_safe(client.post("/csp-report/", data[:20_000], content_type="application/csp-report"), "/csp-report/")


