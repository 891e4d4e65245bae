"""
Markdown rendering and plain-text helpers shared by models, services and views.

Article bodies are written in Markdown by editors. They are rendered once, when
saved, to sanitised HTML whose paragraphs carry stable ``id`` anchors, so that
pages never re-render Markdown per request and cited passages can be linked.
"""

import html
import re
import unicodedata

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "h2", "h3", "h4", "blockquote", "ul", "ol", "li", "em", "strong",
    "a", "code", "pre", "br", "hr", "sup", "sub", "abbr", "cite", "q",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}

# The scraped originals marked each place where the author linked a source
# with "[↗]". We keep the marker in the text and render it as a small label.
SOURCE_MARKER = "[↗]"

_BLOCK_RE = re.compile(r"<(p|h2|h3|h4|li|blockquote)>")
_PARAGRAPH_RE = re.compile(r'<p id="([^"]+)">(.*?)</p>', re.S)
_TAG_RE = re.compile(r"<[^>]+>")
_SPACE_RE = re.compile(r"\s+")


def normalise_space(text: str) -> str:
    """Collapse runs of white space (including no-break spaces) to one space."""
    return _SPACE_RE.sub(" ", unicodedata.normalize("NFC", text or "")).strip()


def render_markdown(text: str, *, anchor_prefix: str = "") -> str:
    """Render editor Markdown to sanitised HTML with numbered paragraph anchors.

    Anchors are ``p1``, ``p2``... (prefixed per section, e.g. ``c1-p2`` for the
    first contribution) and depend only on paragraph order, so links to them
    survive edits elsewhere in the text.
    """
    raw = markdown.markdown(text or "", extensions=["sane_lists"], output_format="html")
    clean = nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
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


def locate_quote(paragraphs: list[tuple[str, str]], quote: str) -> tuple[str, int] | None:
    """(anchor, index) of the first of ``paragraphs`` (as from ``paragraphs_of``)
    that contains ``quote`` (white space normalised), or None: a citation quote
    must lie within one paragraph."""
    needle = normalise_space(quote)
    if not needle:
        return None
    for index, (anchor, text) in enumerate(paragraphs):
        if needle in text:
            return anchor, index
    return None


def plain_text(rendered_html: str) -> str:
    return normalise_space(html.unescape(_TAG_RE.sub(" ", rendered_html or "")))
