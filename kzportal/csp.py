"""
The Content-Security-Policy on every response, and the endpoint its violations go to.

``settings.CONTENT_SECURITY_POLICY`` is the public policy: nothing from other
hosts, no scripts at all. Django's admin is the one place that needs more, and
only this much (checked against Django 5.2's admin templates and scripts):

- ``script-src 'self'``: the admin's own JavaScript files (no inline scripts;
  its data goes in ``<script type="application/json">`` blocks, which are not run);
- ``connect-src 'self'``: the autocomplete widgets fetch from ``/admin/autocomplete/``;
- ``style-src-attr`` with one hash: django-simple-history's history list has
  ``style="border-top: 0"`` on its paginator; allowing exactly that attribute
  (and no other inline style) keeps the page violation-free.

Everything else (``default-src 'none'``, no inline styles elsewhere, no
plugins, no ``<base>``, no framing) is the same as on the public pages.

The API reference page (``/api/v1/docs/``, that one path only) runs Swagger UI from
this site's own static files: ``script-src 'self'`` for its scripts (no inline
script: its start-up script is a separate file) and ``connect-src 'self'`` to fetch
``/api/v1/openapi.json``. Nothing from other hosts; every other page keeps the
public policy.
"""

import base64
import hashlib
import json
import logging

from csp.constants import SELF
from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt

from kzportal.formguard import form_endpoint

logger = logging.getLogger("kzportal.csp")

ADMIN_PREFIX = "/admin/"
# Inline style attributes the admin's third-party templates use, allowed by hash only.
ADMIN_INLINE_STYLE_ATTRIBUTES = ["border-top: 0"]  # simple_history/object_history_list.html


def style_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


ADMIN_CSP = {
    "script-src": [SELF],
    "connect-src": [SELF],
    "style-src-attr": ["'unsafe-hashes'", *map(style_hash, ADMIN_INLINE_STYLE_ATTRIBUTES)],
}


API_DOCS_PATH = "/api/v1/docs/"
API_DOCS_CSP = {
    "script-src": [SELF],
    "connect-src": [SELF],
}


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's additions under ``/admin/`` and the
    API reference page's on exactly ``/api/v1/docs/``."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if parts.replace is None:
            if request.path_info.startswith(ADMIN_PREFIX):
                parts.replace = ADMIN_CSP
            elif request.path_info == API_DOCS_PATH:
                parts.replace = API_DOCS_CSP
        return parts


REPORT_MAX_BYTES = 16 * 1024
REPORT_TYPES = ("application/csp-report", "application/reports+json", "application/json")
_LOGGED_FIELDS = (
    "document-uri",
    "violated-directive",
    "effective-directive",
    "blocked-uri",
    "source-file",
    "line-number",
    "disposition",
)


def _fields(report: dict) -> dict:
    return {key: str(report.get(key, ""))[:300] for key in _LOGGED_FIELDS if key in report}


@csrf_exempt
@form_endpoint(methods=("POST",), content_types=REPORT_TYPES, max_bytes=REPORT_MAX_BYTES)
def csp_report(request):
    """Log a browser's CSP violation report (one warning line) and answer 204.

    Anyone can post here, so the body is size-capped, only known fields are
    logged, each cut to 300 characters, and malformed reports are logged as such.
    """
    try:
        payload = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        logger.warning("Malformed CSP report (%d bytes)", len(request.body))
        return HttpResponse(status=400)
    reports = payload if isinstance(payload, list) else [payload]
    for item in reports[:10]:
        if not isinstance(item, dict):
            continue
        report = item.get("csp-report") or item.get("body") or {}
        if isinstance(report, dict):
            # The Reporting API uses camelCase names for the same fields.
            report = {
                key.replace("documentURL", "document-uri")
                .replace("blockedURL", "blocked-uri")
                .replace("effectiveDirective", "effective-directive")
                .replace("sourceFile", "source-file")
                .replace("lineNumber", "line-number"): value
                for key, value in report.items()
            }
            logger.warning("CSP violation: %s", json.dumps(_fields(report), ensure_ascii=True, sort_keys=True))
    return HttpResponse(status=204)
