"""Good HTTP citizenship: conditional requests, caching, CORS, the rate limit and JSON errors."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_a_repeated_request_with_its_etag_gets_a_304_without_a_body(client, graph):
    first = client.get("/api/v1/articles/")
    assert first.status_code == 200 and first["ETag"].startswith('W/"')
    assert first["Cache-Control"] == "public, max-age=300"
    again = client.get("/api/v1/articles/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"] and again["Access-Control-Allow-Origin"] == "*"


def test_a_change_to_the_data_changes_the_etag(client, graph):
    before = client.get("/api/v1/articles/")["ETag"]
    graph["first"].title = "Troops arrive in Almaty"
    graph["first"].save()
    after = client.get("/api/v1/articles/", HTTP_IF_NONE_MATCH=before)
    assert after.status_code == 200 and after["ETag"] != before


def test_last_modified_is_the_latest_change_and_if_modified_since_gets_a_304(client, graph):
    response = client.get(f"/api/v1/articles/{graph['first'].pk}/")
    stamp = response["Last-Modified"]
    assert stamp.endswith("GMT")
    assert client.get(f"/api/v1/articles/{graph['first'].pk}/", HTTP_IF_MODIFIED_SINCE=stamp).status_code == 304
    assert client.get(f"/api/v1/articles/{graph['first'].pk}/",
                      HTTP_IF_MODIFIED_SINCE="Sat, 01 Jan 2000 00:00:00 GMT").status_code == 200


def test_any_site_may_read_the_api_and_a_preflight_is_answered(client, graph):
    response = client.get("/api/v1/claims/", HTTP_ORIGIN="https://factcheck.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options("/api/v1/claims/", HTTP_ORIGIN="https://factcheck.example",
                               HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
                               HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match")
    assert preflight.status_code == 204
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "If-None-Match" in preflight["Access-Control-Allow-Headers"]


def test_writing_is_refused_with_a_json_405(client, graph):
    response = client.post("/api/v1/articles/", {"title": "x"})
    assert response.status_code == 405
    assert response.json()["status"] == 405


@override_settings(KZ_API_RATE="3/min")
def test_a_client_over_the_rate_limit_gets_a_json_429_with_retry_after(client, graph):
    for _ in range(3):
        assert client.get("/api/v1/themes/").status_code == 200
    refused = client.get("/api/v1/themes/")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json() == {"status": 429, "detail": "Too many requests: please wait before asking again."}
    assert refused["Cache-Control"] == "no-store"
    # Another client is counted on its own.
    assert client.get("/api/v1/themes/", REMOTE_ADDR="192.0.2.7").status_code == 200


def test_a_malformed_filter_is_a_json_400_naming_the_parameter(client, graph):
    response = client.get("/api/v1/articles/", {"date_after": "yesterday", "claim": "many"})
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400 and set(body["errors"]) == {"date_after", "claim"}


@pytest.mark.parametrize("url", ["/api/v1/articles/", "/api/v1/claims/", "/api/v1/actors/", "/api/v1/events/"])
def test_updated_since_takes_any_iso_offset_and_refuses_a_time_past_year_9999(client, graph, url):
    # ISO 8601 allows offsets up to a day; PostgreSQL only up to 16 hours (a 500 there).
    far_west = client.get(url, {"updated_since": "1830-04-23T22:32:48-22:50"})
    assert far_west.status_code == 200
    assert client.get(url, {"updated_since": "2999-01-01T00:00:00-22:50"}).json()["results"] == []
    response = client.get(url, {"updated_since": "9999-12-31T23:59:00-23:00"})
    assert response.status_code == 400 and "updated_since" in response.json()["errors"]


def test_a_bad_cursor_is_a_json_400(client, graph):
    response = client.get("/api/v1/articles/", {"cursor": "not-a-cursor"})
    assert response.status_code == 400 and "cursor" in response.json()["errors"]


@pytest.mark.parametrize("url", ["/api/v1/articles/999999/", "/api/v1/articles/troops-arrive/", "/api/v1/nothing/",
                                 "/api/v1/themes/a%0Ab/",
                                 "/api/v1/"])
def test_unknown_addresses_are_json_404s(client, graph, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["status"] == 404


def test_the_schema_is_openapi_3_json(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    for name in ("articles", "claims", "citations", "actors", "themes", "events", "authors", "publications"):
        assert f"/api/v1/{name}/" in schema["paths"] and f"/api/v1/{name}/{{id}}/" in schema["paths"]
    assert "/api/v1/claimreview/" in schema["paths"]


@pytest.mark.parametrize(("rate", "errors"), [("120/min", 0), ("5/s", 0), ("lots", 1), ("0/min", 1), ("10/fortnight", 1)])
def test_a_malformed_api_rate_stops_the_site_at_start_up(settings, rate, errors):
    from articles.api.checks import check_api_rate

    settings.KZ_API_RATE = rate
    assert len(check_api_rate()) == errors
