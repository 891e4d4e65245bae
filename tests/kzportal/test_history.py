"""The audit trail (kzportal/history.py): reverts that never move status or schedule
unseen and log what they changed; one log entry per object for every bulk action;
history on every editorial model, shown in full."""

import datetime

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from actors.models import ActorAlias
from articles import publishing
from articles.models import (
    Article,
    ArticleActor,
    ArticleAuthor,
    Citation,
    Contribution,
    Correction,
    SourceMarker,
    Theme,
)
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


# ---------------------------------------------------------------------------
# Reverts restore the article's rows too (articles/reverts.py)
# ---------------------------------------------------------------------------


def _two_versions():
    """Version one: a byline, a contribution, a correction and a citation. Then version
    two, saved as the admin saves (the article first, its rows after it): another
    byline, the contribution and the correction rewritten, a second correction, and the
    citation pointed at another passage."""
    first_author, second_author = AuthorFactory(name="Aliya First"), AuthorFactory(name="Boris Second")
    article = ready_article(title="Version one", authors=[first_author])
    contribution = ContributionFactory(article=article, order=1, body="First answer about the CSTO.")
    correction = Correction.objects.create(article=article, text="We misspelt a name.")
    citation = CitationFactory(article=article, quote="The CSTO deployed troops to Kazakhstan.")
    version_one = article.history.latest("history_date")
    article.title = "Version two"
    article.save()
    article.article_authors.get().delete()
    ArticleAuthor.objects.create(article=article, author=second_author, order=0)
    contribution.body = "A rewritten answer."
    contribution.save()
    correction.text = "We misspelt two names."
    correction.save()
    Correction.objects.create(article=article, text="Added a paragraph.")
    citation.quote = "Russia quickly came to the government's aid."
    citation.save()
    return article, version_one, first_author


def test_a_revert_lists_the_row_changes_first_then_restores_bylines_contributions_corrections_and_citations(
    editor_client, editor
):
    article, version_one, first_author = _two_versions()
    url, page, data = _revert_page(editor_client, article, version_one)
    rows = page.split('id="revert-rows"', 1)[1]
    for shown in ["A rewritten answer.", "First answer about the CSTO.", "Boris Second", "removed (added since)",
                  "restored (it was removed since)", "We misspelt two names.", "Added a paragraph.",
                  "Russia quickly came to the government"]:
        assert shown in rows, shown
    assert Contribution.objects.get().body == "A rewritten answer."  # nothing written by looking

    moved_anchor = Citation.objects.get().anchor
    response = editor_client.post(url, data, follow=True)
    # Back: the first byline; changed back: contribution, correction, citation; gone: the
    # second byline and the second correction.
    assert "Rows put back as they were: 1 restored, 3 changed back, 2 removed." in response.content.decode()
    article.refresh_from_db()
    assert article.title == "Version one"
    assert [a.author for a in article.article_authors.all()] == [first_author]
    assert Contribution.objects.get().body == "First answer about the CSTO."
    assert list(Correction.objects.values_list("text", flat=True)) == ["We misspelt a name."]
    citation = Citation.objects.get()
    # Found again in the restored text through the one write path: anchored, shown to readers.
    assert (citation.quote, citation.needs_review) == ("The CSTO deployed troops to Kazakhstan.", False)
    assert citation.anchor and citation.anchor != moved_anchor


def test_a_revert_writes_a_log_entry_for_the_article_and_one_per_row_naming_the_fields(editor_client):
    article, version_one, _first = _two_versions()
    url, _page, data = _revert_page(editor_client, article, version_one)
    editor_client.post(url, data)
    article_entry = LogEntry.objects.filter(content_type__model="article").latest("action_time")
    message = article_entry.get_change_message()
    assert "Changed Title." in message and "Changed Body for contribution" in message
    assert "Deleted byline" in message and "Added byline" in message
    contribution = Contribution.objects.get()
    entry = LogEntry.objects.get(content_type__model="contribution", object_id=str(contribution.pk))
    assert entry.get_change_message() == "Changed Body."
    assert LogEntry.objects.get(content_type__model="citation").get_change_message() == "Changed Quote."
    kinds = sorted(LogEntry.objects.filter(content_type__model="correction").values_list("action_flag", flat=True))
    assert kinds == [CHANGE, DELETION]
    byline_flags = LogEntry.objects.filter(content_type__model="articleauthor").values_list("action_flag", flat=True)
    assert sorted(byline_flags) == [ADDITION, DELETION]


def test_a_revert_refuses_when_the_rows_changed_after_the_page_was_shown(editor_client):
    article, version_one, _first = _two_versions()
    url, _page, data = _revert_page(editor_client, article, version_one)
    contribution = Contribution.objects.get()
    contribution.body = "Someone else's newer answer."
    contribution.save()
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "have changed since the page was shown" in response.content.decode()
    assert "Someone else&#x27;s newer answer." in response.content.decode()  # the new list is shown
    article.refresh_from_db()
    assert article.title == "Version two"
    assert Contribution.objects.get().body == "Someone else's newer answer."


