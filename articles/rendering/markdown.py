"""
Markdown rendering and plain-text helpers shared by models, services and views.

Article bodies are written in Markdown by editors. They are rendered once, when
saved, to sanitised HTML whose paragraphs carry stable ``id`` anchors, so that
pages never re-render Markdown per request and cited passages can be linked.

The renderer is cmark-gfm (CommonMark, in C, through ``cmarkgfm``): its time is
linear in the input, whatever runs of brackets or nesting an editor or an import
produces (Python-Markdown took 54 s on 20,000 ``[`` and raised RecursionError on a
list nested 300 deep). Raw HTML is passed through to nh3, which keeps only the
tags below, as before. ``markdown_problems`` gives editors a plain reason when a
text is beyond what an article can hold (size, nesting); the renderer itself
never fails on such input.
"""

import functools
import html
import re
import unicodedata

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options as CmarkOptions
from django.utils.translation import gettext as _

ALLOWED_TAGS = {
    "p", "h2", "h3", "h4", "blockquote", "ul", "ol", "li", "em", "strong",
    "a", "code", "pre", "br", "hr", "sup", "sub", "abbr", "cite", "q",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}

# Limits an article's Markdown must keep to (``markdown_problems``). The longest
# launch text is about 12,000 characters; a 5,000-word piece about 35,000.
MAX_MARKDOWN_CHARS = 200_000
MAX_NESTING = 20

# The scraped originals marked each place where the author linked a source
# with "[↗]". We keep the marker in the text and render it as a small label.
SOURCE_MARKER = "[↗]"

_BLOCK_RE = re.compile(r"<(p|h2|h3|h4|li|blockquote)>")
_PARAGRAPH_RE = re.compile(r'<p id="([^"]+)">(.*?)</p>', re.S)
_TAG_RE = re.compile(r"<[^>]+>")
_SPACE_RE = re.compile(r"\s+")
_NESTING_TAG_RE = re.compile(r"<(/?)([a-z][a-z0-9]*)\b[^>]*?(/?)>")
# A list's items and a quote's paragraphs are not levels of their own: "- " typed 300
# times is a list nested 300 deep, and the editor is told 300. Void tags close themselves.
_NOT_LEVELS = {"li", "p", "br", "hr", "img", "input", "wbr"}


def normalise_space(text: str) -> str:
    """Collapse runs of white space (including no-break spaces) to one space."""
    return _SPACE_RE.sub(" ", unicodedata.normalize("NFC", text or "")).strip()


@functools.lru_cache(maxsize=32)
def _cmark(text: str) -> str:
    return cmarkgfm.markdown_to_html(text or "", options=CmarkOptions.CMARK_OPT_UNSAFE)


def _nesting_depth(raw_html: str) -> int:
    depth = deepest = 0
    for closing, tag, self_closing in _NESTING_TAG_RE.findall(raw_html):
        if tag in _NOT_LEVELS or self_closing:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


def markdown_problems(text: str) -> list[str]:
    """Why ``text`` cannot be saved as an article's Markdown, in editors' words
    (empty when it can): too long, or nested deeper than ``MAX_NESTING``."""
    text = text or ""
    if len(text) > MAX_MARKDOWN_CHARS:
        return [
            _(
                "This text is %(length)s characters long; the limit is %(limit)s. "
                "Split it into several articles or contributions."
            )
            % {"length": f"{len(text):,}", "limit": f"{MAX_MARKDOWN_CHARS:,}"}
        ]
    depth = _nesting_depth(_cmark(text))
    if depth > MAX_NESTING:
        return [
            _(
                "Lists, quotes or emphasis are nested %(depth)d levels deep; the limit is %(limit)d. "
                "Check for stray “>”, “-” or “*” at the start of lines."
            )
            % {"depth": depth, "limit": MAX_NESTING}
        ]
    return []


def render_markdown(text: str, *, anchor_prefix: str = "") -> str:
    """Render editor Markdown to sanitised HTML with numbered paragraph anchors.

    Anchors are ``p1``, ``p2``... (prefixed per section, e.g. ``c1-p2`` for the
    first contribution) and depend only on paragraph order, so links to them
    survive edits elsewhere in the text.

    Results are memoised for the last few texts: one save validates the
    citations against the text and then stores its HTML, and both use one render.
    """
    return _render(text or "", anchor_prefix)


@functools.lru_cache(maxsize=32)
def _render(text: str, anchor_prefix: str) -> str:
    clean = nh3.clean(
        _cmark(text),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    ).rstrip("\n")
    counter = 0

    def number(match):
        nonlocal counter
        tag = match.group(1)
        if tag != "p":
            return match.group(0)
        counter += 1
        return f'<p id="{anchor_prefix}p{counter}">'

    return _BLOCK_RE.sub(number, clean)


def paragraphs_of(rendered_html: str) -> list[tuple[str, str]]:
    """(anchor, plain text) for each anchored paragraph of rendered HTML."""
    return [
        (anchor, normalise_space(html.unescape(_TAG_RE.sub("", inner))))
        for anchor, inner in _PARAGRAPH_RE.findall(rendered_html or "")
    ]


def render_sections(body: str, contributions=()) -> list[tuple[str, str]]:
    """(anchor prefix, rendered HTML) for a body and its contributions, given as
    ``(order, markdown)`` pairs: contribution ``n`` is anchored ``c<n>-p1``..."""
    sections = [("", render_markdown(body))]
    sections += [
        (f"c{order}-", render_markdown(text, anchor_prefix=f"c{order}-")) for order, text in contributions
    ]
    return sections


def plain_text(rendered_html: str) -> str:
    return normalise_space(html.unescape(_TAG_RE.sub(" ", rendered_html or "")))
