"""Source markers editors resolve to addresses (SourceMarkerAdmin in
articles/admin/taxonomy.py), on the launch content's 13 unresolved [↗] markers."""

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse

from articles.models import SourceMarker

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_sourcemarker_changelist")


def test_the_launch_content_has_13_unresolved_markers_listed_for_editors(launch_content, editor_client):
    assert SourceMarker.objects.filter(url="").count() == 13
    response = editor_client.get(CHANGELIST, {"resolved": "no"})
    assert response.context["cl"].result_count == 13


def test_an_editor_resolves_a_marker_and_readers_get_the_link(launch_content, editor_client):
    marker = SourceMarker.objects.filter(url="").select_related("article").order_by("pk").first()
    page = editor_client.get(CHANGELIST, {"resolved": "no"})
    markers = list(page.context["cl"].result_list)
    data = {
        "form-TOTAL_FORMS": str(len(markers)),
        "form-INITIAL_FORMS": str(len(markers)),
        "_save": "Save",
    }
    for i, row in enumerate(markers):
        data[f"form-{i}-id"] = str(row.pk)
        data[f"form-{i}-url"] = "https://example.org/source" if row.pk == marker.pk else ""
    response = editor_client.post(CHANGELIST + "?resolved=no", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    marker.refresh_from_db()
    assert marker.url == "https://example.org/source"
    assert SourceMarker.objects.filter(url="").count() == 12
    assert LogEntry.objects.get(object_id=str(marker.pk)).get_change_message() == "Changed Source URL."
    assert marker.history.latest("history_date").url == "https://example.org/source"
    page = Client().get(marker.article.get_absolute_url()).content.decode()
    assert 'href="https://example.org/source"' in page
