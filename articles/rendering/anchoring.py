"""Finding a cited passage in an article's rendered text, and finding it again after edits.

Pure functions over rendered HTML (no database): the write path
(``articles.publishing``), model validation, the admin and the highlighter all
use them, so "where is this quote" has one answer everywhere.

A citation is anchored like a W3C Web Annotation ``TextQuoteSelector``: the exact
quote plus the text just before (``prefix``) and after (``suffix``) it, captured
when the passage is confirmed. Matching

* compares *reading text*: tags are dropped, so a quote runs across emphasis and
  links; entities are decoded; runs of white space are one space; typographic
  quotes, apostrophes and dashes equal their plain forms; soft hyphens and
  zero-width characters are ignored (``normalise``);
* accepts a quote pasted from the Markdown the editor sees (``*so*``,
  ``[a link](…)``): when the quote as typed is not found, its rendered text is tried;
* keeps a quote within one paragraph (anchors and highlights are per paragraph);
* uses the context to pick the right occurrence of a phrase that occurs more
  than once, so inserting, deleting or reordering paragraphs never moves a
  citation to the wrong place while its words are still there.

``find`` gives the occurrence that fits best. ``follow`` is what re-anchoring
uses: it also refuses to *move* a citation onto the same words elsewhere. When
the quote occurs more than once, the occurrence it follows must fit its stored
context better than any other; when an occurrence was lost since it was last
anchored, that one must also still have three whole words of the context next to
it. Otherwise its own words may be the ones an edit removed, and it needs review
rather than silently quoting another passage.

When the words are gone, ``follow`` returns None (the citation needs review) and
``closest_passage`` offers the most similar passage of the new text (rapidfuzz).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz

from .markdown import _PARAGRAPH_RE, _cmark
from .normalise import _html_text, _normalise_context, normalise, normalise_mapped

# How much text either side of a quote is kept to tell occurrences apart.
CONTEXT_CHARS = 40
# Where a quote occurs more than once, how many whole words of its stored context
# (just before and just after it, together) an occurrence must still have next to
# it to be taken as the citation's own (fewer only when the stored context has fewer).
MIN_AGREEMENT = 3
# Below this similarity (0-100) a passage is not offered as "closest".
CLOSEST_MIN_SCORE = 60


@dataclass
class Paragraph:
    """One anchored paragraph of rendered HTML (``<p id="…">inner</p>``)."""

    anchor: str
    inner: str

    @cached_property
    def _mapped(self):
        plain, starts, ends = _html_text(self.inner)
        text, where = normalise_mapped(plain)
        return plain, text, where, starts, ends

    @property
    def plain(self) -> str:
        """The text as readers see it."""
        return self._mapped[0]

    @property
    def text(self) -> str:
        """The text as matching compares it."""
        return self._mapped[1]

    def plain_span(self, start: int, end: int) -> tuple[int, int]:
        """Indices in ``plain`` of the normalised span ``[start, end)``."""
        where = self._mapped[2]
        return where[start], where[end - 1] + 1

    def html_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in ``inner`` of the normalised span ``[start, end)``."""
        _plain, _text, where, starts, ends = self._mapped
        return starts[where[start]], ends[where[end - 1]]

    def passage(self, start: int, end: int) -> str:
        """The readers' text of the normalised span, white space collapsed."""
        plain_start, plain_end = self.plain_span(start, end)
        return " ".join(self.plain[plain_start:plain_end].split())


