"""
Refuse malformed form posts before anything reads their body.

A view marked with ``@form_endpoint(...)`` accepts only the listed methods
(405 otherwise, with ``Allow``), only the listed content types (415) and only
bodies up to ``max_bytes`` as declared by ``Content-Length`` (413). The
middleware runs before ``CsrfViewMiddleware``, which would otherwise parse the
body (a 100 MB multipart upload included) to look for the CSRF token, and
answer a PUT or DELETE with a 403 form instead of "method not allowed".

A view can pass ``on_refusal(request, status, message, view_kwargs)`` to show
its own page for a refusal (the comment form explains where the reader's text is).
"""

import dataclasses
from collections.abc import Callable

from django.http import HttpResponse

METHOD_NOT_ALLOWED = "This address only accepts form submissions."
UNSUPPORTED_TYPE = "This form only accepts ordinary form submissions (application/x-www-form-urlencoded)."
TOO_LARGE = "The submission is larger than this form accepts, so it was not read."
BAD_LENGTH = "The submission's length could not be read."


@dataclasses.dataclass(frozen=True)
class FormGuard:
    methods: tuple[str, ...]
    content_types: tuple[str, ...]
    max_bytes: int
    on_refusal: Callable | None = None

    def problem(self, request) -> tuple[int, str] | None:
        if request.method not in self.methods:
            return 405, METHOD_NOT_ALLOWED
        raw_length = request.META.get("CONTENT_LENGTH") or "0"
        try:
            length = int(raw_length)
        except ValueError:
            return 400, BAD_LENGTH
        if length < 0:
            return 400, BAD_LENGTH
        # An empty body has nothing to parse, whatever its (often missing) type.
        if length and (request.content_type or "").lower() not in self.content_types:
            return 415, UNSUPPORTED_TYPE
        if length > self.max_bytes:
            return 413, TOO_LARGE
        return None


def form_endpoint(
    *,
    max_bytes: int,
    methods=("POST",),
    content_types=("application/x-www-form-urlencoded",),
    on_refusal: Callable | None = None,
):
    guard = FormGuard(tuple(methods), tuple(content_types), max_bytes, on_refusal)

    def decorate(view):
        view.form_guard = guard
        return view

    return decorate


class FormGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        guard = getattr(view_func, "form_guard", None)
        if guard is None:
            return None
        found = guard.problem(request)
        if found is None:
            return None
        status, message = found
        if guard.on_refusal is not None:
            response = guard.on_refusal(request, status, message, view_kwargs)
        else:
            response = HttpResponse(message + "\n", status=status, content_type="text/plain; charset=utf-8")
        if status == 405:
            response["Allow"] = ", ".join(guard.methods)
        return response


