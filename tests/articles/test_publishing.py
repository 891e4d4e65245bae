"""Citations survive every write of an article through the write path: edits in the body
and contributions, the importer and the launch loader; and the workflow services. A citation
whose words are gone needs review; one whose words are still there stays in its place
(issue 9). The same through the admin's change and add forms and history reverts:
tests/articles/admin/test_articles.py."""

import datetime
import importlib
import json
import re
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import publishing
from articles import publishing as services
from articles.importing.service import import_commentary
from articles.launch import load_launch_content
from articles.models import Article, Citation, Contribution
from articles.rendering import markdown as markdown_module
from articles.rendering.highlight import article_sections
from tests.support.admin_forms import inline_rows
from tests.support.citations import BODY, QUOTE, change_form, cite, edit_body
from tests.support.db import LAUNCH
from tests.support.factories import (
    ArticleFactory,
    AuthorFactory,
    ContributionFactory,
    ready_article,
)

pytestmark = pytest.mark.django_db

CAPTURED = json.loads((Path(__file__).parent / "rendering" / "launch_citations_before.json").read_text())
BIGGEST = "kazakhstan-crisis-and-central-asias-balance"


def anchors_of_launch():
    return {
        f"{c.claim.slug}|{c.article.slug}|{c.quote}": [c.anchor, c.position]
        for c in Citation.objects.select_related("claim", "article")
    }


def without_ids(sections):
    """Sections with citation ids blanked: database sequences differ between runs."""
    return {
        slug: [[prefix, re.sub(r'id="citation-\d+"', 'id="citation-N"', html)] for prefix, html in parts]
        for slug, parts in sections.items()
    }


def sections_of_launch():
    return without_ids(
        {a.slug: [[s.prefix, s.html] for s in article_sections(a)] for a in Article.objects.for_detail()}
    )


# ---------------------------------------------------------------------------
# Launch content, the migration and re-running the loader
# ---------------------------------------------------------------------------


@pytest.fixture(scope="class")
def launch_for_class(django_db_setup, django_db_blocker):
    """The launch dataset, put in place for the class and taken away when it ends
    (loaded once per test process: ``tests.support.db.LAUNCH``).

    The tests outside the class need a database without it. Each test still runs in
    its own savepoint (the ``db`` fixture), so what it writes, a second load included,
    is gone before the next one.
    """
    with LAUNCH.in_place(django_db_blocker):
        yield


