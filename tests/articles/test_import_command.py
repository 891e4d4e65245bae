"""The import_commentary command and service, on the real seed files and a real database."""

import datetime
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from actors.models import Actor
from articles.importing.service import (
    CREATED,
    IMPORTED_COMMENT_NAME,
    UNTITLED_NOTE,
    escape_markdown,
    import_commentary,
    source_hash,
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
from articles.rendering.markdown import SOURCE_MARKER, paragraphs_of
from tests.factories import ActorAliasFactory, ActorFactory, AuthorFactory

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[2] / "articles/fixtures/seeds"
MODELS = [Article, ArticleAuthor, Author, Publication, Contribution, SourceMarker, Comment, ArticleActor]


def seed_path(prefix):
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


def run(*files, **options):
    out, err = StringIO(), StringIO()
    call_command("import_commentary", *map(str, files), stdout=out, stderr=err, **options)
    return out.getvalue()


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
    out = run(seed_path("001"))
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
    assert "no title found" in out
    assert "no date stated — set it in the admin" in out


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
    out = run(seed_path("003"))
    article = Article.objects.get()
    assert article.title == "There is Western opportunity in Russia’s Kazakhstan adventure"
    assert article.publication.name == "Council on Geostrategy"
    assert article.publication.slug == "council-on-geostrategy"
    assert byline(article) == [
        (
            "Mark Galeotti",
            "Ernest Bevin Associate Fellow in Euro-Atlantic Geopolitics at the Council on Geostrategy",
        )
    ]
    assert article.published_on is None
    assert len(body_paragraphs(article)) == 16
    assert "“2nd January” is a day without a year" in out

    comments = list(article.comments.order_by("pk"))
    assert len(comments) == 3
    assert {(c.status, c.email, c.name) for c in comments} == {
        (Comment.Status.APPROVED, "", IMPORTED_COMMENT_NAME)
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


def test_all_seeds_import_together():
    out = run(*sorted(SEEDS.glob("*.txt")))
    assert Article.objects.count() == 5
    assert set(Article.objects.values_list("status", flat=True)) == {Article.Status.DRAFT}
    assert Contribution.objects.count() == 2
    assert SourceMarker.objects.count() == 13
    assert Comment.objects.count() == 3
    assert "Imported 5 file(s): 5 new, 0 unchanged." in out
    for path in SEEDS.glob("*.txt"):
        assert Article.objects.filter(source_hash=source_hash(path.read_text(encoding="utf-8"))).exists()


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


def test_dry_run_writes_nothing():
    out = run(*sorted(SEEDS.glob("*.txt")), dry_run=True)
    assert row_counts() == dict.fromkeys(row_counts(), 0)
    assert "would create draft “Kazakhstan: Russia, China and the protests”" in out
    assert "Dry run, nothing written. 5 file(s): 5 new, 0 unchanged." in out


def test_dry_run_of_the_service_writes_nothing_but_validates():
    result = import_commentary(
        text=seed_path("003").read_text(encoding="utf-8"), source_name="003.txt", dry_run=True
    )
    assert result.status == CREATED and result.dry_run and result.article_id is None
    assert result.slug == "there-is-western-opportunity-in-russias-kazakhstan-adventure"
    assert row_counts() == dict.fromkeys(row_counts(), 0)


def test_reimporting_the_same_text_is_a_no_op():
    run(*sorted(SEEDS.glob("*.txt")))
    before = row_counts()
    stamps = dict(Article.objects.values_list("pk", "updated_at"))
    out = run(*sorted(SEEDS.glob("*.txt")))
    assert row_counts() == before
    assert dict(Article.objects.values_list("pk", "updated_at")) == stamps
    assert out.count("unchanged, already imported as") == 5
    assert "Imported 5 file(s): 0 new, 5 unchanged." in out


def test_same_text_with_other_line_endings_is_the_same_import(tmp_path):
    text = seed_path("002").read_text(encoding="utf-8")
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    run(seed_path("002"))
    assert "unchanged" in run(crlf)
    assert Article.objects.count() == 1


def test_an_article_edited_since_import_is_not_overwritten():
    run(seed_path("002"))
    article = Article.objects.get()
    article.title = "Russia, China and the Kazakh protests"
    article.body = "An editor's rewrite."
    article.save()

    out = run(seed_path("002"))
    article.refresh_from_db()
    assert article.title == "Russia, China and the Kazakh protests"
    assert article.body == "An editor's rewrite."
    assert Article.objects.count() == 1
    assert "unchanged, already imported as “Russia, China and the Kazakh protests”" in out
    assert "edited in the admin since; left as it is" in out


def test_a_changed_text_becomes_a_new_draft_with_its_own_slug(tmp_path):
    run(seed_path("002"))
    changed = tmp_path / "changed.txt"
    changed.write_text(seed_path("002").read_text(encoding="utf-8") + "\nOne more closing paragraph.\n")
    run(changed)
    slugs = sorted(Article.objects.values_list("slug", flat=True))
    assert slugs == ["kazakhstan-russia-china-and-the-protests", "kazakhstan-russia-china-and-the-protests-2"]


# --- output --------------------------------------------------------------------


def test_verbosity_zero_prints_nothing_and_two_prints_details():
    assert run(seed_path("004"), verbosity=0) == ""
    Article.objects.all().delete()
    out = run(seed_path("000"), verbosity=2)
    assert "contribution 1: Alica Kizeková, 1 paragraph(s)" in out
    assert "date: Jan 20, 2022 (day)" in out


def test_markdown_body_keeps_plain_text_plain():
    assert escape_markdown("1. Not a list") == "1\\. Not a list"
    assert escape_markdown("# not a heading") == "\\# not a heading"
    assert escape_markdown("a *b* c_d <i>") == "a \\*b\\* c\\_d &lt;i>"
    assert escape_markdown("fuel prices[↗] rose") == "fuel prices[↗] rose"


# --- bad input -----------------------------------------------------------------


def _bad_files(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_text("  \n\n \t\n")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"Title\n\nSome text\x00\x01\x02 with NUL bytes.\n")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Alica Kizeková wrote this.\n".encode("latin-1"))
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"word " * (1024 * 1024 // 5 + 1))
    chrome = tmp_path / "chrome.txt"
    chrome.write_text("Print\nRate this article\n(no votes)\nShare this article\nLeave a Reply\n")
    directory = tmp_path / "folder"
    directory.mkdir()
    return {
        "missing": (tmp_path / "missing.txt", "no such file"),
        "directory": (directory, "is a directory"),
        "empty": (empty, "is empty"),
        "blank": (blank, "is empty"),
        "binary": (binary, "NUL bytes"),
        "latin1": (latin1, "is not UTF-8 text (byte 0xe1 at offset 13)"),
        "huge": (huge, "over the 1 MB limit"),
        "chrome": (chrome, "no paragraphs found"),
    }


@pytest.mark.parametrize(
    "kind", ["missing", "directory", "empty", "blank", "binary", "latin1", "huge", "chrome"]
)
def test_bad_input_stops_with_a_one_line_reason_and_writes_nothing(tmp_path, kind):
    path, reason = _bad_files(tmp_path)[kind]
    # A good file before the bad one: it must not be written either.
    with pytest.raises(CommandError) as error:
        run(seed_path("003"), path)
    message = str(error.value)
    assert message.startswith(f"{path}: ")
    assert reason in message
    assert "\n" not in message
    assert row_counts() == dict.fromkeys(row_counts(), 0)


def test_bad_input_exits_non_zero_from_the_command_line(tmp_path):
    manage = Path(__file__).resolve().parents[2] / "manage.py"
    missing = tmp_path / "missing.txt"
    completed = subprocess.run(
        [sys.executable, str(manage), "import_commentary", str(missing)],
        capture_output=True,
        text=True,
        env={"DEBUG": "1", "SQLITE_PATH": str(tmp_path / "db.sqlite3"), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert completed.returncode != 0
    assert f"{missing}: no such file" in completed.stderr