def test_contributions_that_swapped_places_swap_back(editor_client):
    article = ready_article()
    one = ContributionFactory(article=article, order=1, body="The first expert.")
    two = ContributionFactory(article=article, order=2, body="The second expert.")
    version = article.history.latest("history_date")
    article.save()
    one.order = 3
    one.save()
    two.order = 1
    two.save()
    one.order = 2
    one.save()
    url, _page, data = _revert_page(editor_client, article, version)
    assert editor_client.post(url, data).status_code == 302
    assert list(Contribution.objects.order_by("order").values_list("body", flat=True)) == [
        "The first expert.", "The second expert.",
    ]
    assert sorted(Contribution.objects.values_list("pk", flat=True)) == sorted([one.pk, two.pk])


def test_rows_without_a_history_are_kept_and_named_on_the_revert_page(editor_client):
    article = ready_article()
    version = article.history.latest("history_date")
    article.save()
    # The importer and the launch loader write source markers in bulk: no history.
    SourceMarker.objects.bulk_create([SourceMarker(article=article, context="as the ministry said", order=1)])
    url, page, data = _revert_page(editor_client, article, version)
    assert "as the ministry said" in page.split('id="revert-rows"', 1)[1]
    assert "kept as it is" in page
    assert editor_client.post(url, data).status_code == 302
    assert SourceMarker.objects.filter(article=article).count() == 1


def test_a_writer_cannot_revert_a_published_piece_to_a_version_from_when_it_was_a_draft(client, writer):
    article, draft = _published_after_a_draft_version()
    client.force_login(writer)
    url = reverse("admin:articles_article_simple_history", args=[article.pk, draft.history_id])
    page = client.get(url)
    assert page.status_code == 200 and "Press the &#x27;Revert&#x27; button" not in page.content.decode()
    assert client.post(url, {"title": "Hijacked"}).status_code == 403
    article.refresh_from_db()
    assert article.title == "Published title"


# ---------------------------------------------------------------------------
# Missing objects and versions: a message and a redirect, never a 500
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("object_id", ["999999", "not-a-number", "1.5"])
@pytest.mark.parametrize("model", ["articles_article", "articles_claim", "actors_actor"])
def test_the_history_of_a_missing_or_malformed_id_redirects_with_a_message(editor_client, model, object_id):
    response = editor_client.get(reverse(f"admin:{model}_history", args=[object_id]), follow=True)
    assert response.redirect_chain and response.status_code == 200
    assert "doesn’t exist. Perhaps it was deleted?" in response.content.decode()
    response = editor_client.get(reverse(f"admin:{model}_simple_history", args=[object_id, "1"]), follow=True)
    assert response.redirect_chain and "doesn’t exist. Perhaps it was deleted?" in response.content.decode()


@pytest.mark.parametrize("version", ["999999", "abc", "-1", "other article's"])
def test_a_missing_or_malformed_version_redirects_to_the_history_with_a_message(editor_client, version):
    article = ArticleFactory()
    if version == "other article's":
        version = str(ArticleFactory().history.latest("history_date").history_id)
    response = editor_client.get(
        reverse("admin:articles_article_simple_history", args=[article.pk, version]), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("admin:articles_article_history", args=[article.pk])
    assert "There is no version" in response.content.decode()
    posted = editor_client.post(reverse("admin:articles_article_simple_history", args=[article.pk, version]), {})
    assert posted.status_code == 302


def test_an_actor_added_by_hand_and_removed_since_comes_back_as_added_by_hand(editor_client):
    article = ready_article()
    by_hand = ArticleActor.objects.create(article=article, actor=ActorFactory(name="Eurasian Economic Union"),
                                          origin=ArticleActor.Origin.MANUAL)
    version = article.history.latest("history_date")
    article.save()
    by_hand.delete()
    url, page, data = _revert_page(editor_client, article, version)
    assert "Eurasian Economic Union" in page.split('id="revert-rows"', 1)[1]
    assert editor_client.post(url, data).status_code == 302
    restored = ArticleActor.objects.get(article=article, actor__name="Eurasian Economic Union")
    assert restored.origin == ArticleActor.Origin.MANUAL


def test_a_writer_s_revert_of_a_draft_leaves_the_corrections_she_may_not_edit(client, writer):
    article = ArticleFactory(title="Draft one")
    Correction.objects.create(article=article, text="An early correction.")
    version = article.history.latest("history_date")
    article.title = "Draft two"
    article.save()
    Correction.objects.all().delete()
    client.force_login(writer)
    url, page, data = _revert_page(client, article, version)
    assert "you may not add, change or delete these rows" in page
    assert client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert article.title == "Draft one"
    assert not Correction.objects.exists()


def test_a_deleted_article_s_history_can_be_read_but_not_reverted_into_a_new_article(editor_client):
    article = ArticleFactory(title="Gone piece")
    pk, version = article.pk, article.history.latest("history_date").history_id
    article.delete()
    assert editor_client.get(reverse("admin:articles_article_history", args=[pk])).status_code == 200
    url = reverse("admin:articles_article_simple_history", args=[pk, version])
    page = editor_client.get(url)
    assert page.status_code == 200 and "Press the &#x27;Revert&#x27; button" not in page.content.decode()
    assert editor_client.post(url, {"title": "Gone piece", "slug": "gone", "status": "draft"}).status_code == 403
    assert not Article.objects.filter(pk=pk).exists()