@pytest.mark.usefixtures("launch_for_class")
class TestOverTheLaunchContent:
    """Over the launch content: each test starts from the database as one load left it
    (a test of re-running the loader makes only the second load itself)."""

    def test_launch_citations_are_anchored_and_highlighted_exactly_as_before(self):
        assert anchors_of_launch() == CAPTURED["anchors"]
        assert sections_of_launch() == without_ids(CAPTURED["sections"])
        assert not Citation.objects.needing_review().exists()
        assert not Citation.objects.filter(prefix="", suffix="").exists()

    def test_the_migration_captures_context_and_keeps_todays_anchors(self):
        Citation.objects.update(prefix="", suffix="")
        migration = importlib.import_module("articles.migrations.0004_citation_context_capture")
        migration.capture_context(django_apps, None)
        assert anchors_of_launch() == CAPTURED["anchors"]
        assert Citation.objects.filter(needs_review=False).exclude(prefix="", suffix="").count() == 120
        assert sections_of_launch() == without_ids(CAPTURED["sections"])

    def test_the_occurrences_migration_counts_each_quote_in_the_stored_text_and_moves_nothing(self):
        repeated = ArticleFactory(published=True, body="Alpha said the troops would leave.\n\nBeta said the troops would leave.")
        twice = cite(repeated, "the troops would leave")
        before = list(Citation.objects.order_by("pk").values("anchor", "position", "prefix", "suffix", "needs_review"))
        Citation.objects.update(occurrences=5)
        migration = importlib.import_module("articles.migrations.0015_citation_occurrences")
        migration.count_occurrences(django_apps, None)
        assert Citation.objects.get(pk=twice.pk).occurrences == 2
        assert set(Citation.objects.exclude(pk=twice.pk).values_list("occurrences", flat=True)) == {1}
        assert list(Citation.objects.order_by("pk").values("anchor", "position", "prefix", "suffix", "needs_review")) == before

    def test_rerunning_the_loader_and_saving_every_article_moves_no_citation(self):
        before = list(Citation.objects.order_by("pk").values("anchor", "position", "prefix", "suffix", "needs_review"))
        load_launch_content()
        for article in Article.objects.all():
            publishing.save_article(article=article)
        after = list(Citation.objects.order_by("pk").values("anchor", "position", "prefix", "suffix", "needs_review"))
        assert after == before

    def test_rerunning_the_loader_after_an_editor_s_edit_keeps_the_edit_and_the_citations_following_it(self):
        article = Article.objects.get(slug=BIGGEST)
        article.body = "An opening paragraph the editor added.\n\n" + article.body
        publishing.save_article(article=article)
        moved = dict(Citation.objects.filter(article=article).values_list("pk", "anchor"))
        assert all(anchor != "" for anchor in moved.values())
        load_launch_content()
        assert Article.objects.get(slug=BIGGEST).body.startswith("An opening paragraph the editor added.")
        assert dict(Citation.objects.filter(article=article).values_list("pk", "anchor")) == moved
        for key, (anchor, _position) in CAPTURED["anchors"].items():
            if f"|{BIGGEST}|" in key:
                assert f"p{int(anchor[1:]) + 1}" in moved.values()

    def test_the_issue_s_edit_adding_an_opening_paragraph_keeps_every_highlight(self, editor_client, client):
        article = Article.objects.get(slug=BIGGEST)
        page = client.get(article.get_absolute_url()).content.decode()
        marks = page.count("<mark")
        assert marks > 15
        url, data = change_form(editor_client, article)
        data["body"] = "An opening paragraph the editor added.\n\n" + data["body"]
        response = editor_client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:3000]
        page = client.get(article.get_absolute_url()).content.decode()
        assert page.count("<mark") == marks
        for citation in Citation.objects.filter(article=article):
            assert not citation.needs_review
            old_anchor = CAPTURED["anchors"][f"{citation.claim.slug}|{article.slug}|{citation.quote}"][0]
            assert citation.anchor == f"p{int(old_anchor[1:]) + 1}"
            claim_page = client.get(citation.claim.get_absolute_url()).content.decode()
            assert f"{article.get_absolute_url()}#{citation.anchor}" in claim_page

    def test_the_change_form_save_of_the_biggest_launch_article_runs_as_many_queries_at_two_sizes(self, editor_client):
        article = Article.objects.get(slug=BIGGEST)
        total = Citation.objects.filter(article=article).count()
        assert total >= 20

        def save_with_opening(text):
            url, data = change_form(editor_client, article)
            assert len(inline_rows(data, "citations")) == Citation.objects.filter(article=article).count()
            data["body"] = text + "\n\n" + data["body"]
            with CaptureQueriesContext(connection) as queries:
                response = editor_client.post(url, data)
            assert response.status_code == 302, response.content.decode()[:3000]
            return len(queries)

        many = save_with_opening("A first opening paragraph.")
        keep = list(Citation.objects.filter(article=article).order_by("pk").values_list("pk", flat=True)[:3])
        Citation.objects.filter(article=article).exclude(pk__in=keep).delete()
        few = save_with_opening("A second opening paragraph.")
        assert many == few, (total, many, few)
        assert not Citation.objects.needing_review().exists()


def test_an_import_and_its_rerun_go_through_the_write_path_and_keep_citations():
    sample = sorted((Path(__file__).resolve().parents[2] / "articles" / "fixtures" / "seeds").glob("*.txt"))[0]
    result = import_commentary(text=sample.read_text(encoding="utf-8"), source_name=sample.name)
    article = Article.objects.get(slug=result.slug)
    paragraph = article.paragraphs()[0][1]
    quote = " ".join(paragraph.split()[:8])
    citation = cite(article, quote)
    again = import_commentary(text=sample.read_text(encoding="utf-8"), source_name=sample.name)
    assert again.status == "unchanged"
    citation.refresh_from_db()
    assert citation.anchor == "p1" and not citation.needs_review


# ---------------------------------------------------------------------------
# Every kind of edit, through the one write path
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("edited", "anchor"),
    [
        ("A new first paragraph.\n\n" + BODY, "p4"),  # insert before
        (BODY.split("\n\n", 1)[1], "p2"),  # delete before
        ("\n\n".join(reversed(BODY.split("\n\n"))), "p2"),  # reorder
        (BODY + "\n\nA new last paragraph.", "p3"),  # insert after
        (BODY.replace("Tokayev asked", "President Tokayev formally asked").replace("Closing", "Final"), "p3"),
        (BODY.replace(QUOTE, "Within days, " + QUOTE + " Then they left."), "p3"),  # neighbourhood
        (BODY.replace(QUOTE, "Russia sent  paratroopers\nwithin hours."), "p3"),  # whitespace only
        (BODY.replace(QUOTE, "Russia sent *paratroopers* within [hours](https://x.example/)."), "p3"),
    ],
)
def test_body_edits_that_keep_the_words_keep_the_citation_in_place(edited, anchor):
    article = ArticleFactory(published=True, body=BODY)
    citation = cite(article)
    assert citation.anchor == "p3"
    (citation,) = edit_body(article, edited)
    assert (citation.anchor, citation.needs_review) == (anchor, False)


