"""Importing commentary from the admin (articles/admin/importing.py): upload or paste, preview, correct, create."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article, Comment, Publication

CORPUS = Path(__file__).resolve().parents[1] / "importing/corpus"
SEEDS = Path(__file__).resolve().parents[3] / "articles/fixtures/seeds"
URL = reverse("admin:articles_article_import")

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def publications(db):
    Publication.objects.create(name="Chatham House", slug="chatham-house", url="https://www.chathamhouse.org/")
    Publication.objects.create(name="The Guardian", slug="guardian", url="https://www.theguardian.com/")


def upload(name, content=None):
    data = content if content is not None else (CORPUS / name).read_bytes()
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def preview(client, *files, **fields):
    return client.post(URL, {"files": list(files), **fields})


def create_from(client, response, **changes):
    """Post the preview's own form back, with ``changes`` to the first page's fields."""
    formset = response.context["formset"]
    data = {"create": "1"}
    for key, value in formset.management_form.initial.items():
        data[f"page-{key}"] = value
    for n, form in enumerate(formset.forms):
        for name in form.fields:
            value = form.initial.get(name, "")
            if isinstance(value, dt.date):
                value = value.isoformat()
            data[f"page-{n}-{name}"] = "" if value is None else value
    for name, value in changes.items():
        data[f"page-0-{name}"] = value
    options = response.context["options"]
    if options.get("approve_comments"):
        data["approve_comments"] = "on"
    return client.post(URL, data)


def test_article_list_links_to_the_import_page(editor_client):
    response = editor_client.get(reverse("admin:articles_article_changelist"))
    assert URL in response.content.decode()
    assert editor_client.get(URL).status_code == 200


def test_moderators_cannot_import(moderator_client):
    assert moderator_client.get(URL).status_code == 403


def test_preview_shows_every_detected_field_its_evidence_and_warnings_and_creates_nothing(editor_client):
    response = preview(editor_client, upload("chatham_expert_comment.txt"), upload("guardian_opinion.html"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kazakhstan’s unrest exposes a brittle transition" in page
    assert "Mira Kowalczyk" in page
    assert "2022-01-07" in page
    assert "The protests began over fuel" in page  # the standfirst
    assert "https://www.theguardian.com/commentisfree/2022/jan/11/" in page
    assert "Evidence" in page and "masthead" in page and "canonical link" in page
    assert Article.objects.count() == 0


def test_editor_corrects_a_field_in_the_preview_and_gets_a_draft_with_an_admin_log_entry(editor_client, editor):
    response = preview(editor_client, upload("chatham_expert_comment.txt"))
    created = create_from(editor_client, response, title="A corrected title", authors="Mira Kowalczyk\nJo Bloggs")
    assert created.status_code == 302
    article = Article.objects.get()
    assert article.title == "A corrected title"
    assert article.status == Article.Status.DRAFT
    assert [c.author.name for c in article.article_authors.order_by("order")] == ["Mira Kowalczyk", "Jo Bloggs"]
    assert article.publication.slug == "chatham-house"
    assert article.published_on == dt.date(2022, 1, 7)
    entry = LogEntry.objects.get()
    assert (entry.action_flag, entry.object_id, entry.user_id) == (ADDITION, str(article.pk), editor.pk)


def test_clearing_the_date_in_the_preview_leaves_the_draft_undated(editor_client):
    response = preview(editor_client, upload("chatham_expert_comment.txt"))
    create_from(editor_client, response, published_on="")
    assert Article.objects.get().published_on is None


def test_pasted_text_is_imported_like_a_file_and_twice_is_unchanged(editor_client):
    text = (SEEDS / "003_e7ee87d889a21c99.txt").read_text(encoding="utf-8")
    response = editor_client.post(URL, {"pasted": text})
    create_from(editor_client, response)
    again = editor_client.post(URL, {"pasted": text})
    create_from(editor_client, again)
    assert Article.objects.count() == 1
    assert {c.status for c in Comment.objects.all()} == {Comment.Status.PENDING}


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "is empty"),
        (b"   \n\n ", "is empty"),
        (b"abc\x00def", "contains NUL bytes"),
        (b"caf\xe9 au lait", "is not UTF-8 text (byte 0xe9 at offset 3)"),
        (b"x" * (1024 * 1024 + 1), "over the 1 MB limit"),
        (b"Print\nRate this article\n(no votes)\nShare this article\nLeave a Reply\n", "no paragraphs found"),
    ],
)
def test_bad_files_get_the_commands_one_line_refusal_and_nothing_is_created(editor_client, content, reason):
    response = preview(editor_client, upload("bad.txt", content))
    assert response.status_code == 200
    refusals = response.context["refusals"]
    assert len(refusals) == 1 and refusals[0].startswith("bad.txt: ") and reason in refusals[0]
    assert "\n" not in refusals[0]
    assert Article.objects.count() == 0


def test_an_empty_form_asks_for_a_file_or_text(editor_client):
    response = editor_client.post(URL, {})
    assert response.context["refusals"] == ["Choose at least one file or paste a text."]


def test_the_import_page_runs_no_inline_script_or_style(editor_client):
    response = preview(editor_client, upload("chatham_expert_comment.txt"))
    page = response.content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)
    assert "style=" not in page
