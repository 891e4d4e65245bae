"""The leak tests of the pages (tests/articles/pages/test_leaks_*.py), over every API
endpoint and the ClaimReview feed: no unpublished piece in any state, no citation that
needs review, no comment e-mail or hash, no staff account shows or counts anywhere."""

import json

import pytest

from articles.models import Citation
from tests.articles.pages.test_leaks_reference import world  # noqa: F401  (the same world as the pages)
from tests.support.factories import CommentFactory

pytestmark = pytest.mark.django_db

RESOURCES = ["articles", "claims", "citations", "actors", "themes", "events", "authors", "publications"]


def every_endpoint(client):
    """{url: body} for every list, every object's detail, the feed and the schema."""
    bodies = {}
    for name in RESOURCES:
        url = f"/api/v1/{name}/?limit=200"
        data = client.get(url).json()
        bodies[url] = data
        for item in data["results"]:
            detail = f"/api/v1/{name}/{item['id']}/"
            response = client.get(detail)
            assert response.status_code == 200, detail
            bodies[detail] = response.json()
    for url in ("/api/v1/claimreview/", "/api/v1/openapi.json"):
        bodies[url] = client.get(url).json()
    return bodies


def test_no_unpublished_piece_shows_in_any_endpoint(client, world):  # noqa: F811
    for url, body in every_endpoint(client).items():
        text = json.dumps(body, ensure_ascii=False)
        for article in world["hidden"]:
            assert article.title not in text, (url, article.title)
            assert f'"{article.slug}"' not in text and f"/{article.slug}/" not in text, (url, article.slug)
    for article in world["hidden"]:
        assert client.get(f"/api/v1/articles/{article.pk}/").status_code == 404
        assert client.get("/api/v1/articles/", {"slug": article.slug}).json()["results"] == []


def test_a_citation_needing_review_shows_and_counts_nowhere(client, world):  # noqa: F811
    review = Citation.objects.needing_review().get()
    assert client.get(f"/api/v1/citations/{review.pk}/").status_code == 404
    for url, body in every_endpoint(client).items():
        assert "quickly came to the government" not in json.dumps(body), url
    claim = client.get(f"/api/v1/claims/{world['claim'].pk}/").json()
    assert claim["stance_counts"] == {"agree": 1, "report": 0, "dispute": 0}
    assert (claim["cited_in"], claim["passage_count"]) == (1, 1)


def test_counts_are_of_published_commentary_only(client, world):  # noqa: F811
    actors = {a["slug"]: a["article_count"] for a in client.get("/api/v1/actors/").json()["results"]}
    assert actors == {"hub": 1, "partner": 1, "zed-hidden": 0}
    themes = {t["slug"]: t["article_count"] for t in client.get("/api/v1/themes/").json()["results"]}
    assert themes == {"shared": 1, "zed-theme": 0}
    authors = [a["slug"] for a in client.get("/api/v1/authors/").json()["results"]]
    assert authors == ["byline"], "a contributor only to unpublished round-ups is not listed"
    [event] = client.get("/api/v1/events/").json()["results"]
    assert [a["slug"] for a in event["articles"]] == ["published-piece"]
    assert [c["article"]["slug"] for c in client.get("/api/v1/citations/").json()["results"]] == ["published-piece"]
    for slug in ("byline", "contributor"):
        assert all(hidden.slug not in json.dumps(client.get("/api/v1/articles/", {"author": slug}).json())
                   for hidden in world["hidden"])


def test_no_comment_e_mail_hash_or_unapproved_text_and_no_staff_data(client, world, editor, django_user_model):  # noqa: F811
    published = world["hidden"][0].__class__.objects.published().get()
    CommentFactory(article=published, status="approved", email="approved-reader@example.org",
                   ip_hash="a1b2" * 16, fingerprint="c3d4" * 16)
    CommentFactory(article=published, status="pending", body="Pendingcomment text", email="pending@example.org")
    editor.email = "eddie-the-editor@example.org"
    editor.save()
    anonymous = every_endpoint(client)
    client.force_login(editor)
    as_staff = every_endpoint(client)
    assert as_staff == anonymous, "a staff session sees exactly what anyone sees"
    anonymous.pop("/api/v1/openapi.json")  # the schema names the error body's "status" field
    text = json.dumps(anonymous)
    for secret in ("approved-reader@example.org", "a1b2" * 16, "c3d4" * 16, "pending@example.org",
                   "Pendingcomment", "eddie", "moderated_by", "ip_hash", "fingerprint", '"email"', '"status"', "live_from"):
        assert secret not in text, secret
    article = client.get(f"/api/v1/articles/{published.pk}/").json()
    assert article["comment_count"] == 1
