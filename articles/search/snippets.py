"""Snippets: a result's text with the query's words in ``<mark>``, cut to the words
around the first match (``highlight``), and the ``_Matcher`` that tells which words
of a result are the query's."""

import collections
import functools
import html
import itertools
import re

from django.utils.safestring import mark_safe

from .query import STOPWORDS, fold

_WORDS_RE = re.compile(r"\w+", re.UNICODE)
SNIPPET_WORDS = 32


# Bounded by memory, not speed: folding a word takes 2.4 us, and 100,000 words held
# 17.5 MiB (a long-lived worker's snippets reach that on a large site); 10,000 hold
# the common words of the commentary.
@functools.lru_cache(maxsize=10_000)
def _fold_token(token):
    return fold(token)


class _Matcher:
    """Whether a word of a result is one of the query's words, or a close inflection of
    one: the word itself; a query word of 4+ letters plus up to 3 more ("troop" ->
    "troops"); or a 4+ letter word the query word extends by up to 2 ("sanction" in
    "sanctions"). Built once per search as two sets, so each word of a snippet costs
    a few set lookups, not a loop over the query."""

    def __init__(self, words):
        self.exact = set(words)
        # Rule 2: folded starts with a query word of 4+ letters and is at most 3 longer.
        self.stems = {w for w in words if len(w) >= 4}
        # Rule 3: folded (4+ letters) is a query word less up to 2 trailing letters.
        self.prefixes = {w[: len(w) - cut] for w in words for cut in (1, 2) if len(w) - cut >= 4}
        self.cache = {}
        # Every word that can match folds to something starting with a query word or a
        # rule-3 prefix. A word of ASCII letters folds to its lower case, so only those
        # starting with one of these (in any case), and words with other letters, need
        # the check: the regular expression skips the rest of a long text in C, where
        # checking word after word in Python was most of a search's snippet time.
        roots = sorted({r for r in self.exact | self.prefixes if r.isascii()}, key=len, reverse=True)
        pattern = r"(?=\w*[^\W\x00-\x7f])\w+"
        if roots:
            pattern += "|(?i:" + "|".join(re.escape(r) for r in roots) + r")\w*"
        self.candidates = re.compile(rf"(?<!\w)(?:{pattern})")

    def __call__(self, token):
        found = self.cache.get(token)
        if found is None:
            folded = _fold_token(token)
            found = (
                folded in self.exact
                or folded in self.prefixes
                or any(folded[:k] in self.stems for k in range(max(4, len(folded) - 3), len(folded)))
            )
            self.cache[token] = found
        return found

    def first(self, text):
        """The first word of ``text`` that matches (a match object, as ``_WORDS_RE`` finds
        words), or None."""
        for candidate in self.candidates.finditer(text):
            if self(candidate.group()):
                return candidate
        return None


def highlight(text, words, *, snippet=True, only_if_matched=False, seen=None):
    """``text`` (escaped) with the query's words in ``<mark>``; as a snippet, the
    ``SNIPPET_WORDS`` words around the first match. ``seen``: the ``_Matcher`` shared by
    the results of one search (or a list of query words' matcher is built here).

    A snippet reads the text only as far as it needs: up to the first match and the
    words after it, not a whole long article."""
    text = " ".join(str(text or "").split())
    matches = seen if isinstance(seen, _Matcher) else _Matcher([w for w in words if w not in STOPWORDS])
    found = _WORDS_RE.finditer(text)
    if not snippet:
        window = list(found)
        if not window:
            return ""
        start, end, prefix, suffix = 0, len(text), "", ""
    else:
        before = SNIPPET_WORDS // 3
        first = matches.first(text)
        if first is None:
            if only_if_matched:
                return ""
            window, lo = [], 0
        else:
            # The words just before the first match, and one more to tell whether there are
            # words before those (the deque reads them in C).
            recent = collections.deque(_WORDS_RE.finditer(text, 0, first.start()), maxlen=before + 1)
            lo = len(recent) > before
            window = [*itertools.islice(recent, int(lo), None), first]
            found = _WORDS_RE.finditer(text, first.end())
        # One word past the snippet tells whether there is more text after it.
        window.extend(itertools.islice(found, SNIPPET_WORDS + 1 - len(window)))
        if not window:
            return ""
        more = len(window) > SNIPPET_WORDS
        window = window[:SNIPPET_WORDS]
        start = window[0].start() if lo else 0
        end = window[-1].end() if more else len(text)
        prefix, suffix = ("… " if lo else ""), (" …" if more else "")
    out, cursor = [], start
    for match in window:
        if matches(match.group()):
            out.append(html.escape(text[cursor : match.start()]))
            out.append(f"<mark>{html.escape(match.group())}</mark>")
            cursor = match.end()
    out.append(html.escape(text[cursor:end]))
    return mark_safe(prefix + "".join(out) + suffix)