@pytest.mark.parametrize(
    "edited",
    [
        BODY.replace("paratroopers", "troops"),
        BODY.replace("within hours", "within two hours"),
        BODY.replace(QUOTE + "\n\n", ""),
        BODY.replace("within hours.", "within\n\nhours."),  # split across paragraphs
    ],
)
def test_edits_inside_the_quote_mark_it_for_review_and_saving_the_words_back_restores_it(edited):
    article = ArticleFactory(published=True, body=BODY)
    citation = cite(article)
    (citation,) = edit_body(article, edited)
    assert citation.needs_review and citation.anchor == ""
    assert Article.objects.get(pk=article.pk).body == edited  # the editor's text is saved
    (citation,) = edit_body(article, BODY)
    assert (citation.anchor, citation.needs_review) == ("p3", False)


def test_contribution_edits_insert_delete_reorder_and_moving_the_quote():
    article = ArticleFactory(published=True, body="The editor's introduction.")
    expert = AuthorFactory()
    first = ContributionFactory(article=article, author=expert, order=1, body="Alpha.\n\n" + QUOTE)
    ContributionFactory(article=article, author=AuthorFactory(), order=2, body="Another answer.")
    citation = cite(article)
    assert citation.anchor == "c1-p2"

    def edit(contribution, body):
        contribution.body = body
        contribution.save()
        return publishing.refresh_derived(article=article)

    edit(first, "New opening.\n\nAlpha.\n\n" + QUOTE)  # insert
    citation.refresh_from_db()
    assert citation.anchor == "c1-p3"
    edit(first, QUOTE + "\n\nAlpha.")  # delete and reorder
    citation.refresh_from_db()
    assert citation.anchor == "c1-p1"
    # Moved to the body: found there.
    first.body = "Alpha."
    first.save()
    edit_body(article, "The editor's introduction.\n\n" + QUOTE)
    citation.refresh_from_db()
    assert (citation.anchor, citation.needs_review) == ("p2", False)
    # Contribution deleted with the words: needs review.
    article.body = "The editor's introduction."
    article.save()
    Contribution.objects.filter(article=article).delete()
    (still,) = publishing.refresh_derived(article=article)
    assert still.pk == citation.pk and still.needs_review


def test_repeated_phrases_keep_each_citation_on_its_own_occurrence():
    body = "Alpha said the troops would leave soon.\n\nMiddle.\n\nBeta said the troops would leave soon."
    article = ArticleFactory(published=True, body=body)
    first = cite(article, "the troops would leave soon")
    assert first.anchor == "p1" and first.prefix.endswith("Alpha said ")
    edited = "An opening.\n\nBeta said the troops would leave soon.\n\nAlpha said the troops would leave soon."
    (again,) = edit_body(article, edited)
    assert (again.anchor, again.needs_review) == ("p3", False)  # Alpha's, now third


def test_an_edit_inside_a_quote_whose_words_also_occur_elsewhere_marks_it_for_review_instead_of_moving_it():
    body = "Alpha said the troops would leave soon.\n\nMiddle.\n\nBeta said the troops would leave soon, and left."
    article = ArticleFactory(published=True, body=body)
    alpha = cite(article, "the troops would leave")
    assert (alpha.anchor, alpha.occurrences) == ("p1", 2)
    (edited,) = edit_body(article, body.replace("Alpha said the troops would leave soon", "Alpha said the troops stay"))
    # Beta's sentence still holds the words, but nobody cited Beta: review, not a silent move.
    assert (edited.anchor, edited.needs_review) == ("", True)
    (restored,) = edit_body(article, "A new opening.\n\n" + body)
    assert (restored.anchor, restored.needs_review) == ("p2", False)


def test_a_quote_found_twice_follows_its_own_occurrence_when_the_other_is_deleted_or_rewritten_around():
    body = "On Monday Alpha said the troops would leave soon.\n\nBeta said the troops would leave soon, and left."
    article = ArticleFactory(published=True, body=body)
    alpha = cite(article, "the troops would leave soon")
    assert (alpha.anchor, alpha.occurrences) == ("p1", 2)
    (alpha,) = edit_body(article, "\n\n".join(reversed(body.split("\n\n"))))
    assert (alpha.anchor, alpha.needs_review) == ("p2", False)
    # Beta's sentence deleted and Alpha's rewritten after the quote: the words before it prove it is Alpha's.
    (alpha,) = edit_body(article, "Intro.\n\nOn Monday Alpha said the troops would leave soon, as planned.")
    assert (alpha.anchor, alpha.needs_review, alpha.occurrences) == ("p2", False, 1)


