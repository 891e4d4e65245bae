"""The article admin (articles/admin/articles.py): history, reverts, workflow actions, mentions,
and citations kept or flagged through every save of the change and add forms (issue 9)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article, Citation
from tests.support import factories
from tests.support.admin_forms import form_data
from tests.support.citations import BODY, change_form, cite, edit_body
from tests.support.factories import (
    ArticleFactory,
    AuthorFactory,
    ClaimFactory,
    ContributionFactory,
    ThemeFactory,
    ready_article,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_of_each(db):
    return factories.one_of_each()


def test_editor_can_browse_an_articles_history(editor_client, one_of_each):
    article = Article.objects.get()
    response = editor_client.get(reverse("admin:articles_article_history", args=[article.pk]))
    assert response.status_code == 200


def test_editor_can_revert_an_article_to_an_earlier_version(editor_client, one_of_each):
    article = Article.objects.get()
    original_title = article.title
    article.title = "A regrettable edit"
    article.save()
    first = article.history.order_by("history_date").first()
    url = reverse("admin:articles_article_simple_history", args=[article.pk, first.history_id])
    assert editor_client.get(url).status_code == 200
    assert original_title in editor_client.get(url).content.decode()


def test_publish_action_goes_through_the_workflow_and_makes_the_article_public(editor_client):
    article = ready_article()
    response = editor_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish", "_selected_action": [article.pk]},
        follow=True,
    )
    assert "1 article(s) published" in response.content.decode()
    assert list(Article.objects.published()) == [article]


def test_archive_action_hides_the_article(editor_client):
    article = ArticleFactory(published=True)
    editor_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "archive", "_selected_action": [article.pk]},
    )
    assert not Article.objects.published().exists()


def test_article_changelist_runs_a_fixed_number_of_queries(editor_client, django_assert_max_num_queries):
    for _ in range(15):
        ArticleFactory(published=True)
    # 15: twelve for the page, one for the two-factor device check (kzportal.twofactor),
    # and the theme, author and actor filters' choices (one query each; the publication
    # filter's was already counted).
    with django_assert_max_num_queries(15):
        assert editor_client.get(reverse("admin:articles_article_changelist")).status_code == 200


def _article_form_data(article, actor_rows):
    """The article change form as the browser would post it, with one actor inline."""
    data = {
        "title": article.title, "slug": article.slug, "standfirst": article.standfirst,
        "body": article.body, "publication": article.publication_id or "", "series": "",
        "series_number": "", "original_url": "", "published_on": "2022-01-20",
        "published_on_precision": "day", "date_note": "", "editorial_note": "", "language": "en",
        "origin": article.origin, "rights": article.rights,
        "status": article.status, "live_from_0": "", "live_from_1": "", "comments_open": "on",
        "themes": "",
    }
    for prefix, rows in {
        "article_authors": [], "contributions": [], "citations": [], "source_markers": [], "corrections": [],
        "lead_image": [],
        "article_actors": actor_rows,
    }.items():
        data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
        data[f"{prefix}-INITIAL_FORMS"] = str(len(rows))
        for i, row in enumerate(rows):
            for key, value in row.items():
                data[f"{prefix}-{i}-{key}"] = value
    return data


def test_deleting_a_detected_actor_in_the_admin_keeps_it_removed(editor_client):
    from actors.models import Actor
    from articles.models import ArticleActor

    china = Actor.objects.create(kind="country", name="China", slug="china")
    article = ArticleFactory(body="China was consulted. China offered help.")
    from articles.mentions import refresh_actor_mentions

    refresh_actor_mentions(article=article)
    row = ArticleActor.objects.get(article=article, actor=china)
    data = _article_form_data(
        article,
        [{"id": row.pk, "article": article.pk, "actor": china.pk, "origin": "detected", "DELETE": "on"}],
    )
    response = editor_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    row = ArticleActor.objects.get(article=article, actor=china)
    assert row.origin == ArticleActor.Origin.EXCLUDED
    assert not ArticleActor.objects.mentioned().filter(article=article).exists()


def test_articles_filter_by_theme_author_and_actor_with_only_used_values_offered(editor_client):
    from actors.models import Actor
    from articles.mentions import refresh_actor_mentions

    china = Actor.objects.create(kind="country", name="China", slug="china")
    Actor.objects.create(kind="country", name="Mongolia", slug="mongolia")
    theme, author = ThemeFactory(name="Belt and Road"), AuthorFactory(name="Alica Kizeková")
    ThemeFactory(name="Unused theme")
    filed = ArticleFactory(title="Filed piece", body="China was consulted.", authors=[author])
    filed.themes.add(theme)
    refresh_actor_mentions(article=filed)
    ArticleFactory(title="Other piece", body="Nothing relevant.")
    listing = reverse("admin:articles_article_changelist")
    page = editor_client.get(listing).content.decode()
    assert "Belt and Road" in page and "Unused theme" not in page and "Mongolia" not in page
    for query in (f"theme={theme.pk}", f"author={author.pk}", f"actor={china.pk}"):
        rows = editor_client.get(f"{listing}?{query}").content.decode()
        assert "Filed piece" in rows and "Other piece" not in rows, query
    assert editor_client.get(f"{listing}?theme=x").status_code == 200


# Citations through the change and add forms, and reverts (issue 9)


def test_an_edit_removing_a_quote_is_saved_with_a_warning_naming_the_citation(editor_client, client):
    article = ArticleFactory(published=True, body=BODY)
    citation = cite(article)
    url, data = change_form(editor_client, article)
    data["body"] = BODY.replace("paratroopers", "airborne troops")
    response = editor_client.post(url, data, follow=True)
    content = response.content.decode()
    assert "1 citation is no longer found in the text" in content
    assert reverse("admin:articles_citation_change", args=[citation.pk]) in content
    assert Article.objects.get(pk=article.pk).body == data["body"]
    citation.refresh_from_db()
    assert citation.needs_review
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<mark" not in page and citation.claim.get_absolute_url() not in page
    # The citation admin offers the closest passage; one click confirms it.
    change = reverse("admin:articles_citation_change", args=[citation.pk])
    offered = editor_client.get(change).content.decode()
    assert "Russia sent airborne troops within hours." in offered
    assert reverse("admin:articles_citation_use_closest", args=[citation.pk]) in offered
    editor_client.post(reverse("admin:articles_citation_use_closest", args=[citation.pk]), form_data(offered, "citation_form"))
    citation.refresh_from_db()
    assert (citation.quote, citation.anchor, citation.needs_review) == ("Russia sent airborne troops within hours.", "p3", False)
    assert "<mark" in client.get(article.get_absolute_url()).content.decode()


def test_a_citation_whose_words_remain_only_elsewhere_is_confirmed_there_with_one_click(editor_client, client):
    body = "Alpha said the troops would leave soon.\n\nMiddle.\n\nBeta said the troops would leave soon, and left."
    article = ArticleFactory(published=True, body=body)
    citation = cite(article, "the troops would leave")
    assert (citation.anchor, citation.occurrences) == ("p1", 2)
    edit_body(article, body.replace("Alpha said the troops would leave soon", "Alpha said the troops stay"))
    citation.refresh_from_db()
    assert citation.needs_review
    # The closest passage is the same words in Beta's paragraph: the editor chooses it.
    change = reverse("admin:articles_citation_change", args=[citation.pk])
    offered = editor_client.get(change).content.decode()
    assert "Paragraph p3, 100.0% similar." in offered
    response = editor_client.post(
        reverse("admin:articles_citation_use_closest", args=[citation.pk]), form_data(offered, "citation_form"),
        follow=True,
    )
    assert "is shown to readers again" in response.content.decode()
    citation.refresh_from_db()
    assert (citation.quote, citation.anchor, citation.needs_review) == ("the troops would leave", "p3", False)
    assert citation.prefix.endswith("Beta said ")
    client.logout()
    page = client.get(article.get_absolute_url()).content.decode()
    assert '<p id="p3">Beta said <mark class="citation">the troops would leave</mark>' in page


def test_the_admin_index_counts_and_the_changelist_filters_citations_needing_review(editor_client):
    article = ArticleFactory(published=True, body=BODY)
    cite(article)
    broken = cite(article, "Tokayev asked the CSTO for help")
    edit_body(article, BODY.replace("Tokayev asked", "Tokayev begged"))
    index = editor_client.get(reverse("admin:index")).content.decode()
    assert re.search(r"<strong>1</strong> citation needs review", index)
    listing = editor_client.get(reverse("admin:articles_citation_changelist") + "?needs_review__exact=1")
    rows = listing.content.decode()
    assert "Tokayev asked the CSTO" in rows and "Russia sent paratroopers" not in rows
    assert broken.pk in Citation.objects.needing_review().values_list("pk", flat=True)


def test_the_add_form_checks_citations_against_the_text_being_saved_and_keeps_the_input(editor_client):
    claim = ClaimFactory()
    url = reverse("admin:articles_article_add")
    data = form_data(editor_client.get(url).content.decode(), "article_form")
    data.update({"title": "New piece", "slug": "new-piece", "body": BODY, "status": "draft"})
    data.update({"contributions-TOTAL_FORMS": "1", "contributions-0-author": str(AuthorFactory().pk),
                 "contributions-0-order": "1", "contributions-0-heading": "",
                 "contributions-0-body": "An expert said the pipeline deal stood."})
    data.update({"citations-TOTAL_FORMS": "2", "citations-0-claim": str(claim.pk), "citations-0-stance": "reports",
                 "citations-0-quote": "A sentence that is nowhere in the text", "citations-0-note": "",
                 "citations-1-claim": str(claim.pk), "citations-1-stance": "supports",
                 "citations-1-quote": "the pipeline deal stood", "citations-1-note": ""})
    response = editor_client.post(url, data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "does not occur in the article" in content
    assert "A sentence that is nowhere in the text" in content and "Opening words about the region." in content
    assert not Article.objects.filter(slug="new-piece").exists()
    data["citations-0-quote"] = "Russia sent paratroopers"
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    anchors = sorted(Citation.objects.filter(article__slug="new-piece").values_list("anchor", "needs_review"))
    assert anchors == [("c1-p1", False), ("p3", False)]
    assert all(c.prefix or c.suffix for c in Citation.objects.filter(article__slug="new-piece"))


def test_a_new_quote_that_occurs_twice_is_refused_naming_both_paragraphs_until_it_points_at_one(editor_client, client):
    body = "Alpha said the troops would leave soon.\n\nMiddle.\n\nBeta said the troops would leave soon."
    article = ArticleFactory(published=True, body=body)
    claim = ClaimFactory()
    url, data = change_form(editor_client, article)
    data.update({"citations-TOTAL_FORMS": "1", "citations-0-claim": str(claim.pk), "citations-0-stance": "reports",
                 "citations-0-quote": "the troops would leave soon", "citations-0-note": ""})
    response = editor_client.post(url, data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "This passage occurs 2 times in the article" in content and "(paragraphs p1, p3)" in content
    assert "the troops would leave soon" in content  # the editor's input is kept
    assert not Citation.objects.filter(article=article).exists()
    data["citations-0-quote"] = "Beta said the troops would leave soon"
    assert editor_client.post(url, data).status_code == 302
    citation = Citation.objects.get(article=article)
    assert (citation.anchor, citation.needs_review) == ("p3", False)
    client.logout()
    page = client.get(article.get_absolute_url()).content.decode()
    assert '<p id="p3"><mark class="citation">Beta said the troops would leave soon</mark>' in page


@pytest.mark.parametrize("field", ["body", "contributions-0-body"])
@pytest.mark.parametrize("text", ["- " * 300 + "x", "> " * 300 + "x"])
def test_a_text_nested_300_deep_is_refused_on_the_change_form_with_the_limit_not_a_server_error(
    editor_client, field, text
):
    article = ArticleFactory(published=True, body=BODY)
    ContributionFactory(article=article, order=1, body="An answer.")
    url, data = change_form(editor_client, article)
    data[field] = text
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "levels deep; the limit is 20" in response.content.decode()
    assert Article.objects.get(pk=article.pk).body == BODY


def test_twenty_thousand_brackets_save_from_the_change_form_and_keep_the_citations(editor_client):
    article = ArticleFactory(published=True, body=BODY)
    citation = cite(article)
    url, data = change_form(editor_client, article)
    data["body"] = BODY + "\n\n" + "[" * 20_000
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    citation.refresh_from_db()
    assert (citation.anchor, citation.needs_review) == ("p3", False)
    assert "[" * 20_000 in Article.objects.get(pk=article.pk).body_html


def test_the_change_form_checks_a_new_quote_against_the_contributions_being_saved(editor_client):
    article = ArticleFactory(published=True, body=BODY)
    ContributionFactory(article=article, order=1, body="Old answer.")
    claim = ClaimFactory()
    url, data = change_form(editor_client, article)
    data["contributions-0-body"] = "A new answer about the Caspian pipeline."
    data.update({"citations-TOTAL_FORMS": "1", "citations-0-claim": str(claim.pk), "citations-0-stance": "reports",
                 "citations-0-quote": "the Caspian pipeline", "citations-0-note": ""})
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Citation.objects.get(article=article).anchor == "c1-p1"


def test_reverting_from_history_re_anchors_the_citations(editor_client):
    article = ArticleFactory(published=True, body=BODY)
    citation = cite(article)
    edit_body(article, BODY.replace("paratroopers", "troops"))
    citation.refresh_from_db()
    assert citation.needs_review
    first = article.history.order_by("history_date").first()
    url = reverse("admin:articles_article_simple_history", args=[article.pk, first.history_id])
    data = form_data(editor_client.get(url).content.decode(), "historicalarticle_form")
    assert "paratroopers" in data["body"]
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    citation.refresh_from_db()
    assert (citation.anchor, citation.needs_review) == ("p3", False)


def test_reverting_to_a_version_without_the_quote_warns_and_hides_the_citation_then_a_revert_back_restores_it(
    editor_client,
):
    article = ArticleFactory(published=True, body=BODY)
    citation = cite(article)
    assert citation.anchor == "p3"
    edit_body(article, BODY.replace("paratroopers", "troops"))
    edit_body(article, "A new opening.\n\n" + BODY)
    citation.refresh_from_db()
    assert (citation.anchor, citation.needs_review) == ("p4", False)
    without_quote, newest = list(article.history.order_by("history_date"))[-2:]
    url = reverse("admin:articles_article_simple_history", args=[article.pk, without_quote.history_id])
    data = form_data(editor_client.get(url).content.decode(), "historicalarticle_form")
    response = editor_client.post(url, data, follow=True)
    assert "1 citation is no longer found in the text" in response.content.decode()
    citation.refresh_from_db()
    assert (citation.anchor, citation.needs_review) == ("", True)
    url = reverse("admin:articles_article_simple_history", args=[article.pk, newest.history_id])
    data = form_data(editor_client.get(url).content.decode(), "historicalarticle_form")
    assert editor_client.post(url, data).status_code == 302
    citation.refresh_from_db()
    assert (citation.anchor, citation.needs_review) == ("p4", False)


def test_the_change_form_s_status_field_moves_the_article_through_the_workflow_services(editor_client):
    """Choosing Published on the change form, with no time, makes the piece public now
    (publish_article's rule, not the model's); choosing Archived hides it again; and the
    history shows each move."""
    reader = Client()
    article = ready_article(body=BODY, status=Article.Status.DRAFT)
    url, data = change_form(editor_client, article)
    data.update(status=Article.Status.REVIEW)
    assert editor_client.post(url, data).status_code == 302
    url, data = change_form(editor_client, article)
    data.update(status=Article.Status.PUBLISHED, live_from_0="", live_from_1="")
    assert editor_client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED and article.live_from is not None
    assert reader.get(article.get_absolute_url()).status_code == 200

    url, data = change_form(editor_client, article)
    data["status"] = Article.Status.ARCHIVED
    assert editor_client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.ARCHIVED
    assert reader.get(article.get_absolute_url()).status_code == 404
    statuses = [h.status for h in article.history.order_by("history_date")]
    assert statuses[-1] == "archived" and "published" in statuses
