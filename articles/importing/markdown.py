"""
Plain scraped text as Markdown for an article's body: ``blocks_to_markdown``.

The importer stores parsed paragraphs and headings as Markdown; ``escape_markdown``
keeps what the page said as plain text under the renderer. Pure: no database.
"""

import re

from ..rendering.markdown import SOURCE_MARKER
from .parser import HEADING, Block


def blocks_to_markdown(blocks: tuple[Block, ...]) -> str:
    """Paragraphs separated by blank lines; headings as ``## ``."""
    parts = []
    for block in blocks:
        text = escape_markdown(block.text)
        parts.append(f"## {text}" if block.kind == HEADING else text)
    return "\n\n".join(parts)


_MARKDOWN_SPECIAL = re.compile(r"[\\`*_\[\]<>!~|{}]")
_LINE_START = re.compile(r"^(?:[#>+=-]|\d{1,9}[.)](?=\s|$))")


def escape_markdown(text: str) -> str:
    """Keep plain scraped text plain under Markdown, as the text it was.

    Brackets, asterisks, underscores, backticks, pipes, tildes and ``<``/``>``
    are backslash-escaped (``<`` as an entity), and so is a leading ``#``,
    ``>``, ``+``, ``-``, ``=`` or list number. One pass over the text, and no
    ``[`` is left for the Markdown parser to match, so rendering cost stays
    linear however many brackets a page holds. The ``[↗]`` source markers
    stay as they are.
    """
    parts = text.split(SOURCE_MARKER)
    out = []
    for part in parts:
        part = _MARKDOWN_SPECIAL.sub(lambda m: "&lt;" if m.group(0) == "<" else "\\" + m.group(0), part)
        out.append(part)
    text = SOURCE_MARKER.join(out)
    m = _LINE_START.match(text)
    if m:
        text = text[: m.end() - 1] + "\\" + text[m.end() - 1 :] if m.group(0)[-1] in ".)" else "\\" + text
    return text
