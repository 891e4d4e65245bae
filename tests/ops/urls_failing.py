"""The site's URLs plus one view with a bug, for the error-mail test."""

from django.urls import path

# Django takes handler500 from the root URLconf: the site's own (a 503 for an unavailable database).
from kzportal.urls import handler500  # noqa: F401
from kzportal.urls import urlpatterns as site_urlpatterns


def broken(request):
    raise ZeroDivisionError("a bug in a view")


urlpatterns = [path("broken/", broken), *site_urlpatterns]
