"""articles/importing/files.py: the one reader of user-supplied files (importer and launch loader).

Anything but a plain UTF-8 text file is refused with a one-line reason naming
the file, and never by hanging on a read.
"""

import os
from pathlib import Path

import pytest

from articles.importing.files import MAX_BYTES, UnreadableFileError, read_text_file
from tests.support.refusals import refusal

SEED = next((Path(__file__).resolve().parents[3] / "articles/fixtures/seeds").glob("003_*.txt"))


def _reason(path) -> str:
    return refusal(lambda p: read_text_file(Path(p)), path, UnreadableFileError)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_refused_without_reading_it(tmp_path):
    fifo = tmp_path / "page.txt"
    os.mkfifo(fifo)
    assert _reason(fifo) == f"{fifo}: is not a regular file (a pipe, socket or device)"


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_a_device_is_refused():
    assert _reason("/dev/null") == "/dev/null: is not a regular file (a pipe, socket or device)"


def test_a_directory_is_refused(tmp_path):
    assert _reason(tmp_path) == f"{tmp_path}: is a directory, not a text file"


def test_a_missing_file_is_named(tmp_path):
    assert _reason(tmp_path / "gone.txt") == f"{tmp_path / 'gone.txt'}: no such file"


def test_a_symlink_loop_is_named_as_such(tmp_path):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.symlink_to(second)
    second.symlink_to(first)
    assert _reason(first) == f"{first}: is a symbolic link that loops back on itself"


def test_a_broken_symlink_is_named_as_such(tmp_path):
    link = tmp_path / "page.txt"
    link.symlink_to(tmp_path / "gone.txt")
    assert _reason(link) == f"{link}: no such file (a symbolic link to a missing file)"


def test_a_symlink_to_a_good_file_is_read(tmp_path):
    link = tmp_path / "page.txt"
    link.symlink_to(SEED)
    assert read_text_file(link) == SEED.read_text(encoding="utf-8")


def test_the_size_limit_names_the_size_in_bytes(tmp_path):
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"word " * (1024 * 1024 // 5 + 1))
    assert _reason(huge) == f"{huge}: is 1,048,580 bytes, over the 1 MB limit"


def test_a_file_of_exactly_the_limit_is_read(tmp_path):
    full = tmp_path / "full.txt"
    full.write_bytes(b"x" * MAX_BYTES)
    assert len(read_text_file(full)) == MAX_BYTES


def test_nul_bytes_mean_binary(tmp_path):
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"Title\n\nSome text\x00\x01\x02.\n")
    assert _reason(binary) == f"{binary}: contains NUL bytes; this looks like a binary file, not text"


def test_text_that_is_not_utf8_names_the_first_bad_byte(tmp_path):
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Alica Kizeková wrote this.\n".encode("latin-1"))
    assert _reason(latin1) == f"{latin1}: is not UTF-8 text (byte 0xe1 at offset 13)"


@pytest.mark.parametrize("content", [b"", b"  \n\n \t\n", b"\xef\xbb\xbf\r\n"], ids=["empty", "blank", "bom"])
def test_a_file_with_no_text_is_empty(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert _reason(path) == f"{path}: is empty"


def test_a_leading_bom_is_dropped_and_line_ends_are_kept(tmp_path):
    windows = tmp_path / "saved-on-windows.txt"
    windows.write_bytes(b"\xef\xbb\xbfTitle\r\n\r\nText.\r\n")
    assert read_text_file(windows) == "Title\r\n\r\nText.\r\n"
