"""Admin searches capped like public ones: a 100,000-character ``?q=`` on any admin
changelist is shortened (with a message) before ``search_fields`` turns every word
into ``LIKE`` clauses, which on a huge input overflows the database's expression
limits and gave a 500. One middleware covers every ModelAdmin in every app."""

from django.contrib import messages
from django.urls import reverse

from .query import MAX_QUERY_LENGTH, without_controls

ADMIN_MAX_WORDS = 10


class AdminSearchLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "q" in request.GET and request.path.startswith(reverse("admin:index")):
            raw = request.GET.get("q", "")
            words = without_controls(raw).split()
            capped = " ".join(words[:ADMIN_MAX_WORDS])[:MAX_QUERY_LENGTH].rstrip()
            if capped != " ".join(raw.split()):
                params = request.GET.copy()
                params["q"] = capped
                request.GET = params
                messages.warning(
                    request,
                    f"Searches use at most {ADMIN_MAX_WORDS} words and {MAX_QUERY_LENGTH} characters, "
                    "so yours was shortened.",
                )
        return self.get_response(request)
