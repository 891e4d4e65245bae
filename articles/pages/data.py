"""``/data/``: the open data. The latest dump of the published argument graph (its
version, date, size, licence and SHA-256, written by ``manage.py export_dataset`` or
the task worker after publishing), the files themselves, and where the API lives."""

import re

from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from articles.opendata.export import PACKAGE_PREFIX, data_dir, latest

from .base import PageMixin

DUMP_FILE = re.compile(rf"^{re.escape(PACKAGE_PREFIX)}[0-9]{{8}}T[0-9]{{6}}Z\.zip(\.sha256)?$")


class DataView(PageMixin, TemplateView):
    template_name = "data/index.html"

    def page_context(self, **kwargs):
        return {
            "dump": latest(),
            "page_title": _("Open data"),
            "page_description": _("The claims, citations, actors and commentary metadata of this site as "
                                  "data: a read-only JSON API and downloadable dumps."),
        }


def download(request, filename):
    """A dump's zip or checksum by its exact name; nothing else in the data directory."""
    if not DUMP_FILE.match(filename):
        raise Http404("No such file.")
    path = data_dir() / filename
    if not path.is_file():
        raise Http404("No such file.")
    sha = filename.endswith(".sha256")
    response = FileResponse(open(path, "rb"), as_attachment=not sha, filename=filename,  # noqa: SIM115
                            content_type="text/plain; charset=utf-8" if sha else "application/zip")
    response["Cache-Control"] = "public, max-age=31536000, immutable"  # a dump's name is its version
    return response


def latest_download(request):
    """``/data/latest.zip``: a redirect to the newest dump's own address."""
    dump = latest()
    if dump is None:
        raise Http404("No dump has been written yet.")
    response = redirect("data:file", filename=dump["zip"])
    response["Cache-Control"] = "no-cache"
    return response
