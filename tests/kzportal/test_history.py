"""The audit trail (kzportal/history.py): reverts that never move status or schedule
unseen and log what they changed; one log entry per object for every bulk action;
history on every editorial model, shown in full."""

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from actors.models import ActorAlias
from articles import publishing
from articles.models import Article, Citation, Contribution, Theme
from tests.support.admin_forms import form_data
from tests.support.factories import (
    ActorFactory,
    ArticleFactory,
    AuthorFactory,
    CitationFactory,
    ContributionFactory,
    EventFactory,
    PublicationFactory,
    ThemeFactory,
    ready_article,
)

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")


def _revert_page(client, article, version):
    url = reverse("admin:articles_article_simple_history", args=[article.pk, version.history_id])
    page = client.get(url, follow=True).content.decode()
    return url, page, form_data(page, "historicalarticle_form")


def _published_after_a_draft_version():
    article = ready_article(title="Draft title", status=Article.Status.DRAFT)
    draft = article.history.latest("history_date")
    article.title = "Published title"
    article.live_from = timezone.now() - datetime.timedelta(hours=1)
    article.save()
    publishing.change_status(article=article, status=Article.Status.REVIEW, by=None)
    publishing.change_status(article=article, status=Article.Status.PUBLISHED, by=None)
    return article, draft


def test_reverting_to_a_pre_publication_version_restores_content_but_keeps_it_published(editor_client):
    article, draft = _published_after_a_draft_version()
    url, page, data = _revert_page(editor_client, article, draft)
    assert "stay as they are now" in page  # says so before anything is saved
    assert data["title"] == "Draft title"
    assert data["status"] == "published"
    response = editor_client.post(url, data, follow=True)
    assert "Reverted. Fields changed: Title." in response.content.decode()
    article.refresh_from_db()
    assert (article.title, article.status) == ("Draft title", Article.Status.PUBLISHED)
    assert Client().get(article.get_absolute_url()).status_code == 200
    entry = LogEntry.objects.filter(object_id=str(article.pk)).latest("action_time")
    assert entry.get_change_message() == "Changed Title."


def test_a_revert_that_would_unpublish_asks_for_confirmation_first(editor_client):
    article, draft = _published_after_a_draft_version()
    url, _page, data = _revert_page(editor_client, article, draft)
    data["status"] = "draft"
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "This revert would change Status" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    data["confirm_workflow_change"] = "on"
    assert editor_client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert Client().get(article.get_absolute_url()).status_code == 404
    entry = LogEntry.objects.filter(object_id=str(article.pk)).latest("action_time")
    assert "Status" in entry.get_change_message() and "Title" in entry.get_change_message()


@pytest.mark.parametrize(
    ("action", "start"),
    [("publish", "review"), ("submit_for_review", "draft"), ("archive", "published"), ("unpublish", "published")],
)
def test_every_bulk_article_action_writes_one_log_entry_per_article_naming_the_fields(editor_client, action, start):
    make = {"review": ready_article, "draft": ArticleFactory, "published": lambda: ArticleFactory(published=True)}
    articles = [make[start]() for _ in range(3)]
    editor_client.post(CHANGELIST, {"action": action, "_selected_action": [a.pk for a in articles]})
    entries = LogEntry.objects.filter(content_type__model="article")
    assert sorted(int(e.object_id) for e in entries) == sorted(a.pk for a in articles)
    assert all("Status" in e.get_change_message() for e in entries)


def test_the_citation_bulk_action_writes_one_log_entry_per_citation(editor_client):
    citations = []
    for _ in range(2):
        citation = CitationFactory(quote="The CSTO deployed troops to Kazakhstan.")
        Citation.objects.filter(pk=citation.pk).update(needs_review=True, quote="The CSTO deployed troops to Kazakstan.")
        citations.append(citation)
    editor_client.post(
        reverse("admin:articles_citation_changelist"),
        {"action": "use_closest_passages", "_selected_action": [c.pk for c in citations]},
    )
    entries = LogEntry.objects.filter(content_type__model="citation")
    assert sorted(int(e.object_id) for e in entries) == sorted(c.pk for c in citations)
    assert all("Quote" in e.get_change_message() for e in entries)


