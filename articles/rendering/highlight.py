"""Mark cited passages and source markers in an article's already-rendered HTML.

The body HTML was rendered from Markdown and sanitised when the article was
saved (``articles.rendering.markdown``); nothing here renders Markdown again. We only insert
elements around text we find in that HTML:

* each verified citation's passage, found in its paragraph the way it was
  anchored (``articles.rendering.anchoring``: reading text, across emphasis and
  links, the right one of repeated phrases by context), becomes
  ``<mark class="citation">…</mark>`` (one around each run of its text where it
  spans inline formatting) followed by a small visible link to each claim it
  bears on (``<a class="citation-ref">claim</a>``): the passage itself is never a
  link, so a tap while reading does not navigate, and where the link goes is
  written on it, not hidden in a tooltip; links never nest;
* a citation that needs review is never shown;
* each ``[↗]`` source marker becomes a link to the source when its
  ``SourceMarker`` has a URL, and an explained label otherwise.

Every piece of text we add is escaped; the result is safe to mark safe because
its input was sanitised HTML and we only add our own escaped elements.
"""

import re
from collections import defaultdict
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.translation import gettext, pgettext

from . import anchoring
from .markdown import SOURCE_MARKER, normalise_space

_PARAGRAPH_RE = re.compile(r'(<p id="(?P<anchor>[^"]+)">)(?P<inner>.*?)(</p>)', re.S)
_TAG_SPLIT_RE = re.compile(r"(<[^>]*>)")
_ESCAPED_MARKER = escape(SOURCE_MARKER)


@dataclass
class Section:
    """One rendered part of an article: the body, or one round-up contribution."""

    prefix: str
    html: str
    contribution: object = None


def _claim_ref(citation, label=None):
    """A small link to a citation's claim, described in full for screen readers."""
    label = label or pgettext("the link after a cited passage", "claim")
    described = gettext("Claim (%(stance)s): %(statement)s")
    claim = citation.claim
    statement = normalise_space(claim.statement)
    stance = citation.get_stance_display()  # builds the choices and translates: once, not twice
    return format_html(
        '<a class="citation-ref" id="citation-{}" href="{}" title="{}: {}">'
        '<span aria-hidden="true">{}</span><span class="visually-hidden">{}</span></a>',
        citation.pk,
        claim.get_absolute_url(),
        stance,
        statement,
        label,
        described % {"stance": stance.lower(), "statement": statement},
    )


def _mark_runs(passage: str) -> str:
    """``<mark>`` around each run of text in ``passage``, leaving its tags as they are."""
    return "".join(
        piece if piece.startswith("<") or not piece else '<mark class="citation">' + piece + "</mark>"
        for piece in _TAG_SPLIT_RE.split(passage)
    )


def _mark_paragraph(document, anchor: str, inner: str, citations) -> tuple[str, list]:
    """``inner`` with each citation's quote marked; returns (html, unplaced citations).

    Overlapping quotes (several claims drawn from one passage) are marked as
    one passage followed by a link to each claim.
    """
    spans = []
    unplaced = []
    paragraph = document.paragraphs[document.index[anchor]]
    for citation in citations:
        match = anchoring.find(
            document, citation.quote, prefix=citation.prefix, suffix=citation.suffix, anchor=anchor, within=anchor
        )
        if match is None:
            unplaced.append(citation)
        else:
            start, end = paragraph.html_span(match.start, match.end)
            spans.append((start, end, citation))
    groups = []  # [start, end, [citations]] of overlapping spans, merged
    for start, end, citation in sorted(spans, key=lambda span: (span[0], -span[1])):
        if groups and start < groups[-1][1]:
            groups[-1][1] = max(groups[-1][1], end)
            groups[-1][2].append(citation)
        else:
            groups.append([start, end, [citation]])
    pieces = []
    cursor = 0
    for start, end, group in groups:
        passage = inner[start:end]
        pieces.append(inner[cursor:start])
        # The passage is marked, never made a link: a tap while reading stays a tap on text.
        # A small visible link after it goes to each claim it bears on (links never nest).
        pieces.append(_mark_runs(passage))
        pieces += [_claim_ref(citation) for citation in group]
        cursor = end
    pieces.append(inner[cursor:])
    return "".join(pieces), unplaced


