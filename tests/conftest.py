import os

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from tests.support import schema
from tests.support.caches import clear_own_keys
from tests.support.db import LAUNCH

# Hypothesis profiles for the fuzz suite (tests/security/test_fuzz*.py): a quick
# pass by default so `make test` stays fast; `.ci/run` selects "ci" (>= 1,000
# examples per endpoint) with HYPOTHESIS_PROFILE=ci.
_FUZZ = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]}
hypothesis_settings.register_profile("default", max_examples=20, **_FUZZ)
hypothesis_settings.register_profile("ci", max_examples=1000, **_FUZZ)
hypothesis_settings.register_profile("full", max_examples=1000, **_FUZZ)  # make fuzz: every endpoint
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_configure(config):
    """Tests hash passwords with MD5: Argon2 is deliberately slow, and fixtures
    create many users. Argon2 stays second so its own tests can use it."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *settings.PASSWORD_HASHERS]

    # Under pytest-xdist every worker gets its own key prefix in a shared Redis, so one
    # worker's clean-up (below) never empties another's rate limits or cached pages.
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker:
        for alias in settings.CACHES.values():
            alias["KEY_PREFIX"] = f"{alias.get('KEY_PREFIX', '')}-{worker}"


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings):
    """Runs before pytest-django makes the test database: on SQLite that database starts
    from the migrated schema kept between runs instead of migrating (``tests.support.schema``)."""
    schema.keep_between_runs()


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits and cached fragments must not leak between tests (nor what the process
    holds: each test's data is rolled back, and the generation with it)."""
    from articles import pagecache

    for alias in ("default", "pages"):
        clear_own_keys(alias)
    pagecache.forget_held()
    yield
    for alias in ("default", "pages"):
        clear_own_keys(alias)
    pagecache.forget_held()


@pytest.fixture(scope="module")
def launch_content(django_db_setup, django_db_blocker):
    """The launch dataset, for a module whose tests only read it.

    Loading takes most of a second (every citation is checked against its rendered
    article), so it is loaded once per test process and put in place for each module
    that asks (``tests.support.db.SessionData``); no other module sees it, and each test
    still runs in its own savepoint (the ``db`` fixture), so whatever a test writes is
    gone before the next. Modules using it must not use ``transactional_db``.
    """
    with LAUNCH.in_place(django_db_blocker):
        yield


def _staff_in(django_user_model, username, group_name):
    user = django_user_model.objects.create_user(
        username=username, password="correct horse battery", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db, django_user_model):
    return _staff_in(django_user_model, "eddie", "Editors")


@pytest.fixture
def moderator(db, django_user_model):
    return _staff_in(django_user_model, "mona", "Moderators")


@pytest.fixture
def writer(db, django_user_model):
    return _staff_in(django_user_model, "wendy", "Writers")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture(autouse=True)
def _english_between_tests():
    """Each test starts in English: a request to /ru/ or /kk/ leaves its language active
    in the thread, and the translated models write ``name=`` into the active
    language's column (django-modeltranslation)."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def writer_client(client, writer):
    client.force_login(writer)
    return client
