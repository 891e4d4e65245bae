"""A URLconf for tests/kzportal/test_links.py: the timeline at another address."""

from django.http import HttpResponse
from django.urls import path

urlpatterns = [path("events-elsewhere/", lambda request: HttpResponse("ok"), name="timeline")]
