"""Property-based tests of every endpoint from the OpenAPI schema (Schemathesis): for
generated parameters, valid and not, no 5xx, and every response matches the schema
(status code, content type, headers, body).

``make test`` runs a few examples per endpoint (``KZ_API_FUZZ_EXAMPLES``, default 8);
``.ci/run`` runs a larger pass once.
"""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis import checks

from tests.articles.api.conftest import build_graph
from tests.support.db import rolled_back_for_module

# Like the site, the API reads an empty parameter as "any" and an unknown slug as a
# question with no answers, and an opaque cursor it did not issue is a 404: so it is
# not held to "every schema-violating request is refused" or "every schema-valid
# request succeeds". Every other check applies.
LENIENT = [checks.negative_data_rejection, checks.positive_data_acceptance]
EXAMPLES = int(os.environ.get("KZ_API_FUZZ_EXAMPLES", "8"))

spec = SchemaGenerator().get_schema(request=None, public=True)
schema = schemathesis.openapi.from_dict(spec)
schema.app = get_wsgi_application()


@pytest.fixture(scope="module")
def shared_graph(django_db_setup, django_db_blocker):
    """One small published graph for every endpoint's examples (they only read)."""
    with rolled_back_for_module(django_db_blocker):
        yield build_graph()


@pytest.fixture
def unthrottled(settings):
    settings.KZ_API_RATE = "1000000/min"


@pytest.fixture
def test_database_connection():
    """Schemathesis calls the real WSGI handler, whose end-of-request signal closes the
    database connection, and with it the test's transaction. Django's test client keeps
    the connection the same way: by not closing it between requests."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@hypothesis_settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                     suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                            HealthCheck.filter_too_much])
def test_every_endpoint_answers_as_its_schema_says(case, shared_graph, unthrottled, test_database_connection):
    case.call_and_validate(excluded_checks=LENIENT)
