"""
Two-factor login (TOTP, django-otp) for the editorial admin.

- Every staff user may enrol an authenticator app at ``/admin/two-factor/``:
  the page shows the secret and the ``otpauth://`` address as text (no QR
  service, nothing loaded from other hosts) and turns the device on once the
  user types a code it produced.
- The admin login form asks for the 6-digit code; it is required from anyone
  with a confirmed device, and a wrong code counts as a failed login for the
  username+client lock (django-axes), so codes cannot be guessed either.
- With ``KZ_REQUIRE_2FA=1``, members of ``KZ_2FA_REQUIRED_GROUPS`` (Editors)
  without a device are sent to the enrolment page before any other admin page.
- A session that was not verified with a code (e.g. opened before the user
  enrolled) is logged out of the admin once the user has a device.
- Outside the admin (previews of drafts on the public pages), a staff session
  that does not meet these rules counts as a reader's: a password alone never
  shows what only the admin's two-factor login should.
"""

import base64

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "authenticator app"
CODE_REQUIRED = _("Enter the 6-digit code from your authenticator app.")
CODE_WRONG = _("That code is not right or has expired. Enter the current code from your authenticator app.")


def requires_2fa(user) -> bool:
    """True when policy makes two-factor login compulsory for ``user``."""
    if not settings.KZ_REQUIRE_2FA or not user.is_authenticated or not user.is_staff:
        return False
    return user.groups.filter(name__in=settings.KZ_2FA_REQUIRED_GROUPS).exists()


class OTPAdminAuthenticationForm(AdminAuthenticationForm):
    otp_token = forms.CharField(
        label=_("Two-factor code"),
        required=False,
        max_length=16,
        help_text=_("The 6 digits your authenticator app shows. Leave empty if you have not set up two-factor login."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_username(self):
        # AuthenticationForm only tells the browser the length limit; a longer name would
        # reach authenticate() and django-axes' 255-character column (a 500 on PostgreSQL).
        username = self.cleaned_data.get("username", "")
        if len(username) > (self.username_field.max_length or 150):
            raise forms.ValidationError(
                self.error_messages["invalid_login"],
                code="invalid_login",
                params={"username": self.username_field.verbose_name},
            )
        return username

    def clean(self):
        cleaned = super().clean()  # password check (and the axes lock) first
        user = self.get_user()
        if user is None or not user_has_device(user, confirmed=True):
            return cleaned
        token = "".join((cleaned.get("otp_token") or "").split())
        if not token:
            raise forms.ValidationError(CODE_REQUIRED, code="otp_required")
        device = match_token(user, token)
        if device is None:
            user_login_failed.send(
                sender=__name__,
                credentials={"username": cleaned.get("username", "")},
                request=self.request,
            )
            raise forms.ValidationError(CODE_WRONG, code="otp_wrong")
        # Stored in the session on login by django-otp's user_logged_in handler.
        user.otp_device = device
        return cleaned


def _exempt_paths():
    return {
        reverse("admin:login"),
        reverse("admin:logout"),
        reverse("kz_two_factor"),
        reverse("admin:jsi18n"),
    }


class TwoFactorMiddleware:
    """Enforces the rules above on admin pages (after OTPMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_staff:
            return self.get_response(request)
        if not request.path_info.startswith("/admin/"):
            if not _meets_two_factor_rules(user):
                request.user = AnonymousUser()  # sees what a reader sees: no previews
            return self.get_response(request)
        if request.path_info not in _exempt_paths():
            if user_has_device(user, confirmed=True):
                if not user.is_verified():
                    logout(request)
                    return redirect(f"{reverse('admin:login')}?next={request.path}")
            elif requires_2fa(user):
                messages.warning(request, gettext("Set up two-factor login before you continue."))
                return redirect("kz_two_factor")
        return self.get_response(request)


def _meets_two_factor_rules(user) -> bool:
    """Verified with a code, or without a device and not required to have one."""
    if user.is_verified():
        return True
    return not user_has_device(user, confirmed=True) and not requires_2fa(user)


class ConfirmForm(forms.Form):
    otp_token = forms.CharField(
        label=_("Code from your app"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def secret_for_humans(device: TOTPDevice) -> str:
    """The base32 secret in groups of four, as authenticator apps ask to type it."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def enrol(request):
    """Set up (or see the state of) the user's TOTP device."""
    user = request.user
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    context = {**admin.site.each_context(request), "title": gettext("Two-factor login"), "confirmed": confirmed}
    if confirmed is not None:
        return TemplateResponse(request, "admin/kz_two_factor.html", context)

    with transaction.atomic():
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = "".join(form.cleaned_data["otp_token"].split())
        if device.verify_token(token):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, gettext("Two-factor login is on: from now on, log in with a code from your app."))
            return redirect("admin:index")
        form.add_error("otp_token", CODE_WRONG)
    context.update(
        form=form,
        secret=secret_for_humans(device),
        config_url=device.config_url,
        required=requires_2fa(user),
    )
    return TemplateResponse(request, "admin/kz_two_factor.html", context, status=400 if form.errors else 200)
