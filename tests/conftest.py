import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import override_settings


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
