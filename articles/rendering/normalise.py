"""Text as quote matching compares it: ``normalise`` (and ``normalise_mapped``, which
also maps each character back), and the reading text of rendered HTML (``_html_text``).

Tags are dropped, so a quote runs across emphasis and links; entities are decoded;
runs of white space are one space; typographic quotes, apostrophes and dashes equal
their plain forms; soft hyphens and zero-width characters are ignored. Used by
``articles.rendering.anchoring``; pure, no database.
"""

from __future__ import annotations

import html
import re
import unicodedata

_IGNORED = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}
_EQUIVALENT = {
    **dict.fromkeys("‘’‚‛′`´", "'"),
    **dict.fromkeys("“”„‟″«»", '"'),
    **dict.fromkeys("‐‑‒–—―−", "-"),
    "…": "...",
}
_TOKEN_RE = re.compile(r"<[^>]*>|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_BREAK_RE = re.compile(r"<br\b", re.I)


def _normalise_char(char: str) -> str:
    if char in _IGNORED:
        return ""
    if char.isspace():
        return " "
    if char in _EQUIVALENT:
        return _EQUIVALENT[char]
    if char.isascii():
        return char
    return unicodedata.normalize("NFKC", char)


def _stable_class() -> str:
    """A regular-expression class of the characters that are their own normal form:
    printable ASCII but the backtick (an apostrophe when matching), and the Latin,
    Greek and Cyrillic letters (Russian and Kazakh text) that NFKC leaves alone."""
    stable = [
        char
        for code in (*range(0x21, 0x7F), *range(0xA1, 0x250), *range(0x370, 0x530))
        if (char := chr(code)) != "`" and not char.isspace() and char not in _IGNORED
        and char not in _EQUIVALENT and unicodedata.normalize("NFKC", char) == char
    ]
    return "[" + "".join(re.escape(char) for char in stable) + "]"


# Runs of such characters joined by single spaces copy through whole.
_STABLE = _stable_class()
_PLAIN_RUN_RE = re.compile(f"{_STABLE}+(?: {_STABLE}+)*")


def normalise_mapped(text: str) -> tuple[str, list[int]]:
    """``text`` normalised for matching, with the index in ``text`` of each output character.

    Runs of words in characters that are their own normal form are copied whole, so
    only the rest (white space runs, typographic and rarer characters) is looked at one
    character at a time: the article page finds each citation's passage in its
    paragraph on every view, and a character-by-character pass over the whole text
    was a quarter of its time."""
    out: list[str] = []
    where: list[int] = []
    last_space = True  # nothing written yet: a leading space is dropped like a repeated one

    def one_by_one(start, end):
        nonlocal last_space
        for index in range(start, end):
            for piece in _normalise_char(text[index]):
                if piece == " ":
                    if last_space:
                        continue
                    last_space = True
                else:
                    last_space = False
                out.append(piece)
                where.append(index)

    cursor = 0
    for run in _PLAIN_RUN_RE.finditer(text):
        start, end = run.span()
        if start > cursor:
            one_by_one(cursor, start)
        out.append(run.group())
        where.extend(range(start, end))
        last_space = False
        cursor = end
    if cursor < len(text):
        one_by_one(cursor, len(text))
    if last_space and out:
        out.pop()
        where.pop()
    return "".join(out), where


def normalise(text: str) -> str:
    """``text`` as matching compares it (see the module docstring)."""
    return normalise_mapped(text or "")[0]


def _normalise_context(text: str) -> str:
    """Like ``normalise`` but keeping one space at either edge: "Beta said " is the
    context of a quote that follows it after a space."""
    core = normalise(text)
    if not core or not text:
        return core
    return (" " if text[0].isspace() else "") + core + (" " if text[-1].isspace() else "")


def _html_text(inner: str) -> tuple[str, list[int], list[int]]:
    """The reading text of an HTML fragment, with each character's start and end in the HTML."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    cursor = 0
    for token in _TOKEN_RE.finditer(inner):
        if token.start() > cursor:
            chars.append(inner[cursor : token.start()])
            starts.extend(range(cursor, token.start()))
            ends.extend(range(cursor + 1, token.start() + 1))
        raw = token.group(0)
        if raw.startswith("&"):
            decoded = html.unescape(raw)
            chars.append(decoded)
            starts.extend([token.start()] * len(decoded))
            ends.extend([token.end()] * len(decoded))
        elif _BREAK_RE.match(raw):
            chars.append(" ")
            starts.append(token.start())
            ends.append(token.end())
        cursor = token.end()
    if cursor < len(inner):
        chars.append(inner[cursor:])
        starts.extend(range(cursor, len(inner)))
        ends.extend(range(cursor + 1, len(inner) + 1))
    return "".join(chars), starts, ends
