"""
One log line per request, each with a request id.

The id is taken from an ``X-Request-ID`` header when a proxy set one (nginx in
``deploy/`` does), otherwise made here; it is sent back in the response and
attached to every log record written while the request runs (``RequestIdFilter``),
so one request's lines can be found together. ``LOG_FORMAT=json`` writes each
record as one JSON object (``JsonFormatter``). Health probes log at DEBUG only.
With ``SENTRY_DSN`` set, errors sent to Sentry carry the same id as a tag.
"""

import contextvars
import json
import logging
import re
import time
import uuid

import sentry_sdk
from django.conf import settings

from kzportal.clientaddr import client_address
from kzportal.health import HEALTH_PATHS

logger = logging.getLogger("kzportal.request")
request_id_var = contextvars.ContextVar("request_id", default="-")
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_EXTRA_FIELDS = ("method", "path", "status", "duration_ms", "client")


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        data = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id_var.get()),
        }
        for field in _EXTRA_FIELDS:
            if hasattr(record, field):
                data[field] = getattr(record, field)
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False)


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        request.request_id = request_id
        if settings.SENTRY_DSN:
            # On this request's own scope (sentry-sdk's Django integration gives each
            # request one), so an error in Sentry can be matched with its log lines.
            sentry_sdk.set_tag("request_id", request_id)
        started = time.monotonic()
        status = 500
        try:
            response = self.get_response(request)
            status = response.status_code
            response["X-Request-ID"] = request_id
            return response
        finally:
            duration_ms = round((time.monotonic() - started) * 1000, 1)
            level = logging.DEBUG if request.path in HEALTH_PATHS else logging.INFO
            path = request.get_full_path()[:300]
            client = client_address(request)
            logger.log(
                level,
                "%s %s %s %.1fms %s",
                request.method,
                path,
                status,
                duration_ms,
                client,
                extra={
                    "method": request.method,
                    "path": path,
                    "status": status,
                    "duration_ms": duration_ms,
                    "client": client,
                },
            )
            request_id_var.reset(token)
