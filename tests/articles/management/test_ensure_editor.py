"""manage.py ensure_editor."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_first_run_creates_a_least_privilege_editor_with_a_generated_password(capsys, monkeypatch):
    monkeypatch.delenv("KZ_ADMIN_PASSWORD", raising=False)
    call_command("ensure_editor")
    out = capsys.readouterr().out
    password = out.split("Password (shown only this once): ")[1].strip()
    user = get_user_model().objects.get(username="editor")
    assert user.check_password(password)
    assert len(password) >= 12
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Editors"]


def test_password_can_come_from_the_environment_and_is_not_printed(capsys, monkeypatch):
    monkeypatch.setenv("KZ_ADMIN_PASSWORD", "a long chosen passphrase")
    call_command("ensure_editor")
    out = capsys.readouterr().out
    assert "a long chosen passphrase" not in out
    assert get_user_model().objects.get(username="editor").check_password("a long chosen passphrase")


def test_second_run_leaves_the_existing_account_alone(capsys, monkeypatch):
    monkeypatch.setenv("KZ_ADMIN_PASSWORD", "first passphrase here")
    call_command("ensure_editor")
    monkeypatch.setenv("KZ_ADMIN_PASSWORD", "second passphrase here")
    call_command("ensure_editor")
    assert "exists" in capsys.readouterr().out
    assert get_user_model().objects.get(username="editor").check_password("first passphrase here")


def test_dry_run_creates_nothing(monkeypatch):
    call_command("ensure_editor", "--dry-run")
    assert not get_user_model().objects.exists()


@pytest.mark.parametrize("weak", ["password", "12345678901234", "short", "editor2022"])
def test_a_weak_password_from_the_environment_is_refused_like_createsuperuser(monkeypatch, weak):
    from django.core.management.base import CommandError

    monkeypatch.setenv("KZ_ADMIN_PASSWORD", weak)
    with pytest.raises(CommandError, match="KZ_ADMIN_PASSWORD is not accepted"):
        call_command("ensure_editor")
    assert not get_user_model().objects.exists()
