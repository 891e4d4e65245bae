"""Session and cookie hardening: sliding session expiry and the ``__Host-`` messages cookie.

(The client address the login throttle and the comment rate limit key on is
``kzportal.clientaddr.client_address``, the one rule for it.)"""

import time

from django.contrib.auth.signals import user_logged_in
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.messages.storage.session import SessionStorage
from django.dispatch import receiver

# --- Sliding session expiry -------------------------------------------------------


TOUCH_KEY = "_kz_touched"
TOUCH_EVERY_SECONDS = 300


class SessionActivityMiddleware:
    """Sessions end after SESSION_COOKIE_AGE of *inactivity*, not after a fixed time.

    Like SESSION_SAVE_EVERY_REQUEST, but the session (and its cookie's expiry)
    is renewed at most every five minutes instead of with a database write on
    every admin request; an editor at work is never logged out mid-day, and an
    abandoned session ends a working day (give or take five minutes) later.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            now = int(time.time())
            if session.modified or now - session.get(TOUCH_KEY, 0) >= TOUCH_EVERY_SECONDS:
                session[TOUCH_KEY] = now  # saved (with a new expiry) by SessionMiddleware
        return response


@receiver(user_logged_in, dispatch_uid="kzportal.security.touch_on_login")
def _touch_on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[TOUCH_KEY] = int(time.time())


# --- The messages cookie ------------------------------------------------------------


class HostCookieStorage(CookieStorage):
    """Django's message cookie, named ``__Host-messages`` whenever cookies are Secure
    (like the session and CSRF cookies), so no subdomain can plant a message."""

    @property
    def cookie_name(self):
        from django.conf import settings

        return "__Host-messages" if settings.SESSION_COOKIE_SECURE else "messages"


class MessageStorage(FallbackStorage):
    storage_classes = (HostCookieStorage, SessionStorage)
