"""Response headers that enforce the site's promises at the browser.

Public pages load nothing from other hosts and run no JavaScript, so the
Content-Security-Policy says exactly that; an injected script or a stray
third-party asset is refused by the browser even if a template slips. The
admin (Django's own scripts and inline styles) keeps Django's defaults.
"""

from django.conf import settings

PUBLIC_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'none'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/admin/"

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if not request.path.startswith(self.admin_prefix) and not settings.DEBUG:
            response.headers.setdefault("Content-Security-Policy", PUBLIC_CSP)
        return response