class Document:
    """Every anchored paragraph of an article, in reading order.

    ``sections`` are (anchor prefix, rendered HTML) pairs: the body, then each
    contribution. Paragraph texts are worked out only when first needed.
    """

    def __init__(self, sections):
        self.paragraphs = [
            Paragraph(anchor, inner)
            for _prefix, section_html in sections
            for anchor, inner in _PARAGRAPH_RE.findall(section_html or "")
        ]
        self.index = {p.anchor: i for i, p in enumerate(self.paragraphs)}

    def before(self, paragraph: int, start: int, size: int = CONTEXT_CHARS) -> str:
        """Up to ``size`` characters of text before a point, across paragraph breaks."""
        text = self.paragraphs[paragraph].text[:start]
        while len(text) < size and paragraph > 0:
            paragraph -= 1
            text = self.paragraphs[paragraph].text + " " + text
        return text[-size:] if size else ""

    def after(self, paragraph: int, end: int, size: int = CONTEXT_CHARS) -> str:
        text = self.paragraphs[paragraph].text[end:]
        while len(text) < size and paragraph < len(self.paragraphs) - 1:
            paragraph += 1
            text = text + " " + self.paragraphs[paragraph].text
        return text[:size]


@dataclass(frozen=True)
class Match:
    """Where a quote is: paragraph (index in reading order and anchor), normalised span,
    the passage as readers see it, and the context to store with the citation.

    ``occurrences``: how many times the quote occurs in the text searched; ``agreement``:
    how many whole words of the stored context are still next to the chosen occurrence
    (``needed``: how many must be to tell occurrences apart); ``clear``: it is the only
    occurrence, or its surroundings fit the context strictly better than any other's.
    """

    position: int
    anchor: str
    start: int
    end: int
    passage: str
    prefix: str
    suffix: str
    occurrences: int = 1
    agreement: int = 0
    needed: int = 0
    clear: bool = True

    @property
    def told_apart(self) -> bool:
        """The context singles this occurrence out from the others (or there are no others)."""
        return self.occurrences == 1 or (self.clear and self.agreement >= self.needed)


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _words(text: str) -> int:
    return sum(1 for token in text.split() if any(char.isalnum() for char in token))


def _words_before(want: str, got: str) -> int:
    """Whole words at the end of ``want`` (stored context) that ``got`` ends with too."""
    n = _common_suffix(want, got)
    shared = want[len(want) - n :]
    aligned = shared.startswith(" ") or (
        (n == len(want) or want[-n - 1] == " ") and (n == len(got) or got[-n - 1] == " ")
    )
    return _words(shared if aligned else shared.partition(" ")[2])


def _words_after(want: str, got: str) -> int:
    """Whole words at the start of ``want`` (stored context) that ``got`` starts with too."""
    n = _common_prefix(want, got)
    shared = want[:n]
    aligned = shared.endswith(" ") or ((n == len(want) or want[n] == " ") and (n == len(got) or got[n] == " "))
    return _words(shared if aligned else shared.rpartition(" ")[0])


def _occurrences(document: Document, needle: str, paragraphs):
    for index in paragraphs:
        text = document.paragraphs[index].text
        start = text.find(needle)
        while start != -1:
            yield index, start, start + len(needle)
            start = text.find(needle, start + 1)


def _needles(quote: str) -> list[str]:
    """The quote as typed, then (if it differs) as its Markdown renders to text."""
    typed = normalise(quote)
    if not typed:
        return []
    needles = [typed]
    rendered = normalise(_html_text(_cmark(quote))[0])
    if rendered and rendered != typed:
        needles.append(rendered)
    return needles


