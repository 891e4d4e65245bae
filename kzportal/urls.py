"""The root URL configuration: the editors' admin (with its two-factor enrolment),
the CSP violation report endpoint, ``/favicon.ico``, and every public route from ``articles/urls.py``
(one URLconf, one block per section)."""

from django.conf import settings
from django.contrib import admin
from django.http import Http404
from django.urls import include, path, re_path
from django.views.static import serve

from kzportal import csp, icons, twofactor

# A database that fails inside a middleware is a 503, not a 500 (kzportal.resilience).
handler500 = "kzportal.resilience.server_error"

admin.site.site_header = "kzportal editorial"
admin.site.site_title = "kzportal editorial"
admin.site.index_title = "Commentary, actors, claims and comments"
# Two-factor login (kzportal.twofactor): the login form asks for a TOTP code.
admin.site.login_form = twofactor.OTPAdminAuthenticationForm
admin.site.login_template = "admin/kz_login.html"

urlpatterns = [
    path("admin/two-factor/", admin.site.admin_view(twofactor.enrol), name="kz_two_factor"),
    path("admin/", admin.site.urls),
    path("csp-report/", csp.csp_report, name="csp_report"),
    path("favicon.ico", icons.favicon, name="favicon"),
    path("", include("articles.urls")),
]

def serve_media(request, path):
    """Uploaded images where no web server or bucket serves them: ``make run``/``make dev``
    and tests (``KZ_SERVE_MEDIA``). In production nginx serves MEDIA_ROOT (deploy/nginx).
    Settings are read per request (tests point MEDIA_ROOT at a temporary directory)."""
    if not settings.KZ_SERVE_MEDIA or settings.KZ_S3_BUCKET:
        raise Http404("Media are served by the web server.")
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns += [re_path(r"^{}(?P<path>.*)$".format(settings.MEDIA_URL.lstrip("/")), serve_media, name="media")]
