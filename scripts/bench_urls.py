"""``make bench``'s URLs: the site, plus two floor pages served by the same server
through the same middleware, to compare every page with:

- ``/_bench/bare/``: a bare Django view returning a short response;
- ``/_bench/floor/``: a bare Django page rendering 20 rows from the database
  through a template (what the simplest data-backed page costs).
"""

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from articles.models import Article

FLOOR = engines["django"].from_string(
    "<!doctype html><html lang=en><head><meta charset=utf-8><title>Floor</title></head><body><h1>Latest</h1>"
    "<ol>{% for row in rows %}<li><a href=\"/articles/{{ row.slug }}/\">{{ row.title }}</a> "
    "{{ row.published_on|date:'j F Y' }}</li>{% endfor %}</ol></body></html>"
)


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


def floor(request):
    rows = Article.objects.order_by("-pk").values("slug", "title", "published_on")[:20]
    return HttpResponse(FLOOR.render({"rows": rows}, request))


# The site's own patterns are added, not include()d: they hold i18n_patterns, which
# Django allows only in the root URLconf.
urlpatterns = [
    path("_bench/bare/", bare),
    path("_bench/floor/", floor),
    *__import__("kzportal.urls", fromlist=["urlpatterns"]).urlpatterns,
]
