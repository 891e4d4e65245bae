"""Mark cited passages and source markers in an article's already-rendered HTML.

The body HTML was rendered from Markdown and sanitised when the article was
saved (``articles.rendering.markdown``); nothing here renders Markdown again. We only insert
elements around text we find in that HTML:

* each citation's quote, HTML-escaped the way the renderer escapes text and
  matched across any run of white space, becomes
  ``<a class="citation-link" href="claim page"><mark class="citation">…</mark></a>``
  (or, where the passage already contains a link, a ``<mark>`` followed by a
  small reference link, so links never nest);
* each ``[↗]`` source marker becomes a link to the source when its
  ``SourceMarker`` has a URL, and an explained label otherwise.

Every piece of text we add is escaped; the result is safe to mark safe because
its input was sanitised HTML and we only add our own escaped elements.
"""

import html
import re
from collections import defaultdict
from dataclasses import dataclass

from django.utils.html import escape, format_html

from .markdown import SOURCE_MARKER, normalise_space

_PARAGRAPH_RE = re.compile(r'(<p id="(?P<anchor>[^"]+)">)(?P<inner>.*?)(</p>)', re.S)
_WHITESPACE = r"(?:\s|&nbsp;|&#160;|\xa0)+"
_ESCAPED_MARKER = escape(SOURCE_MARKER)


@dataclass
class Section:
    """One rendered part of an article: the body, or one round-up contribution."""

    prefix: str
    html: str
    contribution: object = None


def _quote_pattern(quote: str):
    """A regex for ``quote`` as it appears in rendered HTML text."""
    words = normalise_space(quote).split(" ")
    if not words or words == [""]:
        return None
    parts = [re.escape(html.escape(word, quote=False)) for word in words]
    return re.compile(_WHITESPACE.join(parts))


def _inside_tag(text: str, position: int) -> bool:
    """Whether ``position`` in ``text`` falls inside a tag's angle brackets."""
    return text.rfind("<", 0, position) > text.rfind(">", 0, position)


def _claim_ref(citation, label="[claim]"):
    """A small link to a citation's claim, described in full for screen readers."""
    claim = citation.claim
    statement = normalise_space(claim.statement)
    return format_html(
        '<a class="citation-ref" id="citation-{}" href="{}" title="{}: {}">'
        '<span aria-hidden="true">{}</span><span class="visually-hidden">Claim ({}): {}</span></a>',
        citation.pk,
        claim.get_absolute_url(),
        citation.get_stance_display(),
        statement,
        label,
        citation.get_stance_display().lower(),
        statement,
    )


def _mark_paragraph(inner: str, citations) -> tuple[str, list]:
    """``inner`` with each citation's quote marked; returns (html, unplaced citations).

    Overlapping quotes (several claims drawn from one passage) are marked as
    one passage followed by a link to each claim.
    """
    spans = []
    unplaced = []
    for citation in citations:
        pattern = _quote_pattern(citation.quote)
        match = None
        if pattern is not None:
            for candidate in pattern.finditer(inner):
                if not _inside_tag(inner, candidate.start()):
                    match = candidate
                    break
        if match is None:
            unplaced.append(citation)
        else:
            spans.append((match.start(), match.end(), citation))
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
        holds_link = "<a" in passage or _ESCAPED_MARKER in passage or SOURCE_MARKER in passage
        if len(group) == 1 and not holds_link:
            citation = group[0]
            pieces.append(
                format_html(
                    '<a class="citation-link" id="citation-{}" href="{}" title="{}: {}">',
                    citation.pk,
                    citation.claim.get_absolute_url(),
                    citation.get_stance_display(),
                    normalise_space(citation.claim.statement),
                )
                + '<mark class="citation">'
                + passage
                + "</mark></a>"
            )
        else:
            # Several claims, or a passage holding a link (a source marker
            # becomes one): mark it, then link each claim, so links never nest.
            pieces.append('<mark class="citation">' + passage + "</mark>")
            pieces += [_claim_ref(citation) for citation in group]
        cursor = end
    pieces.append(inner[cursor:])
    return "".join(pieces), unplaced


def mark_citations(section_html: str, citations) -> str:
    """Mark every citation of this section in its paragraphs.

    A citation whose quote cannot be found verbatim (it spans inline markup)
    still gets a reference link at the end of its paragraph.
    """
    by_anchor = defaultdict(list)
    for citation in citations:
        if citation.anchor:
            by_anchor[citation.anchor].append(citation)
    if not by_anchor:
        return section_html

    def replace(match):
        anchor = match.group("anchor")
        if anchor not in by_anchor:
            return match.group(0)
        inner, unplaced = _mark_paragraph(match.group("inner"), by_anchor[anchor])
        for citation in unplaced:
            inner += " " + _claim_ref(citation, f"[cited: {citation.get_stance_display().lower()}]")
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
            c for c in citations if c.anchor and _anchor_in_section(c.anchor, part.prefix)
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
