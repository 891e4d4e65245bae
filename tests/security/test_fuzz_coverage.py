"""The fuzz suite covers every public route: a new page or form without fuzzing fails here.

The API (``/api/v1/``) is fuzzed from its OpenAPI schema by Schemathesis
(tests/articles/api/test_schemathesis.py); the admin's pages are behind its login,
whose form is fuzzed."""

import pytest
from django.urls import URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

from tests.security.test_fuzz_forms import FORMS, TOKEN_FORMS
from tests.security.test_fuzz_pages import PAGES
from tests.security.test_fuzz_paths import DETAILS, ROUTES, _detail

# Every test requests the module's shared world (tests/security/conftest.py), even one
# that does not use it, so none sees data it did not ask for.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("world")]

NOT_HERE = ("admin:", "api:")  # see the docstring
ALSO_NOT_HERE = {"kz_two_factor", "media", "favicon"}  # staff only; uploaded files; a fixed icon


def route_names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from route_names(pattern.url_patterns, inner)
        elif pattern.name:
            yield namespace + pattern.name


def view_name(address):
    try:
        return resolve(address.split("?")[0]).view_name
    except Resolver404:
        return None


def test_every_public_route_is_fuzzed(world):
    public = {
        name
        for name in route_names(get_resolver().url_patterns)
        if not name.startswith(NOT_HERE) and name not in ALSO_NOT_HERE
    }
    addresses = [*PAGES, *(_detail(kind)(world) for kind in DETAILS), "/admin/login/", "/csp-report/"]
    addresses += [address(world) for address, _names, _token in FORMS.values()]
    for route in [*ROUTES, *TOKEN_FORMS]:
        addresses += [route.format(sample) for sample in ("x", "2022", "01", "articles")]
    fuzzed = {view_name(address) for address in addresses} - {None}
    assert public - fuzzed == set()
