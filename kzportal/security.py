"""Small security helpers shared by the login throttle and the comment endpoint."""


def client_ip(request) -> str:
    """The client's address as this process sees it.

    ``REMOTE_ADDR`` only: forwarded headers are written by whoever sends the
    request. Behind a reverse proxy, the operations settings (trusted-proxy
    list) rewrite ``REMOTE_ADDR`` from ``X-Forwarded-For`` for listed proxies
    only, before anything reads it here.
    """
    return request.META.get("REMOTE_ADDR", "") or ""


# --- Sliding session expiry -------------------------------------------------------
import time  # noqa: E402

from django.contrib.auth.signals import user_logged_in  # noqa: E402
from django.dispatch import receiver  # noqa: E402

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
from django.contrib.messages.storage.cookie import CookieStorage  # noqa: E402
from django.contrib.messages.storage.fallback import FallbackStorage  # noqa: E402
from django.contrib.messages.storage.session import SessionStorage  # noqa: E402


class HostCookieStorage(CookieStorage):
    """Django's message cookie, named ``__Host-messages`` whenever cookies are Secure
    (like the session and CSRF cookies), so no subdomain can plant a message."""

    @property
    def cookie_name(self):
        from django.conf import settings

        return "__Host-messages" if settings.SESSION_COOKIE_SECURE else "messages"


class MessageStorage(FallbackStorage):
    storage_classes = (HostCookieStorage, SessionStorage)
