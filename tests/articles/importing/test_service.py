"""articles/importing/service.py: import_commentary on the real seed files and a real database."""

import datetime
from pathlib import Path

import pytest

from actors.models import Actor
from articles.importing.files import read_text_file
from articles.importing.markdown import escape_markdown
from articles.importing.service import (
    CREATED,
    IMPORTED_COMMENT_NAME,
    UNCHANGED,
    UNTITLED_NOTE,
    import_commentary,
)
from articles.models import (
    Article,
    ArticleActor,
    ArticleAuthor,
    Author,
    Comment,
    Contribution,
    DatePrecision,
    Publication,
    SourceMarker,
)
from articles.publishing import publish_article, save_article, submit_for_review
from articles.rendering.markdown import SOURCE_MARKER, paragraphs_of
from tests.support.factories import ActorAliasFactory, ActorFactory, AuthorFactory

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[3] / "articles/fixtures/seeds"
# Publications are not counted: editors have them before any import, which never creates one.
MODELS = [Article, ArticleAuthor, Author, Contribution, SourceMarker, Comment, ArticleActor]


def seed_path(prefix):
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


def run(path, **options):
    """Import one file through the service, read as the command reads it."""
    return import_commentary(text=read_text_file(path), source_name=path.name, **options)


@pytest.fixture(autouse=True)
def publications_editors_have(db):
    """The importer matches publications editors already have; it never creates one."""
    Publication.objects.create(name="CEIAS", slug="ceias")
    Publication.objects.create(name="Britain’s World", slug="britains-world", aliases="Council on Geostrategy")


def row_counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def body_paragraphs(article):
    return [text for _, text in paragraphs_of(article.body_html)]


def byline(article):
    return [
        (credit.author.name, credit.author.affiliation)
        for credit in article.article_authors.select_related("author").order_by("order")
    ]


# --- each seed -----------------------------------------------------------------


def test_round_up_imports_with_its_contributions():
    run(seed_path("000"))
    article = Article.objects.get()
    assert article.title == "CEIAS CONSIDERS: The Kazakhstan crisis and the global response"
    assert article.status == Article.Status.DRAFT
    assert article.live_from is None
    assert article.publication.name == "CEIAS"
    assert article.published_on == datetime.date(2022, 1, 20)
    assert article.published_on_precision == DatePrecision.DAY
    assert byline(article) == [("David Hutt", "Research Fellow | Editor")]
    assert article.body.startswith("## What the Kazakhstan crisis tells us about international relations\n\n")
    assert len(body_paragraphs(article)) == 1

    contributions = list(article.contributions.select_related("author").order_by("order"))
    assert [(c.order, c.author.name) for c in contributions] == [
        (1, "Alica Kizeková"),
        (2, "Velina Tchakarova"),
    ]
    kizekova = contributions[0].author
    assert kizekova.slug == "alica-kizekova"
    assert kizekova.social == "@AlicaKizekova"
    assert kizekova.affiliation.startswith("Senior researcher and head of the Asia Pacific Unit")
    assert [len(paragraphs_of(c.body_html)) for c in contributions] == [1, 2]
    assert len(article.paragraphs()) == 4


def test_article_with_two_authors_and_no_title_gets_a_placeholder_and_a_note():
    result = run(seed_path("001"))
    article = Article.objects.get()
    assert article.title == "Untitled commentary by Florin Pasatoiu, Cristian Nitoiu"
    assert article.editorial_note == UNTITLED_NOTE
    assert [name for name, _ in byline(article)] == ["Florin Pasatoiu", "Cristian Nitoiu"]
    assert byline(article)[1][1] == (
        "PhD, Lecturer in Diplomacy and International Governance, Loughborough University"
    )
    assert article.publication is None
    assert article.published_on is None
    paragraphs = body_paragraphs(article)
    assert len(paragraphs) == 12
    assert len(set(paragraphs)) == 12
    assert "## Why Russia had to act?" in article.body
    assert any("no title found" in w for w in result.warnings)
    assert any("no date stated — set it in the admin" in w for w in result.warnings)


def test_series_note_imports_with_series_number_and_date():
    run(seed_path("002"))
    article = Article.objects.get()
    assert article.title == "Kazakhstan: Russia, China and the protests"
    assert (article.series, article.series_number) == ("GP Short Notes", 608)
    assert article.published_on == datetime.date(2022, 1, 15)
    assert article.publication is None
    assert byline(article) == [("Abigail Miriam Fernandez", "")]
    assert len(body_paragraphs(article)) == 9
    assert article.body.count("\n## ") + article.body.startswith("## ") == 3
    assert "8 May 2022" not in article.body


def test_magazine_piece_imports_markers_and_reader_comments():
    result = run(seed_path("003"))
    article = Article.objects.get()
    assert article.title == "There is Western opportunity in Russia’s Kazakhstan adventure"
    # "The Council on Geostrategy’s online magazine" names a publication editors have by an alias.
    assert article.publication.slug == "britains-world"
    assert byline(article) == [
        (
            "Mark Galeotti",
            "Ernest Bevin Associate Fellow in Euro-Atlantic Geopolitics at the Council on Geostrategy",
        )
    ]
    assert article.published_on is None
    assert len(body_paragraphs(article)) == 16
    assert any("“2nd January” is a day without a year" in w for w in result.warnings)

    comments = list(article.comments.order_by("pk"))
    assert len(comments) == 3
    assert {(c.status, c.email, c.name, c.imported_from) for c in comments} == {
        (Comment.Status.PENDING, "", IMPORTED_COMMENT_NAME, "Britain’s World")
    }
    assert comments[0].body.startswith("You did not mention three policemen")

    markers = list(article.source_markers.order_by("order"))
    assert len(markers) == 13
    assert [m.order for m in markers] == list(range(1, 14))
    paragraphs = dict(paragraphs_of(article.body_html))
    for marker in markers:
        # Each marker's anchor is the paragraph that holds its words and the marker.
        assert marker.context + SOURCE_MARKER in paragraphs[marker.anchor]
    assert markers[0].anchor == "p2"
    assert markers[0].context.endswith("a hike in fuel prices")


