"""The root URL configuration: the editors' admin (with its two-factor enrolment),
the CSP violation report endpoint, ``/favicon.ico``, and every public route from ``articles/urls.py``
(one URLconf, one block per section)."""

from django.contrib import admin
from django.urls import include, path

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
