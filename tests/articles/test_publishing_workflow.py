"""The editorial workflow of articles/publishing.py (issue 12): which moves exist, who may
make them, what publishing requires, and who may preview. Every path ends in
``change_status``: the services, the change form, the bulk actions and the model itself."""

import datetime
import itertools

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import publishing
from articles.models import Article, Citation
from tests.support.admin_forms import form_data
from tests.support.db import rolled_back_for_module
from tests.support.factories import ArticleFactory, CitationFactory, ContributionFactory, ready_article

pytestmark = pytest.mark.django_db

S = Article.Status
ROLES = ["writer", "editor", "moderator", "groupless staff", "superuser"]

# The truth table: (from, to) → the roles that may make the move. Every other pair,
# and every role not listed, is refused.
MAY_MOVE = {
    (S.DRAFT, S.REVIEW): {"writer", "editor", "superuser"},
    (S.REVIEW, S.DRAFT): {"writer", "editor", "superuser"},
    (S.REVIEW, S.PUBLISHED): {"editor", "superuser"},
    (S.PUBLISHED, S.PUBLISHED): {"editor", "superuser"},
    (S.PUBLISHED, S.ARCHIVED): {"editor", "superuser"},
    (S.PUBLISHED, S.DRAFT): {"editor", "superuser"},
    (S.ARCHIVED, S.DRAFT): {"editor", "superuser"},
}


def staff_of_every_role():
    """One staff user per role (their pks)."""

    def staff(name, group=None, **extra):
        user = get_user_model().objects.create_user(
            name, password="correct horse battery", is_staff=True, **extra
        )
        if group:
            user.groups.add(Group.objects.get(name=group))
        return user.pk

    return {
        "writer": staff("wendy", "Writers"),
        "editor": staff("eddie", "Editors"),
        "moderator": staff("mona", "Moderators"),
        "groupless staff": staff("gus"),
        "superuser": staff("chief", is_superuser=True),
    }


def reloaded(model, pks):
    """Fresh instances of ``pks`` (a dict of pks): a test never changes a shared instance."""
    return {key: model.objects.get(pk=pk) for key, pk in pks.items()}


def article_in(status, **kwargs):
    live_from = timezone.now() - datetime.timedelta(days=1) if status in (S.PUBLISHED, S.ARCHIVED) else None
    return ready_article(status=status, live_from=live_from, **kwargs)


# The tables' cases share their users and articles, made once for each class below in a
# transaction rolled back when the class ends (the module's other tests never see them);
# each case runs in its own savepoint, so the moves it makes are undone before the next.


@pytest.fixture(scope="class")
def shared_moves(django_db_setup, django_db_blocker):
    """The users, and in every status one article for each role and one for the system."""
    with rolled_back_for_module(django_db_blocker):
        articles = {
            (status, who): article_in(status).pk for status in S.values for who in [*ROLES, "the system"]
        }
        yield staff_of_every_role(), articles


class TestTheTablesOfMoves:
    @pytest.fixture
    def people(self, shared_moves, db):
        return reloaded(get_user_model(), shared_moves[0])

    @pytest.fixture
    def articles(self, shared_moves, db):
        """Fresh copies of the articles, keyed by (status, role or "the system")."""
        return reloaded(Article, shared_moves[1])

    @pytest.mark.parametrize(("source", "target"), list(itertools.product(S.values, S.values)))
    def test_the_truth_table_of_moves_and_roles(self, people, articles, source, target):
        for role in ROLES:
            article = articles[source, role]
            assert article.status == source
            allowed = role in MAY_MOVE.get((source, target), set())
            assert (target in publishing.allowed_statuses(article=article, by=people[role])) == (
                allowed or source == target
            ), role
            if allowed:
                publishing.change_status(article=article, status=target, by=people[role])
                assert Article.objects.get(pk=article.pk).status == target, role
            else:
                with pytest.raises(ValidationError):
                    publishing.change_status(article=article, status=target, by=people[role])
                assert Article.objects.get(pk=article.pk).status == source, role

    @pytest.mark.parametrize(("source", "target"), list(itertools.product(S.values, S.values)))
    def test_the_system_is_bound_by_the_same_moves_but_not_by_a_user_s_permissions(
        self, articles, source, target
    ):
        article = articles[source, "the system"]
        assert article.status == source
        if (source, target) in MAY_MOVE:
            publishing.change_status(article=article, status=target, by=None)
            assert Article.objects.get(pk=article.pk).status == target
        else:
            with pytest.raises(ValidationError, match="cannot become"):
                publishing.change_status(article=article, status=target, by=None)


