"""``/favicon.ico``: browsers and feed readers ask for it at the root whatever the
page links to, so it is answered here (a day in caches) rather than a 404 on
every first visit. The file lives in ``static/`` beside ``favicon.svg``."""

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

FAVICON = settings.BASE_DIR / "static" / "favicon.ico"


@require_safe
@cache_control(public=True, max_age=86400)
def favicon(request):
    return HttpResponse(FAVICON.read_bytes(), content_type="image/x-icon")