def mark_citations(section_html: str, citations) -> str:
    """Mark every verified citation of this section in its paragraphs; one that needs
    review is left out. A citation whose passage cannot be found in its paragraph
    (the text changed after it was anchored) still gets a reference link at the
    end of its paragraph."""
    by_anchor = defaultdict(list)
    for citation in citations:
        if citation.anchor and not citation.needs_review:
            by_anchor[citation.anchor].append(citation)
    if not by_anchor:
        return section_html
    document = anchoring.Document([("", section_html)])

    def replace(match):
        anchor = match.group("anchor")
        if anchor not in by_anchor or anchor not in document.index:
            return match.group(0)
        inner, unplaced = _mark_paragraph(document, anchor, match.group("inner"), by_anchor[anchor])
        for citation in unplaced:
            inner += " " + _claim_ref(citation, gettext("[cited: %(stance)s]") % {"stance": citation.get_stance_display().lower()})
        return match.group(1) + inner + match.group(4)

    return _PARAGRAPH_RE.sub(replace, section_html)


def mark_sources(section_html: str, markers) -> str:
    """Replace each ``[↗]`` with an accessible source link or label.

    Markers are matched to occurrences paragraph by paragraph (by their
    ``anchor``, in ``order``); markers without an anchor are used in order for
    occurrences not otherwise matched.
    """
    if SOURCE_MARKER not in section_html and _ESCAPED_MARKER not in section_html:
        return section_html
    by_anchor = defaultdict(list)
    loose = []
    for marker in markers:
        (by_anchor[marker.anchor] if marker.anchor else loose).append(marker)
    loose.reverse()

    def render(marker):
        if marker is not None and marker.url:
            return format_html(
                '<a class="source-marker" href="{}" rel="nofollow noopener noreferrer">'
                '<span aria-hidden="true">[↗]</span><span class="visually-hidden">(source)</span></a>',
                marker.url,
            )
        return (
            '<span class="source-marker" title="The original linked a source here">'
            '<span aria-hidden="true">[↗]</span>'
            '<span class="visually-hidden">(the original linked a source here)</span></span>'
        )

    def replace_in(anchor, text):
        queue = list(reversed(by_anchor.get(anchor, [])))

        def one(_match):
            marker = queue.pop() if queue else (loose.pop() if loose else None)
            return render(marker)

        return re.sub(re.escape(SOURCE_MARKER) + "|" + re.escape(_ESCAPED_MARKER), one, text)

    def replace(match):
        return match.group(1) + replace_in(match.group("anchor"), match.group("inner")) + match.group(4)

    return _PARAGRAPH_RE.sub(replace, section_html)


def article_sections(article) -> list[Section]:
    """The article's body and contributions with citations and source markers
    marked, from prefetched relations (``for_detail``): no queries."""
    citations = list(article.citations.all())
    markers = list(article.source_markers.all())
    parts = [Section("", article.body_html)]
    parts += [Section(f"c{c.order}-", c.body_html, c) for c in article.contributions.all()]
    out = []
    for part in parts:
        own_citations = [
            c for c in citations
            if c.anchor and not c.needs_review and _anchor_in_section(c.anchor, part.prefix)
        ]
        own_markers = [
            m for m in markers
            if (_anchor_in_section(m.anchor, part.prefix) if m.anchor else not part.prefix)
        ]
        marked = mark_citations(part.html, own_citations)
        marked = mark_sources(marked, own_markers)
        out.append(Section(part.prefix, marked, part.contribution))
    return out


def _anchor_in_section(anchor: str, prefix: str) -> bool:
    if prefix:
        return anchor.startswith(prefix)
    return re.fullmatch(r"p\d+", anchor) is not None