def test_the_issue_s_shortcuts_are_refused_with_reasons(editor):
    draft = ready_article(status=S.DRAFT)
    with pytest.raises(ValidationError, match="A piece that is draft cannot become published; .* in review"):
        publishing.publish_article(article=draft, by=editor)
    archived = article_in(S.ARCHIVED)
    with pytest.raises(ValidationError, match="archived cannot become published"):
        publishing.publish_article(article=archived, by=editor)
    assert not Article.objects.published().exists()


def test_a_status_set_outside_the_workflow_is_refused_by_the_model():
    article = ArticleFactory()
    article = Article.objects.get(pk=article.pk)
    article.status = S.PUBLISHED
    with pytest.raises(ValidationError, match="publishing workflow"):
        article.save()
    assert Article.objects.get(pk=article.pk).status == S.DRAFT


# ---------------------------------------------------------------------------
# Readiness: what publishing requires
# ---------------------------------------------------------------------------


def refused_reasons(article, by):
    with pytest.raises(ValidationError) as refused:
        publishing.publish_article(article=article, by=by)
    return " ".join(refused.value.messages)


def test_a_piece_without_author_date_publication_and_rights_is_refused_with_every_reason(editor):
    article = ArticleFactory(status=S.REVIEW, publication=None, published_on=None)
    reasons = refused_reasons(article, editor)
    assert "no author" in reasons and "no date" in reasons
    assert "names no publication" in reasons and "no rights note" in reasons
    assert Article.objects.get(pk=article.pk).status == S.REVIEW


def test_an_original_piece_needs_no_publication_or_rights_but_an_author_and_a_date(editor):
    article = ArticleFactory(status=S.REVIEW, publication=None, origin=Article.Origin.ORIGINAL)
    assert refused_reasons(article, editor).startswith("It has no author")
    ContributionFactory(article=article)  # a round-up's expert counts as its author
    publishing.publish_article(article=article, by=editor)
    assert Article.objects.published().get() == article


def test_a_piece_whose_source_names_no_publication_still_needs_its_rights_note(editor):
    article = ready_article(publication=None, origin=Article.Origin.UNNAMED, rights="")
    assert "no rights note" in refused_reasons(article, editor)
    article.rights = "No licence or permission is recorded; the page prints none."
    publishing.save_article(article=article)
    publishing.publish_article(article=article, by=editor)


def test_a_citation_needing_review_blocks_publishing_and_is_named(editor):
    article = ready_article()
    citation = CitationFactory(article=article)
    Citation.objects.filter(pk=citation.pk).update(needs_review=True, anchor="")
    Article.objects.filter(pk=article.pk).update(body="Only new words now.", body_html='<p id="p1">Only new words now.</p>')
    article.refresh_from_db()
    assert "1 citation needs review" in refused_reasons(article, editor)
    assert citation.quote[:30] in refused_reasons(article, editor)


# ---------------------------------------------------------------------------
# The admin: change form, actions, read-only states
# ---------------------------------------------------------------------------


def change_form(client, article):
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.get(url)
    assert response.status_code == 200
    return url, form_data(response.content.decode(), "article_form"), response.content.decode()


