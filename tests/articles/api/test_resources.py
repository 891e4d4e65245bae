"""The resources as a program sees them: stable ids, canonical URLs, the site's filters."""

import pytest

pytestmark = pytest.mark.django_db


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, (url, response.content[:500])
    return response.json()


def test_an_article_carries_its_authors_publication_themes_actors_sections_and_citations(client, graph):
    data = get(client, f"/api/v1/articles/{graph['second'].pk}/")
    assert data["id"] == graph["second"].pk
    assert data["url"] == "http://testserver/articles/round-up/"
    assert [a["slug"] for a in data["authors"]] == ["alica"]
    assert data["publication"]["name"] == "The Diplomat"
    assert [t["slug"] for t in data["themes"]] == ["security"]
    assert [(a["slug"], a["mentions"]) for a in data["actors"]] == [("csto", 2)]
    assert data["sections"] == [{"order": 1, "heading": "On the CSTO", "author": {
        "id": graph["expert"].pk, "slug": "expert", "name": "Round-up Expert", "url": "http://testserver/authors/expert/"},
        "url": "http://testserver/articles/round-up/#contribution-1"}]
    assert [c["stance"] for c in data["citations"]] == ["supports"]
    assert data["citations"][0]["url"].startswith("http://testserver/articles/round-up/#p")


def test_a_claim_has_its_claimant_verdict_rationale_and_stance_counts(client, graph):
    data = get(client, f"/api/v1/claims/{graph['claim'].pk}/")
    assert data["claimant"] == {"type": "actor", "id": graph["kz"].pk, "slug": "kazakhstan", "name": "Kazakhstan",
                                "url": "http://testserver/actors/kazakhstan/"}
    assert (data["verdict"], data["verdict_label"], data["rationale"]) == ("supported", "Supported", "Every source agrees.")
    assert data["stance_counts"] == {"agree": 2, "report": 0, "dispute": 0}
    assert (data["cited_in"], data["passage_count"]) == (2, 2)
    assert [a["slug"] for a in data["about"]] == ["csto"]


def test_an_actor_has_kinds_aliases_and_dated_relations(client, graph):
    data = get(client, "/api/v1/actors/", slug="kazakhstan")["results"][0]
    assert data["kind"] == "country"
    assert data["relations"][0]["kind"] == "member_of"
    assert data["relations"][0]["object"]["slug"] == "csto"
    assert data["relations"][0]["start_date"] == "1994-04-20"
    csto = get(client, "/api/v1/actors/", slug="csto")["results"][0]
    assert csto["aliases"] == ["Collective Security Treaty Organization"]
    assert csto["article_count"] == 2


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"theme": "security"}, ["troops-arrive", "round-up"]),
        ({"actor": "csto"}, ["troops-arrive", "round-up"]),
        ({"author": "expert"}, ["round-up"]),
        ({"publication": "the-diplomat"}, ["troops-arrive", "round-up"]),
        ({"date_after": "2022-01-10"}, ["round-up"]),
        ({"date_before": "2022-01-10"}, ["troops-arrive"]),
        ({"language": "ru"}, ["round-up"]),
        ({"updated_since": "2999-01-01T00:00:00Z"}, []),
        ({"actor": "nobody"}, []),
    ],
)
def test_articles_filter_like_the_site(client, graph, params, expected):
    assert [a["slug"] for a in get(client, "/api/v1/articles/", **params)["results"]] == expected


def test_articles_filter_by_the_claim_they_cite(client, graph):
    data = get(client, "/api/v1/articles/", claim=graph["claim"].pk)
    assert len(data["results"]) == 2


def test_cursor_pages_walk_every_object_once(client, graph):
    seen, url = [], "/api/v1/articles/?limit=1"
    while url:
        data = client.get(url).json()
        seen += [a["id"] for a in data["results"]]
        url = data["next"]
    assert seen == sorted([graph["first"].pk, graph["second"].pk])


def test_every_list_answers(client, graph):
    for name in ("articles", "claims", "citations", "actors", "themes", "events", "authors", "publications"):
        data = get(client, f"/api/v1/{name}/")
        assert data["results"], name
        assert all(item["url"].startswith("http://testserver/") for item in data["results"]), name


def test_the_claimreview_feed_lists_assessed_claims(client, graph):
    data = get(client, "/api/v1/claimreview/")
    assert data["@type"] == "DataFeed"
    [review] = data["dataFeedElement"]
    assert review["@type"] == "ClaimReview"
    assert review["reviewRating"]["alternateName"] == "Supported"
    assert review["itemReviewed"]["text"] == "Tokayev invited the CSTO."
    assert len(review["itemReviewed"]["appearance"]) == 2
