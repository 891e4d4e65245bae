"""
Fuzzing every public form (Hypothesis): the comment form, the newsletter sign-up,
data request, confirmation, unsubscribe and deletion, the article rating, the
admin login and the CSP report endpoint, as raw urlencoded bodies; one endpoint per
test (1,000 examples each in CI, see test_fuzz_pages.py). Half the examples carry a
valid signed form token, so they reach past the token check into the real work.
No 5xx, no executable markup (``tests.security.fuzzing.assert_safe``).
"""

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articles.comments import services as comment_services
from articles.comments.forms import make_form_token, make_signed_token
from articles.models import Comment
from articles.newsletter.forms import DATA_SALT, SIGNUP_SALT
from articles.ratings.forms import token_salt as rating_salt
from tests.security.fuzzing import MARK, assert_safe, encode, encoded_value, query, value

# Every test requests the module's shared world (tests/security/conftest.py), even one
# that does not use it, so none sees data it did not ask for.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("world")]

URLENCODED = "application/x-www-form-urlencoded"


@pytest.fixture
def unlimited(settings):
    """Rate limits would turn most examples into 429s and leave the forms' own code unfuzzed."""
    settings.KZ_COMMENT_RATE = "1000000/1m"
    settings.KZ_NEWSLETTER_RATE = "1000000/1m"
    settings.KZ_RATING_RATE = "1000000/1m"


def fields_of(names):
    return st.lists(st.tuples(st.one_of(st.sampled_from(names), value), encoded_value), max_size=7)


def post(client, url, fields, token=None):
    body = query(fields)
    if token is not None:
        body += "&token=" + encode(token)
    return client.post(url, body, content_type=URLENCODED)


def _comment_token(world):
    return make_form_token(world.articles[0], at=time.time() - 30)


def _rating_token(world):
    return make_signed_token(rating_salt(world.articles[0]), at=time.time() - 30)


FORMS = {
    # name: (address, field names, a valid token for the form or None)
    "comment": (
        lambda world: f"/articles/{world.articles[0].slug}/comments/",
        ["name", "email", "body", "website", "token"],
        _comment_token,
    ),
    "rating": (
        lambda world: f"/articles/{world.articles[0].slug}/rating/",
        ["score", "token"],
        _rating_token,
    ),
    "newsletter sign-up": (
        lambda world: "/newsletter/",
        ["email", "scope", "themes", "actors", "frequency", "website", "token"],
        lambda world: make_signed_token(SIGNUP_SALT, at=time.time() - 30),
    ),
    "newsletter data request": (
        lambda world: "/newsletter/data/",
        ["email", "website", "token"],
        lambda world: make_signed_token(DATA_SALT, at=time.time() - 30),
    ),
    "Russian comment": (
        lambda world: f"/ru/articles/{world.articles[0].slug}/comments/",
        ["name", "email", "body", "website", "token"],
        _comment_token,
    ),
}


@pytest.mark.parametrize("form", list(FORMS))
@given(data=st.data(), good_token=st.booleans())
def test_fuzz_each_reader_form(client, world, unlimited, form, data, good_token):
    address, names, token = FORMS[form]
    fields = data.draw(fields_of(names), label="fields")
    assert_safe(post(client, address(world), fields, token(world) if good_token else None), form)


def multipart(fields, boundary):
    parts = [
        b"--"
        + boundary
        + b'\r\nContent-Disposition: form-data; name="'
        + name.encode("utf-8", "surrogatepass")
        + b'"\r\n\r\n'
        + text.encode("utf-8", "surrogatepass")
        + b"\r\n"
        for name, text in fields
    ]
    return b"".join(parts) + b"--" + boundary + b"--\r\n"


