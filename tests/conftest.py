import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import override_settings

from tests.support.db import rolled_back_for_module


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    """Tests make many accounts; hashing each at production strength cost about a second apiece.

    Only the tests switch hasher: production keeps whatever kzportal/settings.py lists first.
    """
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits and cached fragments must not leak between tests."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def launch_content(django_db_setup, django_db_blocker):
    """The launch dataset, loaded once for a module whose tests only read it.

    Loading takes seconds (every citation is checked against its rendered article), so a
    module of read-only tests shares one load. It is made inside a transaction rolled back
    when the module ends, so no other module sees it; each test still runs in its own
    savepoint (the ``db`` fixture), so whatever a test writes is gone before the next.
    Modules using it must not use ``transactional_db`` (that would empty the tables).
    """
    from articles.launch import load_launch_content

    with rolled_back_for_module(django_db_blocker):
        load_launch_content()
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
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client
