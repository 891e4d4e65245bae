"""Review: hostile addresses and parameters on every reference page."""

import pytest

from tests.articles.test_reference_pages import Scene

pytestmark = pytest.mark.django_db

VALUES = ["%00", "x" * 10000, "%3Cb%3Ex%3C/b%3E%22'", "%E2%80%AEevil", "%ff", "-1", "0", "99999", "abc", "",
          "%C2%B2", "%E2%91%A0", "%EF%BC%92"]
PARAMS = ["page", "theme", "actor", "verdict", "order"]


@pytest.fixture
def scene():
    return Scene()


@pytest.mark.parametrize(
    "url",
    ["/claims/0/", "/claims/-1/", "/claims/99999999999999999999/", "/claims/9223372036854775808/",
     "/claims/999999999999999999/", "/claims/%00/", "/actors/%00/", "/themes/%3Cb%3E/", "/claims/1.5/"],
)
def test_odd_claim_and_slug_addresses_are_a_404(client, scene, url):
    assert client.get(url).status_code == 404


def queries(base):
    """Every parameter at once on every page; one at a time (also repeated and as an array) on /claims/."""
    for value in VALUES:
        yield "&".join(f"{name}={value}" for name in PARAMS)
        yield "&".join(f"{name}[]={value}" for name in PARAMS)
        if base == "/claims/":
            for name in PARAMS:
                yield f"{name}={value}"
                yield f"{name}={value}&{name}=y"


def test_hostile_parameters_never_fail_or_echo_markup_on_any_reference_page(client, scene):
    for base in scene.pages():
        for query in queries(base):
            response = client.get(f"{base}?{query}")
            assert response.status_code == 200, (base, query)
            page = response.content.decode()
            assert "<b>x</b>" not in page, (base, query)
            assert "\x00" not in page and "\u202e" not in page, (base, query)


@pytest.mark.parametrize("value", ["%E2%80%AEevil", "%01evil", "evil%E2%81%A6"])
def test_control_characters_and_bidi_overrides_in_a_claims_filter_are_dropped_not_echoed(client, scene, value):
    page = client.get(f"/claims/?theme={value}").content.decode()
    assert "The theme filter was not understood and was ignored." in page
    assert "evil" not in page


def test_an_empty_page_parameter_is_the_first_page_without_a_notice(client, scene):
    page = client.get("/claims/?theme=&page=").content.decode()
    assert "page number was not understood" not in page
    assert 'href="/claims/external-threat/"' in page


@pytest.mark.parametrize("value", ["%C2%B2", "%E2%91%A0", "%D9%A3", "%EF%BC%92"])
def test_a_unicode_digit_page_number_is_not_understood_rather_than_a_server_error(client, scene, value):
    page = client.get(f"/claims/?page={value}").content.decode()
    assert "That page number was not a number" in page
