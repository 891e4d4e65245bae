"""import_commentary on files that are not plain regular files: a one-line reason, never a hang."""

import os
import threading
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.management.commands.import_commentary import read_commentary_file
from articles.models import Article

SEED = next((Path(__file__).resolve().parents[2] / "articles/fixtures/seeds").glob("003_*.txt"))


def _reason(path) -> str:
    """read_commentary_file's refusal, in a thread so that a blocking read fails the test instead of hanging it."""
    outcome = {}

    def target():
        try:
            read_commentary_file(Path(path))
            outcome["reason"] = "read"
        except CommandError as error:
            outcome["reason"] = str(error)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(10)
    assert not thread.is_alive(), "reading the file blocked"
    return outcome["reason"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_refused_without_reading_it(tmp_path):
    fifo = tmp_path / "page.txt"
    os.mkfifo(fifo)
    assert _reason(fifo) == f"{fifo}: is not a regular file (a pipe, socket or device)"


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_a_device_is_refused():
    assert _reason("/dev/null") == "/dev/null: is not a regular file (a pipe, socket or device)"


def test_a_symlink_loop_is_named_as_such(tmp_path):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.symlink_to(second)
    second.symlink_to(first)
    assert _reason(first) == f"{first}: is a symbolic link that loops back on itself"


def test_a_broken_symlink_is_named_as_such(tmp_path):
    link = tmp_path / "page.txt"
    link.symlink_to(tmp_path / "gone.txt")
    assert _reason(link) == f"{link}: no such file (a symbolic link to a missing file)"


def test_the_size_limit_names_the_size_in_bytes(tmp_path):
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"word " * (1024 * 1024 // 5 + 1))
    assert _reason(huge) == f"{huge}: is 1,048,580 bytes, over the 1 MB limit"


@pytest.mark.django_db
def test_a_symlink_loop_among_good_files_writes_nothing(tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    with pytest.raises(CommandError, match="loops back on itself"):
        call_command("import_commentary", str(SEED), str(loop), stdout=StringIO())
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_a_symlink_to_a_good_file_imports(tmp_path):
    link = tmp_path / "page.txt"
    link.symlink_to(SEED)
    call_command("import_commentary", str(link), stdout=StringIO())
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_a_copy_saved_with_a_bom_and_crlf_is_the_same_import(tmp_path):
    windows = tmp_path / "saved-on-windows.txt"
    windows.write_bytes(b"\xef\xbb\xbf" + SEED.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8"))
    call_command("import_commentary", str(SEED), stdout=StringIO())
    out = StringIO()
    call_command("import_commentary", str(windows), stdout=out)
    assert "unchanged, already imported" in out.getvalue()
    article = Article.objects.get()
    assert "\ufeff" not in article.title + article.body and "\r" not in article.body


@pytest.mark.django_db
def test_a_bom_alone_is_refused(tmp_path):
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf\r\n")
    with pytest.raises(CommandError) as error:
        call_command("import_commentary", str(bom), stdout=StringIO())
    assert str(error.value).startswith(f"{bom}: ")
    assert not Article.objects.exists()
