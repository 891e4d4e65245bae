"""
Reading a file a user named on the command line (an import, a launch dataset).

``read_text_file`` is the one guard between a path someone typed and our
code: both ``import_commentary`` and ``load_launch_content --path`` (with the
body files its dataset names) read through it, so they refuse the same
things with the same one-line reasons:

* a missing file (saying so when it is a symbolic link to a missing file),
  a symbolic link that loops back on itself, anything the OS will not open;
* a directory, and anything that is not a regular file: a named pipe,
  socket or device could block a read forever or never end, so it is never
  opened for reading in a way that could wait;
* more than ``MAX_BYTES`` (at most ``MAX_BYTES + 1`` bytes are ever read);
* NUL bytes (a binary file), text that is not UTF-8 (naming the first bad
  byte and its offset), and a file with nothing but white space in it.

A leading byte-order mark (files saved by some Windows editors) is dropped;
line ends are left as they are for the caller's parser.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

MAX_BYTES = 1024 * 1024
_BOM = "\ufeff"


class UnreadableFileError(ValueError):
    """A file cannot be read as text. ``str()`` is ``"<path>: <reason>"``, one line."""

    def __init__(self, path: Path | str, reason: str):
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


def read_text_file(path: Path | str) -> str:
    """The file's UTF-8 text without a leading BOM, or ``UnreadableFileError``."""
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        broken = " (a symbolic link to a missing file)" if path.is_symlink() else ""
        raise UnreadableFileError(path, f"no such file{broken}") from None
    except OSError as error:
        raise UnreadableFileError(path, _os_reason(error)) from None
    _refuse_special(path, info.st_mode)
    data = _read_at_most(path, MAX_BYTES + 1)
    return decode_text(data, path, size=info.st_size)


def decode_text(data: bytes, name: Path | str, *, size: int = 0) -> str:
    """The UTF-8 text of ``data`` (an uploaded file's bytes, or a file's), refused
    for the same reasons and in the same words as ``read_text_file``.

    ``size`` is the whole file's size when only its first ``MAX_BYTES + 1``
    bytes were read. The admin's import page reads uploads through this.
    """
    if len(data) > MAX_BYTES:
        raise UnreadableFileError(name, f"is {max(size, len(data)):,} bytes, over the 1 MB limit")
    if b"\x00" in data:
        raise UnreadableFileError(name, "contains NUL bytes; this looks like a binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UnreadableFileError(
            name, f"is not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start})"
        ) from None
    text = text.removeprefix(_BOM)
    if not text.strip():
        raise UnreadableFileError(name, "is empty")
    return text


def _refuse_special(path: Path, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise UnreadableFileError(path, "is a directory, not a text file")
    if not stat.S_ISREG(mode):
        raise UnreadableFileError(path, "is not a regular file (a pipe, socket or device)")


def _read_at_most(path: Path, limit: int) -> bytes:
    """Open without blocking and check again what was opened: the path may have
    been swapped for a pipe since it was looked at."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise UnreadableFileError(path, _os_reason(error)) from None
    with os.fdopen(fd, "rb") as fh:
        try:
            _refuse_special(path, os.fstat(fd).st_mode)
            return fh.read(limit)
        except OSError as error:
            raise UnreadableFileError(path, _os_reason(error)) from None


def _os_reason(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "is a symbolic link that loops back on itself"
    if error.errno == errno.ENOENT:
        return "no such file"
    return f"cannot be read ({error.strerror or error})"
