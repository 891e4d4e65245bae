import os

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

# Hypothesis profiles for the fuzz suite (tests/security/test_fuzz.py): a quick
# pass by default so `make test` stays fast; `.ci/run` selects "ci" (>= 1,000
# examples per endpoint) with HYPOTHESIS_PROFILE=ci.
_FUZZ = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]}
hypothesis_settings.register_profile("default", max_examples=20, **_FUZZ)
hypothesis_settings.register_profile("ci", max_examples=1000, **_FUZZ)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_configure(config):
    """Tests hash passwords with MD5: Argon2 is deliberately slow, and fixtures
    create many users. Argon2 stays second so its own tests can use it."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *settings.PASSWORD_HASHERS]


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits and cached fragments must not leak between tests."""
    cache.clear()
    yield
    cache.clear()


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
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client
