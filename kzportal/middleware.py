"""Response headers that enforce the site's promises at the browser.

The Content-Security-Policy is set by django-csp (``kzportal.csp``). This adds
the headers it does not cover, on every response:

- ``Permissions-Policy``: no camera, microphone, location, payment or USB;
- ``Cross-Origin-Resource-Policy: same-origin``: other sites cannot embed our
  pages, images or files (nothing here is meant to be hot-linked; feed readers
  and crawlers fetch directly and are not affected).
"""

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response