@given(
    fields=st.lists(
        st.tuples(st.one_of(st.sampled_from(["name", "email", "body"]), value), value), max_size=5
    ),
    boundary=st.one_of(st.just(b"kzboundary"), st.binary(min_size=1, max_size=30)),
    raw=st.one_of(st.none(), st.binary(max_size=300)),
)
def test_fuzz_multipart_posts_to_the_comment_form(client, world, fields, boundary, raw):
    """Multipart is refused, a small one after reading its text back into the form: that read must hold up too."""
    body = raw if raw is not None else multipart(fields, boundary)
    content_type = "multipart/form-data; boundary=" + boundary.decode("latin-1")
    response = client.generic(
        "POST", f"/articles/{world.articles[0].slug}/comments/", body, content_type=content_type
    )
    assert_safe(response, "multipart comment")
    if body:  # an empty post has nothing to parse: it is the form's own 400, whatever its type
        assert response.status_code in (413, 415)


TOKEN_FORMS = ["/newsletter/confirm/{}/", "/newsletter/unsubscribe/{}/", "/newsletter/data/{}/delete/"]


@pytest.mark.parametrize("route", TOKEN_FORMS)
@given(segment=encoded_value, fields=fields_of(["token", "List-Unsubscribe", "confirm"]))
def test_fuzz_each_form_behind_a_mailed_link(client, world, unlimited, route, segment, fields):
    assert_safe(post(client, route.format(segment or "x"), fields), route)


@given(name=value, body=value, email=st.sampled_from(["a@example.org", f"{MARK}@example.org"]))
def test_fuzz_comments_as_shown_to_readers(client, world, moderator, name, body, email):
    """What readers write, once approved, on the article page and in its feed."""
    article = world.articles[0]
    clean = {
        key: text.encode("utf-8", "replace").decode("utf-8")[:5000]
        for key, text in (("name", name), ("body", body))
    }
    try:
        comment = comment_services.submit_comment(
            article=article,
            name=clean["name"][:80] or "x",
            email=email,
            body=clean["body"] or "xx",
            client_ip="192.0.2.1",
        )
    except Exception as error:  # noqa: BLE001 - model validation refusing odd text is fine; it must not be a crash path
        from django.core.exceptions import ValidationError

        assert isinstance(error, ValidationError), repr(error)
        return
    comment_services.moderate_comments(
        comments=[comment], status=Comment.Status.APPROVED, moderator=moderator
    )
    assert_safe(client.get(article.get_absolute_url()), "article page with comments")
    assert_safe(client.get(f"/feeds/articles/{article.slug}/comments/"), "comment feed")
    comment.delete()  # each example on its own: the page must not grow with every example


@given(
    fields=st.lists(
        st.tuples(st.sampled_from(["username", "password", "otp_token", "next"]), encoded_value), max_size=5
    )
)
def test_fuzz_the_admin_login_form(client, editor, fields):
    """The one form anyone can reach outside the public pages (the lock's 429 is fine)."""
    response = client.post("/admin/login/", query(fields), content_type=URLENCODED)
    assert_safe(response, "/admin/login/")
    assert "_auth_user_id" not in client.session


@given(body=st.one_of(value, st.binary(max_size=200)))
def test_fuzz_the_csp_report_endpoint(client, body):
    data = body.encode("utf-8", "surrogatepass") if isinstance(body, str) else body
    assert_safe(
        client.post("/csp-report/", data[:20_000], content_type="application/csp-report"), "/csp-report/"
    )


def test_a_valid_token_gets_each_form_past_its_checks(client, world, unlimited):
    """The 'good token' half of the fuzz really reaches the forms' work: a well-formed
    submission with such a token is accepted (302), not refused as unchecked."""
    good = {
        "comment": [("name", "Reader"), ("email", "r@example.org"), ("body", "A fair point, well made.")],
        "rating": [("score", "4")],
        "newsletter sign-up": [("email", "r@example.org"), ("scope", "all"), ("frequency", "weekly")],
        "newsletter data request": [("email", "r@example.org")],
    }
    for form, fields in good.items():
        address, _names, token = FORMS[form]
        response = post(client, address(world), fields, token(world))
        assert response.status_code == 302, (form, response.status_code, response.content[:500])
