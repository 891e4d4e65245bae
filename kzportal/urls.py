"""The root URL configuration: the editors' admin (with its two-factor enrolment),
the CSP violation report endpoint, ``/favicon.ico``, the routes with one address in
every language (robots.txt, the sitemap, the JSON API under ``/api/v1/`` and the open data
under ``/data/``) and every public page from ``articles/urls.py`` (one URLconf, one block
per section), unprefixed in English and under ``/ru/`` and ``/kk/``."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.http import Http404
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.static import serve

from articles import urls as public_urls
from kzportal import csp, icons, twofactor

# A database that fails inside a middleware is a 503, not a 500 (kzportal.resilience).
handler500 = "kzportal.resilience.server_error"

admin.site.site_header = _("kzportal editorial")
admin.site.site_title = _("kzportal editorial")
admin.site.index_title = _("Commentary, actors, claims and comments")
# Two-factor login (kzportal.twofactor): the login form asks for a TOTP code.
admin.site.login_form = twofactor.OTPAdminAuthenticationForm
admin.site.login_template = "admin/kz_login.html"

urlpatterns = [
    path("admin/two-factor/", admin.site.admin_view(twofactor.enrol), name="kz_two_factor"),
    path("admin/", admin.site.urls),
    path("csp-report/", csp.csp_report, name="csp_report"),
    path("favicon.ico", icons.favicon, name="favicon"),
    path("", include(public_urls.unprefixed_urlpatterns)),
]

def serve_media(request, path):
    """Uploaded images where no web server or bucket serves them: ``make run``/``make dev``
    and tests (``KZ_SERVE_MEDIA``). In production nginx serves MEDIA_ROOT (deploy/nginx).
    Settings are read per request (tests point MEDIA_ROOT at a temporary directory)."""
    if not settings.KZ_SERVE_MEDIA or settings.KZ_S3_BUCKET:
        raise Http404("Media are served by the web server.")
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns += [re_path(r"^{}(?P<path>.*)$".format(settings.MEDIA_URL.lstrip("/")), serve_media, name="media")]

# Public pages in English at their own address, in Russian under /ru/, in Kazakh
# under /kk/ (the same slugs in every language).
urlpatterns += i18n_patterns(path("", include(public_urls.urlpatterns)), prefix_default_language=False)
