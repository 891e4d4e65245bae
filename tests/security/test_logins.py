"""Admin logins: the username+client lock, Argon2, sliding sessions, TOTP two-factor."""

import time
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.hashers import make_password
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from kzportal import settings as project_settings
from kzportal.security import TOUCH_EVERY_SECONDS, TOUCH_KEY

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "correct horse battery"


def attempt(client, username, password, ip, token=""):
    return client.post(
        LOGIN, {"username": username, "password": password, "otp_token": token, "next": "/admin/"}, REMOTE_ADDR=ip
    )


def logged_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_five_failures_lock_that_username_from_that_client_only(editor, moderator):
    attacker = Client()
    for _ in range(4):
        assert attempt(attacker, "eddie", "wrong guess", "203.0.113.9").status_code == 200
    assert attempt(attacker, "eddie", "wrong guess", "203.0.113.9").status_code == 429  # the 5th failure locks
    locked = attempt(attacker, "eddie", PASSWORD, "203.0.113.9")
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    assert "_auth_user_id" not in attacker.session
    # The editor at their own desk is not locked out by someone else's guessing ...
    assert logged_in(attempt(Client(), "eddie", PASSWORD, "198.51.100.7"))
    # ... and the attacker's client can still log in to another account it knows.
    assert logged_in(attempt(Client(), "mona", PASSWORD, "203.0.113.9"))


def test_a_hundred_guesses_then_the_right_password_is_still_refused(editor):
    attacker = Client()
    statuses = {attempt(attacker, "eddie", f"guess {n}", "203.0.113.9").status_code for n in range(100)}
    assert statuses == {200, 429}
    assert attempt(attacker, "eddie", PASSWORD, "203.0.113.9").status_code == 429


def test_the_lock_ends_after_the_cool_off(editor):
    client = Client()
    for _ in range(5):
        attempt(client, "eddie", "wrong", "203.0.113.9")
    assert attempt(client, "eddie", PASSWORD, "203.0.113.9").status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert logged_in(attempt(client, "eddie", PASSWORD, "203.0.113.9"))


def test_argon2_is_first_and_old_pbkdf2_hashes_upgrade_on_login(settings, django_user_model):
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    assert settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    user = django_user_model.objects.create(
        username="old", is_staff=True, password=make_password(PASSWORD, hasher="pbkdf2_sha256")
    )
    assert user.password.startswith("pbkdf2_sha256$")
    assert logged_in(attempt(Client(), "old", PASSWORD, "192.0.2.1"))
    user.refresh_from_db()
    assert user.password.startswith("argon2")
    assert user.check_password(PASSWORD)


def test_sessions_slide_with_activity_and_end_after_a_working_day(editor_client):
    assert 8 * 3600 <= project_settings.SESSION_COOKIE_AGE <= 10 * 3600
    response = editor_client.get("/admin/")
    assert response.status_code == 200
    session = editor_client.session
    assert time.time() - session[TOUCH_KEY] < 60  # set at login
    assert "sessionid" not in response.cookies  # recently touched: no write, no new cookie
    session[TOUCH_KEY] = int(time.time()) - TOUCH_EVERY_SECONDS - 1
    session.save()
    response = editor_client.get("/admin/")
    cookie = response.cookies["sessionid"]  # renewed: a fresh working day from now
    assert abs(int(cookie["max-age"]) - project_settings.SESSION_COOKIE_AGE) <= 5
    assert time.time() - editor_client.session[TOUCH_KEY] < 60


def totp(device, *, ahead=0):
    token = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    token.time = time.time() + ahead
    return f"{token.token():0{device.digits}d}"


def enrol(client):
    page = client.get("/admin/two-factor/")
    assert page.status_code == 200
    html = page.content.decode()
    device = TOTPDevice.objects.get(confirmed=False)
    assert "otpauth://totp/" in html and "Key" not in html.split("otpauth")[0][-5:]
    assert device.config_url.replace("&", "&amp;") in html
    assert client.post("/admin/two-factor/", {"otp_token": "000000" if totp(device) != "000000" else "111111"}).status_code == 400
    # django-otp slows down guessing after a wrong code; a person would wait a second.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    done = client.post("/admin/two-factor/", {"otp_token": totp(device)})
    assert done.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    return device