def test_refused_publishing_in_the_change_form_keeps_the_edit_and_shows_every_reason(editor_client):
    article = ArticleFactory(status=S.REVIEW, rights="")
    url, data, page = change_form(editor_client, article)
    assert "It has no author" in page  # the form says so before anyone tries
    data.update(title="A better headline", status=S.PUBLISHED)
    response = editor_client.post(url, data, follow=True)
    content = response.content.decode()
    assert "was not made published" in content
    assert "It has no author" in content and "no rights note" in content
    stored = Article.objects.get(pk=article.pk)
    assert (stored.title, stored.status) == ("A better headline", S.REVIEW)


def test_refused_publishing_by_bulk_action_names_the_article_and_the_reasons(editor_client):
    ready, lacking = ready_article(), ArticleFactory(status=S.REVIEW, title="No byline yet")
    response = editor_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish", "_selected_action": [ready.pk, lacking.pk]},
        follow=True,
    )
    content = response.content.decode()
    assert "1 article(s) published" in content
    assert "“No byline yet” was not changed" in content and "It has no author" in content
    assert list(Article.objects.published()) == [ready]


def test_a_writer_submits_for_review_but_is_offered_no_way_to_publish(writer_client):
    article = ready_article(status=S.DRAFT)
    url, data, page = change_form(writer_client, article)
    assert '<option value="published"' not in page and '<option value="review"' in page
    changelist = writer_client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert 'value="submit_for_review"' in changelist
    assert 'value="publish"' not in changelist and 'value="archive"' not in changelist

    data["status"] = S.PUBLISHED  # a forged post
    response = writer_client.post(url, data)
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    data["status"] = S.REVIEW
    assert writer_client.post(url, data).status_code == 302
    assert Article.objects.get(pk=article.pk).status == S.REVIEW

    forged = writer_client.post(
        reverse("admin:articles_article_changelist"), {"action": "publish", "_selected_action": [article.pk]}
    )
    assert forged.status_code in (200, 302)
    assert not Article.objects.published().exists()


def test_a_writer_writes_a_new_draft_with_byline_and_sends_it_to_review(writer_client):
    from tests.support.factories import AuthorFactory, PublicationFactory

    author, publication = AuthorFactory(), PublicationFactory()
    url = reverse("admin:articles_article_add")
    page = writer_client.get(url).content.decode()
    assert '<option value="published"' not in page
    data = form_data(page, "article_form")
    data.update(title="A writer's piece", slug="a-writers-piece", body="Words.", status=S.REVIEW,
                publication=str(publication.pk), rights="Permission by e-mail from the author, 3 May 2026.",
                published_on="2026-05-01")
    data.update({"article_authors-TOTAL_FORMS": "1", "article_authors-0-author": str(author.pk),
                 "article_authors-0-order": "0"})
    response = writer_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get(slug="a-writers-piece")
    assert article.status == S.REVIEW and publishing.readiness_problems(article=article) == []
    assert not Article.objects.published().exists()


def test_a_writer_cannot_edit_or_schedule_a_published_piece(writer_client):
    article = article_in(S.PUBLISHED)
    url = reverse("admin:articles_article_change", args=[article.pk])
    page = writer_client.get(url).content.decode()
    assert 'name="body"' not in page  # read-only view
    assert writer_client.post(url, {"title": "Hijacked"}).status_code == 403
    draft = ready_article(status=S.DRAFT)
    _, _, page = change_form(writer_client, draft)
    assert 'name="live_from_0"' not in page


def test_a_moderator_cannot_open_articles_in_the_admin_or_run_their_actions(moderator_client):
    article = ready_article()
    assert moderator_client.get(reverse("admin:articles_article_change", args=[article.pk])).status_code == 403
    response = moderator_client.post(
        reverse("admin:articles_article_changelist"), {"action": "publish", "_selected_action": [article.pk]}
    )
    assert response.status_code == 403
    assert not Article.objects.published().exists()


# ---------------------------------------------------------------------------
# Previews
# ---------------------------------------------------------------------------