def test_inline_rows_and_every_editorial_model_keep_a_history():
    article = ArticleFactory(authors=[AuthorFactory()])
    contribution = ContributionFactory(article=article, body="First answer.")
    contribution.body = "Second answer."
    contribution.save()
    ActorAlias.objects.create(actor=ActorFactory(), name="Akorda")
    for obj in [article.article_authors.get(), contribution, EventFactory(), PublicationFactory(), ThemeFactory()]:
        assert obj.history.exists(), obj
    assert [h.body for h in Contribution.history.order_by("history_date")] == ["First answer.", "Second answer."]
    assert ActorAlias.history.filter(name="Akorda").exists()
    article.themes.add(Theme.objects.get())
    assert article.themes.through.history.filter(object_id=article.pk).exists()


def test_the_history_page_shows_a_long_change_in_full(editor_client):
    article = ArticleFactory(body="Short.")
    long_body = "A long paragraph " * 30 + "ending here."
    article.body = long_body
    article.save()
    page = editor_client.get(reverse("admin:articles_article_history", args=[article.pk])).content.decode()
    assert "ending here." in page


def test_the_article_history_page_lists_changes_to_its_inline_rows(editor_client):
    article = ArticleFactory()
    contribution = ContributionFactory(article=article, body="First answer.")
    contribution.body = "A revised answer."
    contribution.save()
    article.themes.add(ThemeFactory(name="Energy"))
    page = editor_client.get(reverse("admin:articles_article_history", args=[article.pk])).content.decode()
    assert "Changes to bylines, contributions" in page
    assert "First answer." in page and "A revised answer." in page
    assert "theme:" in page


def test_a_change_to_a_russian_description_is_in_the_history_diff_and_can_be_reverted(editor_client):
    theme = ThemeFactory(name="Energy", description="Oil, gas and uranium.", description_ru="Нефть, газ и уран.")
    first = theme.history.get()
    theme.description_ru = "Нефть, газ и уран Казахстана."
    theme.save()
    latest = theme.history.order_by("history_date", "history_id").last()
    assert latest.diff_against(first).changed_fields == ["description_ru"]

    history = editor_client.get(reverse("admin:articles_theme_history", args=[theme.pk])).content.decode()
    assert "Нефть, газ и уран." in history and "Нефть, газ и уран Казахстана." in history

    url = reverse("admin:articles_theme_simple_history", args=[theme.pk, first.history_id])
    data = form_data(editor_client.get(url, follow=True).content.decode(), "historicaltheme_form")
    assert (data["description_en"], data["description_ru"]) == ("Oil, gas and uranium.", "Нефть, газ и уран.")
    editor_client.post(url, data, follow=True)
    theme.refresh_from_db()
    assert (theme.description_en, theme.description_ru) == ("Oil, gas and uranium.", "Нефть, газ и уран.")


def test_every_language_of_the_editorial_layer_is_recorded_in_its_history():
    actor = ActorFactory(name="Tokayev", role="President", role_kk="Президент")
    actor.role_kk = "Қазақстан Президенті"
    actor.name_ru = "Токаев"
    actor.save()
    older, newer = actor.history.order_by("history_date", "history_id")
    assert sorted(newer.diff_against(older).changed_fields) == ["name_ru", "role_kk"]
    alias = ActorAlias.objects.create(actor=actor, name="Elbasy", name_kk="Елбасы")
    assert alias.history.get().name_kk == "Елбасы"
    claim = CitationFactory().claim
    claim.statement_kk = "Мәлімдеме"
    claim.save()
    assert claim.history.order_by("history_date", "history_id").last().statement_kk == "Мәлімдеме"
    event = EventFactory(description_ru="Описание")
    publication = PublicationFactory(description_kk="Сипаттама")
    latest = [obj.history.order_by("history_date", "history_id").last() for obj in (event, publication)]
    assert (latest[0].description_ru, latest[1].description_kk) == ("Описание", "Сипаттама")