def find(
    document: Document,
    quote: str,
    *,
    prefix: str = "",
    suffix: str = "",
    anchor: str = "",
    within: str | None = None,
) -> Match | None:
    """The occurrence of ``quote`` that best fits its stored context, or None if its
    words are not in the text (within one paragraph).

    With several occurrences, the one whose surrounding text shares most with
    ``prefix``/``suffix`` wins; then the one in the paragraph the citation had
    (``anchor``); then the first. ``within`` limits the search to one paragraph.
    """
    if within is not None:
        paragraphs = [document.index[within]] if within in document.index else []
    else:
        paragraphs = range(len(document.paragraphs))
    want_before, want_after = _normalise_context(prefix), _normalise_context(suffix)
    for needle in _needles(quote):
        found = list(_occurrences(document, needle, paragraphs))
        if not found:
            continue
        scored = []
        for index, start, end in found:
            got_before = document.before(index, start, len(want_before))
            got_after = document.after(index, end, len(want_after))
            context = _common_suffix(want_before, got_before) + _common_prefix(want_after, got_after)
            scored.append(((context, document.paragraphs[index].anchor == anchor), (index, start, end)))
        # max() keeps the first of equals: without context, the first occurrence.
        best_score, (index, start, end) = max(scored, key=lambda item: item[0])
        runner_up = max((score[0] for score, where in scored if where != (index, start, end)), default=-1)
        agreement = _words_before(want_before, document.before(index, start, len(want_before)))
        agreement += _words_after(want_after, document.after(index, end, len(want_after)))
        paragraph = document.paragraphs[index]
        return Match(
            position=index,
            anchor=paragraph.anchor,
            start=start,
            end=end,
            passage=paragraph.passage(start, end),
            prefix=document.before(index, start),
            suffix=document.after(index, end),
            occurrences=len(found),
            agreement=agreement,
            needed=min(MIN_AGREEMENT, _words(want_before) + _words(want_after)),
            clear=best_score[0] > runner_up,
        )
    return None


def follow(
    document: Document,
    quote: str,
    *,
    prefix: str = "",
    suffix: str = "",
    anchor: str = "",
    previously: int = 1,
) -> Match | None:
    """Where a citation's passage is after an edit, or None if it may be gone.

    ``previously`` is how many times the quote occurred when the citation was last
    anchored. A quote that occurred once and still occurs once has simply moved
    (whatever was rewritten around it). With several occurrences, the one whose
    surroundings fit the stored context strictly best is taken; and when there are
    fewer occurrences than before (one was edited away, perhaps the cited one), it
    must also still have ``MIN_AGREEMENT`` whole words of that context next to it.
    Otherwise the citation needs review: it is never moved onto a passage nobody
    confirmed.
    """
    match = find(document, quote, prefix=prefix, suffix=suffix, anchor=anchor)
    if match is None:
        return None
    if match.occurrences == 1 and previously <= 1:
        return match
    if not match.clear:
        return None
    if match.occurrences >= previously:
        # No occurrence was lost (paragraphs added, deleted or reordered around them):
        # the one that fits the context best is the citation's own.
        return match
    # An occurrence is gone, perhaps the cited one: only words still next to it prove it is not.
    return match if match.agreement >= match.needed else None


def occurrences(document: Document, quote: str) -> list[tuple[int, int, int]]:
    """Every occurrence of ``quote`` (as typed, else as rendered): (paragraph index, start, end)."""
    for needle in _needles(quote):
        found = list(_occurrences(document, needle, range(len(document.paragraphs))))
        if found:
            return found
    return []


def count(document: Document, quote: str) -> int:
    """How many times ``quote`` occurs (as typed, else as rendered)."""
    return len(occurrences(document, quote))


@dataclass(frozen=True)
class Closest:
    anchor: str
    passage: str
    score: float


def _word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


def closest_passage(document: Document, quote: str) -> Closest | None:
    """The passage of the text most like ``quote`` (fuzzy, word-aligned), if any is close enough."""
    needle = normalise(quote)
    if not needle:
        return None
    best = None
    for paragraph in document.paragraphs:
        if not paragraph.text:
            continue
        found = fuzz.partial_ratio_alignment(needle, paragraph.text, score_cutoff=CLOSEST_MIN_SCORE)
        if found is None or (best is not None and found.score <= best[0]):
            continue
        start, end = _word_bounds(paragraph.text, found.dest_start, found.dest_end)
        best = (found.score, paragraph, start, end)
    if best is None:
        return None
    score, paragraph, start, end = best
    return Closest(anchor=paragraph.anchor, passage=paragraph.passage(start, end), score=round(score, 1))