def test_context_decides_between_occurrences_after_reordering():
    body = "Alpha said the troops would leave soon.\n\nBeta said the troops would leave soon."
    article = ArticleFactory(published=True, body=body)
    alpha = cite(article, "the troops would leave soon")
    beta = Citation.objects.get(pk=cite(article, "the troops would leave soon").pk)
    # Confirm the second occurrence for beta (as the admin's passage choice would).
    beta.anchor, beta.prefix, beta.suffix = "p2", "Beta said ", "."
    beta.save()
    cites = {c.pk: c for c in edit_body(article, "New.\n\n" + "\n\n".join(reversed(body.split("\n\n"))))}
    assert cites[beta.pk].anchor == "p2"
    assert cites[alpha.pk].anchor == "p3"


def test_a_quote_across_emphasis_and_a_link_is_highlighted_on_the_page(client):
    article = ArticleFactory(
        published=True, body="Moscow acted *very* quickly, as [the CSTO](https://csto.example/) said."
    )
    citation = cite(article, "acted very quickly, as the CSTO said")
    assert citation.anchor == "p1"
    page = client.get(article.get_absolute_url()).content.decode()
    assert '<mark class="citation">acted </mark><em><mark class="citation">very</mark></em>' in page
    assert '<a href="https://csto.example/" rel="noopener noreferrer nofollow"><mark class="citation">the CSTO</mark></a>' in page
    assert f'id="citation-{citation.pk}"' in page


def test_publishing_re_anchors_first_and_refuses_a_text_changed_behind_the_write_path_s_back(editor):
    article = ready_article(body=BODY)
    citation = cite(article)
    Article.objects.filter(pk=article.pk).update(body="Rewritten.", body_html='<p id="p1">Rewritten.</p>')
    article.refresh_from_db()
    with pytest.raises(ValidationError, match="1 citation needs review"):
        publishing.publish_article(article=article, by=editor)
    citation.refresh_from_db()
    assert citation.needs_review
    assert Article.objects.get(pk=article.pk).status == Article.Status.REVIEW


def test_a_save_renders_the_text_once_whatever_the_number_of_citations():
    def renders_for(citations, opening):
        article = ArticleFactory(published=True, body=BODY)
        ContributionFactory(article=article, order=1, body="An expert's answer.\n\n" + QUOTE)
        for _ in range(citations):
            cite(article)
        article = Article.objects.get(pk=article.pk)
        article.body = opening + "\n\n" + BODY
        markdown_module._render.cache_clear()
        publishing.save_article(article=article)
        assert set(Citation.objects.filter(article=article).values_list("anchor", flat=True)) == {"p5"}
        return markdown_module._render.cache_info().misses

    one = renders_for(1, "One opening.\n\nAnother.")
    # The body once (stored, then reused from the stored HTML for anchoring); the
    # contribution once as plain text for actor mentions. Never once per citation.
    assert renders_for(25, "Two opening.\n\nAnother.") == one == 2


# The workflow services

def test_publishing_without_a_time_makes_the_article_public_now(editor):
    article = services.publish_article(article=ready_article(), by=editor)
    assert article.live_from <= timezone.now()
    assert list(Article.objects.published()) == [article]


def test_publishing_for_a_future_time_schedules_it(editor):
    later = timezone.now() + datetime.timedelta(days=2)
    article = services.publish_article(article=ready_article(), by=editor, live_from=later)
    article.refresh_from_db()
    assert (article.status, article.live_from) == (Article.Status.PUBLISHED, later)
    assert not Article.objects.published().exists()


def test_publishing_keeps_a_schedule_the_editor_already_set(editor):
    later = timezone.now() + datetime.timedelta(hours=5)
    article = services.publish_article(article=ready_article(live_from=later), by=editor)
    assert article.live_from == later


def test_archiving_and_returning_to_draft_hide_the_article(editor):
    article = ready_article(published=True)
    services.archive_article(article=article, by=editor)
    assert not Article.objects.published().exists()
    services.unpublish_article(article=article, by=editor)
    assert Article.objects.get().status == Article.Status.DRAFT
    services.submit_for_review(article=article, by=editor)
    services.publish_article(article=article, by=editor)
    assert Article.objects.published().get() == article


def test_an_invalid_article_is_not_published_and_nothing_is_saved(editor):
    article = ready_article(series="", series_number=None)
    Article.objects.filter(pk=article.pk).update(series_number=608)
    article.refresh_from_db()
    with pytest.raises(ValidationError, match="series name"):
        services.publish_article(article=article, by=editor)
    stored = Article.objects.get()
    assert (stored.status, stored.live_from) == (Article.Status.REVIEW, None)
    assert article.status == Article.Status.REVIEW


def test_review_is_a_state_readers_never_see(editor):
    article = services.submit_for_review(article=ArticleFactory(), by=editor)
    assert article.status == Article.Status.REVIEW
    assert not Article.objects.published().exists()