def test_any_staff_user_can_enrol_and_then_needs_a_code_to_log_in(editor):
    client = Client()
    assert logged_in(attempt(client, "eddie", PASSWORD, "192.0.2.1"))
    device = enrol(client)
    assert client.get("/admin/").status_code == 200  # this session was verified by the enrolment code

    fresh = Client()
    missing = attempt(fresh, "eddie", PASSWORD, "192.0.2.1")
    assert missing.status_code == 200 and "Enter the 6-digit code" in missing.content.decode()
    wrong = attempt(fresh, "eddie", PASSWORD, "192.0.2.1", token="12345")
    assert wrong.status_code == 200 and "That code is not right" in wrong.content.decode()
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    assert logged_in(attempt(fresh, "eddie", PASSWORD, "192.0.2.1", token=totp(device, ahead=30)))
    assert fresh.get("/admin/").status_code == 200


def test_wrong_codes_count_towards_the_lock(editor):
    device = TOTPDevice.objects.create(user=editor, name="app", confirmed=True)
    client = Client()
    for _ in range(5):
        attempt(client, "eddie", PASSWORD, "203.0.113.9", token="000000")
    assert attempt(client, "eddie", PASSWORD, "203.0.113.9", token=totp(device)).status_code == 429


def test_a_session_not_verified_by_a_code_is_logged_out_once_the_user_has_a_device(editor_client, editor):
    TOTPDevice.objects.create(user=editor, name="app", confirmed=True)
    response = editor_client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in editor_client.session


def test_required_for_editors_when_switched_on(settings, editor, moderator):
    settings.KZ_REQUIRE_2FA = True
    editor_client, moderator_client = Client(), Client()
    editor_client.force_login(editor)
    moderator_client.force_login(moderator)
    response = editor_client.get("/admin/articles/article/")
    assert response.status_code == 302 and response["Location"] == "/admin/two-factor/"
    assert editor_client.get("/admin/two-factor/").status_code == 200
    assert moderator_client.get("/admin/").status_code == 200  # Moderators may, but need not


def test_not_required_by_default(editor_client):
    assert editor_client.get("/admin/articles/article/").status_code == 200


def test_a_name_longer_than_any_username_is_a_plain_wrong_login_not_a_server_error(editor):
    """The lock's table keeps 255 characters; PostgreSQL refused a longer name with a 500."""
    response = attempt(Client(), "e" * 300, "wrong guess", "203.0.113.20")
    assert response.status_code == 200
    assert "Please enter the correct" in response.content.decode()
    assert not AccessAttempt.objects.filter(username__startswith="eee").exists()
    assert logged_in(attempt(Client(), "eddie", PASSWORD, "203.0.113.20"))


def test_a_session_idle_for_a_working_day_no_longer_opens_the_admin(editor_client):
    from django.contrib.sessions.models import Session

    assert editor_client.get("/admin/").status_code == 200
    key = editor_client.session.session_key
    expiry = Session.objects.get(session_key=key).expire_date
    idle = project_settings.SESSION_COOKIE_AGE
    assert abs((expiry - timezone.now()).total_seconds() - idle) < 60  # a working day from the last activity
    # The evening after: nothing happened since, so that working day has gone by.
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = editor_client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_a_password_alone_shows_no_draft_when_an_editor_must_use_two_factor(settings, editor):
    from tests.support.factories import ArticleFactory

    draft, public = ArticleFactory(), ArticleFactory(published=True)
    client = Client()
    assert logged_in(attempt(client, "eddie", PASSWORD, "192.0.2.1"))
    assert client.get(draft.get_absolute_url()).status_code == 200  # two-factor not required: a preview

    settings.KZ_REQUIRE_2FA = True
    assert client.get(draft.get_absolute_url()).status_code == 404  # the admin's rule holds on public pages too
    assert client.get(public.get_absolute_url()).status_code == 200  # what any reader sees
    enrol(client)
    assert client.get(draft.get_absolute_url()).status_code == 200  # verified by a code


def test_a_session_not_verified_by_a_code_previews_nothing(editor_client, editor):
    from tests.support.factories import ArticleFactory

    draft = ArticleFactory()
    assert editor_client.get(draft.get_absolute_url()).status_code == 200
    TOTPDevice.objects.create(user=editor, name="app", confirmed=True)  # enrolled from another session
    assert editor_client.get(draft.get_absolute_url()).status_code == 404
