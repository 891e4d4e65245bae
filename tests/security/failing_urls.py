"""The site's URLconf plus one view that fails, to reach the real 500 page."""

from django.urls import path

from kzportal.urls import handler500  # noqa: F401 - Django reads handler500 from the URLconf
from kzportal.urls import urlpatterns as site_patterns


def broken(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [path("broken/", broken), *site_patterns]
