"""The import_commentary command: several files in one transaction, its output, refusals of bad files."""

import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.importing.service import source_hash
from articles.models import (
    Article,
    ArticleActor,
    ArticleAuthor,
    Author,
    Comment,
    Contribution,
    Publication,
    SourceMarker,
)

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[3] / "articles/fixtures/seeds"
# Publications are not counted: editors have them before any import, which never creates one.
MODELS = [Article, ArticleAuthor, Author, Contribution, SourceMarker, Comment, ArticleActor]


def seed_path(prefix):
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


def run(*files, **options):
    out, err = StringIO(), StringIO()
    call_command("import_commentary", *map(str, files), stdout=out, stderr=err, **options)
    return out.getvalue()


@pytest.fixture(autouse=True)
def publications_editors_have(db):
    """The importer matches publications editors already have; it never creates one."""
    Publication.objects.create(name="CEIAS", slug="ceias")
    Publication.objects.create(name="Britain’s World", slug="britains-world", aliases="Council on Geostrategy")


def row_counts():
    return {model.__name__: model.objects.count() for model in MODELS}


# --- several files in one run ------------------------------------------------------


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


# --- dry run, re-import, edited articles ----------------------------------------


def test_dry_run_writes_nothing():
    out = run(*sorted(SEEDS.glob("*.txt")), dry_run=True)
    assert row_counts() == dict.fromkeys(row_counts(), 0)
    assert "would create draft “Kazakhstan: Russia, China and the protests”" in out
    assert "Dry run, nothing written. 5 file(s): 5 new, 0 unchanged." in out


def test_reimporting_the_same_text_is_a_no_op():
    run(*sorted(SEEDS.glob("*.txt")))
    before = row_counts()
    stamps = dict(Article.objects.values_list("pk", "updated_at"))
    out = run(*sorted(SEEDS.glob("*.txt")))
    assert row_counts() == before
    assert dict(Article.objects.values_list("pk", "updated_at")) == stamps
    assert out.count("unchanged, already imported as") == 5
    assert "Imported 5 file(s): 0 new, 5 unchanged." in out


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


# --- output --------------------------------------------------------------------


def test_verbosity_zero_prints_nothing_and_two_prints_details():
    assert run(seed_path("004"), verbosity=0) == ""
    Article.objects.all().delete()
    out = run(seed_path("000"), verbosity=2)
    assert "contribution 1: Alica Kizeková, 1 paragraph(s)" in out
    assert "date: Jan 20, 2022 (day)" in out


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
    manage = Path(__file__).resolve().parents[3] / "manage.py"
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


# --- dry run, file by file -------------------------------------------------------


def file_lines(output):
    """The one line per file (warnings and the summary left out)."""
    return [line for line in output.splitlines() if line.startswith("/")]


def test_two_versions_of_a_page_get_the_same_slugs_in_a_dry_run_as_for_real(tmp_path):
    first = seed_path("002")
    second = tmp_path / "changed.txt"
    second.write_text(first.read_text(encoding="utf-8") + "\nOne more closing paragraph.\n", encoding="utf-8")
    slug = "kazakhstan-russia-china-and-the-protests"
    dry = run(first, second, dry_run=True)
    assert not Article.objects.exists()
    real = run(first, second)
    assert sorted(Article.objects.values_list("slug", flat=True)) == [slug, f"{slug}-2"]
    assert f"would create draft “Kazakhstan: Russia, China and the protests” (slug “{slug}-2”)" in dry
    assert file_lines(dry.replace("would create", "created")) == file_lines(real)


def test_a_file_given_twice_is_unchanged_the_second_time_in_a_dry_run_too():
    dry = run(seed_path("002"), seed_path("002"), dry_run=True)
    first, second = file_lines(dry)
    assert "would create draft" in first
    assert "unchanged, already imported" in second
    assert "Dry run, nothing written. 2 file(s): 1 new, 1 unchanged." in dry
    assert not Article.objects.exists()


# --- files that are not plain text files -----------------------------------------


def test_a_symlink_loop_among_good_files_writes_nothing(tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    with pytest.raises(CommandError, match="loops back on itself"):
        run(seed_path("003"), loop)
    assert not Article.objects.exists()


def test_a_symlink_to_a_good_file_imports(tmp_path):
    link = tmp_path / "page.txt"
    link.symlink_to(seed_path("003"))
    run(link)
    assert Article.objects.count() == 1


def test_a_copy_saved_with_a_bom_and_crlf_is_the_same_import(tmp_path):
    seed = seed_path("003")
    windows = tmp_path / "saved-on-windows.txt"
    windows.write_bytes(
        b"\xef\xbb\xbf" + seed.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8")
    )
    run(seed)
    assert "unchanged, already imported" in run(windows)
    article = Article.objects.get()
    assert "\ufeff" not in article.title + article.body and "\r" not in article.body


def test_a_bom_alone_is_refused(tmp_path):
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf\r\n")
    with pytest.raises(CommandError) as error:
        run(bom)
    assert str(error.value).startswith(f"{bom}: ")
    assert not Article.objects.exists()