def test_piece_with_bio_sentence_imports_its_author():
    run(seed_path("004"))
    article = Article.objects.get()
    assert article.title == "Untitled commentary by Oksana Antonenko"
    author = Author.objects.get()
    assert (author.name, author.slug) == ("Oksana Antonenko", "oksana-antonenko")
    assert author.bio.startswith("Oksana Antonenko is a director for Global Risk Analysis")
    paragraphs = body_paragraphs(article)
    assert len(paragraphs) == 14
    assert not any(p.startswith("Oksana Antonenko is") for p in paragraphs)


def test_existing_author_is_reused_and_left_as_the_editors_keep_it():
    AuthorFactory(name="Alica Kizeková", slug="alica-kizekova", affiliation="Edited by an editor")
    run(seed_path("000"))
    assert Author.objects.filter(slug="alica-kizekova").count() == 1
    assert Author.objects.get(slug="alica-kizekova").affiliation == "Edited by an editor"
    assert Contribution.objects.filter(author__slug="alica-kizekova").count() == 1


def test_actor_mentions_are_detected_on_import():
    russia = ActorFactory(name="Russia", slug="russia")
    ActorAliasFactory(actor=russia, name="Moscow")
    csto = ActorFactory(
        name="Collective Security Treaty Organization", slug="csto", kind=Actor.Kind.ORGANISATION
    )
    ActorAliasFactory(actor=csto, name="CSTO")
    run(seed_path("002"))
    article = Article.objects.get()
    found = {row.actor.slug: row for row in article.article_actors.select_related("actor")}
    assert set(found) == {"russia", "csto"}
    assert {row.origin for row in found.values()} == {ArticleActor.Origin.DETECTED}
    # Ten "CSTO"s, one of them right after the full name: "Collective Security
    # Treaty Organization (CSTO)" is one mention, so ten in all.
    assert article.body.count("CSTO") == 10
    assert "Collective Security Treaty Organization (CSTO)" in article.body
    assert found["csto"].mentions == 10


# --- dry run, re-import, edited articles ----------------------------------------


def test_dry_run_of_the_service_writes_nothing_but_validates():
    result = import_commentary(
        text=seed_path("003").read_text(encoding="utf-8"), source_name="003.txt", dry_run=True
    )
    assert result.status == CREATED and result.dry_run and result.article_id is None
    assert result.slug == "there-is-western-opportunity-in-russias-kazakhstan-adventure"
    assert row_counts() == dict.fromkeys(row_counts(), 0)


def test_same_text_with_other_line_endings_is_the_same_import(tmp_path):
    text = seed_path("002").read_text(encoding="utf-8")
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    run(seed_path("002"))
    assert run(crlf).status == UNCHANGED
    assert Article.objects.count() == 1


def test_a_changed_text_becomes_a_new_draft_with_its_own_slug(tmp_path):
    run(seed_path("002"))
    changed = tmp_path / "changed.txt"
    changed.write_text(seed_path("002").read_text(encoding="utf-8") + "\nOne more closing paragraph.\n")
    run(changed)
    slugs = sorted(Article.objects.values_list("slug", flat=True))
    assert slugs == ["kazakhstan-russia-china-and-the-protests", "kazakhstan-russia-china-and-the-protests-2"]


def test_an_imported_draft_published_by_an_editor_is_not_reported_as_edited(editor):
    article = Article.objects.get(pk=run(seed_path("002")).article_id)
    article.origin = Article.Origin.UNNAMED  # the page names no publication the parser recognises
    article.rights = "Published under CC BY 4.0 (an example note)."
    save_article(article=article)
    submit_for_review(article=article, by=editor)
    publish_article(article=article, by=editor)

    result = run(seed_path("002"))

    assert result.status == UNCHANGED and not result.edited_since_import


def test_an_edited_article_is_reported_as_edited():
    article = Article.objects.get(pk=run(seed_path("002")).article_id)
    article.title = "Russia, China and the Kazakh protests"
    article.save()

    assert run(seed_path("002")).edited_since_import


def test_reader_comments_enter_moderation_as_pending_through_the_comment_service():
    article = Article.objects.get(pk=run(seed_path("003")).article_id)
    comments = list(article.comments.all())
    assert len(comments) == 3
    assert {(c.status, c.email, c.fingerprint, c.ip_hash) for c in comments} == {
        (Comment.Status.PENDING, "", "", "")
    }
    assert Comment.objects.pending().count() == 3


def test_reader_comments_are_approved_only_when_the_editor_asks():
    article = Article.objects.get(pk=run(seed_path("003"), approve_comments=True).article_id)
    assert {c.status for c in article.comments.all()} == {Comment.Status.APPROVED}


# --- output --------------------------------------------------------------------


def test_markdown_body_keeps_plain_text_plain():
    assert escape_markdown("1. Not a list") == "1\\. Not a list"
    assert escape_markdown("# not a heading") == "\\# not a heading"
    assert escape_markdown("a *b* c_d <i>") == "a \\*b\\* c\\_d &lt;i\\>"
    assert escape_markdown("[1] see [note](x)") == "\\[1\\] see \\[note\\](x)"
    assert escape_markdown("fuel prices[↗] rose") == "fuel prices[↗] rose"
