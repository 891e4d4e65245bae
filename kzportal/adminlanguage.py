"""The admin in the editor's own language.

LocaleMiddleware serves every unprefixed address in English (the public site's
English pages have no prefix), and the admin has no prefix, so on its own it would
always be English. For the admin's addresses this activates the language the
browser asks for instead: the ``django_language`` cookie, then Accept-Language,
as Django's admin does on a site without language prefixes.

Only the interface changes. Code that saves editorial data reads the English
columns of translated models itself (search indexing, mention detection,
redirects), so what an editor's save writes does not depend on their language.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

ADMIN_PREFIX = "/admin/"


class AdminLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(ADMIN_PREFIX):
            return self.get_response(request)
        language = translation.get_language_from_request(request, check_path=False) or settings.LANGUAGE_CODE
        # override, not activate: the language goes back to what it was once the
        # (already rendered) response leaves, so nothing after it inherits it.
        with translation.override(language):
            request.LANGUAGE_CODE = translation.get_language()
            response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        response.headers["Content-Language"] = request.LANGUAGE_CODE
        return response