# Who sees a piece on the public site before readers do: only those with the preview
# permission (Editors, superusers). Writing it (Writers) or staff status is not enough.
MAY_PREVIEW = {"editor", "superuser"}
PREVIEW_PAGES = {
    "page": lambda article: article.get_absolute_url(),
    "print view": lambda article: reverse("articles:print", kwargs={"slug": article.slug}),
    "social card": lambda article: reverse("articles:card", kwargs={"slug": article.slug}),
}


PREVIEW_STATES = ["draft", "review", "scheduled", "archived"]


def _in_state(state):
    if state == "scheduled":
        return ready_article(status=S.PUBLISHED, live_from=timezone.now() + datetime.timedelta(days=3))
    return article_in(state)


@pytest.fixture(scope="class")
def shared_previews(django_db_setup, django_db_blocker):
    """The users, and an article in every state a reader must not see."""
    with rolled_back_for_module(django_db_blocker):
        yield staff_of_every_role(), {state: _in_state(state).pk for state in PREVIEW_STATES}


class TestTheTableOfPreviews:
    @pytest.fixture
    def people(self, shared_previews, db):
        return reloaded(get_user_model(), shared_previews[0])

    @pytest.fixture
    def articles(self, shared_previews, db):
        return reloaded(Article, shared_previews[1])

    @pytest.mark.parametrize("page", list(PREVIEW_PAGES))
    @pytest.mark.parametrize("state", PREVIEW_STATES)
    def test_who_may_preview_what(self, people, articles, state, page):
        url = PREVIEW_PAGES[page](articles[state])
        for role in ROLES:
            browser = Client()
            browser.force_login(people[role])
            response = browser.get(url)
            assert response.status_code == (200 if role in MAY_PREVIEW else 404), role
            if response.status_code == 200:
                assert response["Cache-Control"] == "private, no-store", role
        assert Client().get(url).status_code == 404


def test_a_moderator_cannot_preview_a_draft(moderator_client):
    assert moderator_client.get(ArticleFactory().get_absolute_url()).status_code == 404


def test_a_writer_cannot_preview_their_own_draft_nor_is_offered_a_link_to_one(writer_client):
    draft = ArticleFactory(title="Wendy's draft")
    change_page = writer_client.get(reverse("admin:articles_article_change", args=[draft.pk]))
    assert change_page.status_code == 200  # she may edit it in the admin
    assert "View on site" not in change_page.content.decode()
    assert writer_client.get(draft.get_absolute_url()).status_code == 404
    assert writer_client.get(reverse("articles:print", kwargs={"slug": draft.slug})).status_code == 404


def test_an_editor_is_offered_the_preview_of_a_draft_and_a_writer_sees_published_pieces_like_a_reader(
    editor_client, writer
):
    draft = ArticleFactory()
    assert "View on site" in editor_client.get(reverse("admin:articles_article_change", args=[draft.pk])).content.decode()
    live = ArticleFactory(published=True)
    writing = Client()
    writing.force_login(writer)
    response = writing.get(live.get_absolute_url())
    assert response.status_code == 200 and "no-store" not in response.get("Cache-Control", "")


def test_a_preview_s_social_card_is_never_cached_and_a_moderator_gets_none(editor_client, moderator):
    draft = ArticleFactory()
    card = reverse("articles:card", kwargs={"slug": draft.slug})
    response = editor_client.get(card)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    moderating = Client()
    moderating.force_login(moderator)
    assert moderating.get(card).status_code == 404
    live = ArticleFactory(published=True)
    assert "public" in Client().get(reverse("articles:card", kwargs={"slug": live.slug}))["Cache-Control"]


def test_a_published_page_is_not_marked_private(editor_client):
    article = ArticleFactory(published=True)
    response = editor_client.get(article.get_absolute_url())
    assert response.status_code == 200 and "no-store" not in response.get("Cache-Control", "")
