"""The site's icon: /favicon.ico answers (browsers ask for it on every first visit) and pages link the SVG."""


def test_favicon_ico_is_served_at_the_root_as_an_icon_cached_for_a_day(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an ICO header
    assert "max-age=86400" in response["Cache-Control"]


def test_favicon_refuses_a_post(client):
    assert client.post("/favicon.ico").status_code == 405


def test_every_page_links_its_icons(client, db):
    page = client.get("/").content.decode()
    assert 'rel="icon" href="/favicon.ico"' in page
    assert 'href="/static/favicon.svg" type="image/svg+xml"' in page
    assert 'rel="apple-touch-icon"' in page
