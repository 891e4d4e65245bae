"""The team admin (articles/admin/team.py): the chief editor adds writers and moderators
by choosing a role, and nobody who is not a superuser can grant more than a role."""

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from tests.support.admin_forms import form_data

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough team password 42"


@pytest.fixture
def chief(django_user_model):
    """Not a superuser: a staff user given the auth permissions on users (and to view groups)."""
    user = django_user_model.objects.create_user("chief", password=PASSWORD, is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="auth", codename__in=["add_user", "change_user", "view_user", "view_group"]
        )
    )
    browser = Client()
    browser.force_login(user)
    return browser


def add_member(browser, username, role):
    url = reverse("admin:auth_user_add")
    page = browser.get(url).content.decode()
    data = form_data(page, "user_form")
    data.update(username=username, password1=PASSWORD, password2=PASSWORD, first_name="Ann", last_name="Lee",
                email=f"{username}@example.org", role=str(Group.objects.get(name=role).pk), usable_password="true")
    return page, browser.post(url, data)


@pytest.mark.parametrize("role", ["Writers", "Moderators", "Editors"])
def test_a_chief_editor_adds_a_team_member_with_exactly_one_role(chief, django_user_model, role):
    page, response = add_member(chief, "newbie", role)
    assert response.status_code == 302, response.content.decode()[:2000]
    member = django_user_model.objects.get(username="newbie")
    assert member.is_staff and member.is_active and not member.is_superuser
    assert list(member.groups.values_list("name", flat=True)) == [role]
    assert not member.user_permissions.exists()
    assert LogEntry.objects.filter(object_id=str(member.pk), action_flag=ADDITION).exists()


def test_the_add_form_offers_the_three_roles_and_nothing_more(chief, django_user_model):
    Group.objects.create(name="Secret admins")
    page, _ = add_member(chief, "x", "Writers")
    assert all(f">{name}</option>" in page for name in ["Writers", "Moderators", "Editors"])
    assert "Secret admins" not in page and 'name="is_superuser"' not in page


def test_a_chief_editor_cannot_grant_superuser_status_or_single_permissions(chief, django_user_model):
    member = django_user_model.objects.create_user("wendy", is_staff=True)
    url = reverse("admin:auth_user_change", args=[member.pk])
    page = chief.get(url).content.decode()
    assert 'name="is_superuser"' not in page and 'name="user_permissions"' not in page
    data = form_data(page, "user_form")
    data.update(groups=[str(Group.objects.get(name="Writers").pk)], is_superuser="on",
                user_permissions=[str(Permission.objects.get(codename="delete_user").pk)])
    assert chief.post(url, data).status_code == 302
    member.refresh_from_db()
    assert not member.is_superuser and not member.user_permissions.exists()
    assert list(member.groups.values_list("name", flat=True)) == ["Writers"]


def test_a_chief_editor_cannot_touch_a_superuser_or_change_what_a_role_may_do(chief, django_user_model):
    boss = django_user_model.objects.create_superuser("boss", password=PASSWORD)
    assert chief.get(reverse("admin:auth_user_change", args=[boss.pk])).status_code in (200, 403)
    assert chief.post(reverse("admin:auth_user_change", args=[boss.pk]), {"username": "x"}).status_code == 403
    writers = Group.objects.get(name="Writers")
    before = set(writers.permissions.values_list("pk", flat=True))
    response = chief.post(reverse("admin:auth_group_change", args=[writers.pk]),
                          {"name": "Writers", "permissions": [str(p.pk) for p in Permission.objects.all()]})
    assert response.status_code == 403
    assert set(writers.permissions.values_list("pk", flat=True)) == before


def test_editors_writers_and_moderators_manage_no_accounts(editor_client, client, writer, moderator):
    assert editor_client.get(reverse("admin:auth_user_add")).status_code == 403
    for user in (writer, moderator):
        client.force_login(user)
        assert client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_a_superuser_keeps_the_full_form(admin_client):
    page = admin_client.get(reverse("admin:auth_user_add")).content.decode()
    assert 'name="role"' in page
    add_member(admin_client, "helper", "Moderators")
    from django.contrib.auth import get_user_model

    helper = get_user_model().objects.get(username="helper")
    page = admin_client.get(reverse("admin:auth_user_change", args=[helper.pk])).content.decode()
    assert 'name="is_superuser"' in page
