"""The root URL configuration: the editors' admin, and every public route from
``articles/urls.py`` (one URLconf, one block per section)."""

from django.contrib import admin
from django.urls import include, path

# A database that fails inside a middleware is a 503, not a 500 (kzportal.resilience).
handler500 = "kzportal.resilience.server_error"

admin.site.site_header = "kzportal editorial"
admin.site.site_title = "kzportal editorial"
admin.site.index_title = "Commentary, actors, claims and comments"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("articles.urls")),
]
