"""
Actor-mention detection: which actors an article mentions, and how often.

``detect_mentions`` (this module) is pure: it counts the actors' names and
aliases in a text. ``refresh.refresh_actor_mentions`` recomputes an article's detected mentions
from its body and round-up contributions and stores them as ``ArticleActor``
rows, without ever undoing an editor's choice:

* rows an editor added by hand (origin "manual") stay, whatever the count;
* rows an editor removed by hand (origin "excluded") stay removed;
* only rows of origin "detected" are created, recounted and deleted.

Matching rules
--------------
* Whole words only: "Russia" does not match inside "Russian", but it does
  match in "Russia’s", "Russia's" and "Russia-led".
* Case matters (names are proper nouns): "CSTO" does not match "csto". A
  name whose first word is lowercase or an article ("the Kremlin", "The
  Kremlin") also matches with that first letter in the other case, so "the
  Kremlin" is found at the start of a sentence too.
* Longest match wins: where names overlap, the longest occurrence is counted
  and the names inside it are not ("Collective Security Treaty
  Organization" counts once, for its actor, not also for an alias such as
  "Security Treaty"; "Russian President Putin" counts for Putin only when it
  is one of his names, not also for an actor called "Russian").
* A name followed by its own abbreviation in brackets -- "Collective
  Security Treaty Organization (CSTO)" -- is one mention, not two.
* When two actors share a name, an occurrence counts for both.
"""

import functools
import html
import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping

from articles.rendering.markdown import normalise_space, render_markdown

_BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|pre)>|<br\s*/?>")
_TAG = re.compile(r"<[^>]+>")
_APOSTROPHES = "'’"
_ARTICLES = {"the", "a", "an"}
_BRACKET_OPEN = re.compile(r"\s*\(\s*$")
_BRACKET_CLOSE = re.compile(r"^\s*\)")
_SEPARATORS = re.compile(f"[ {_APOSTROPHES}]")


@functools.lru_cache(maxsize=4096)
def _term(term: str) -> tuple[re.Pattern[str], str] | None:
    """Whole-word pattern for one name, following the case rules above, and the longest
    piece of the name that any match holds verbatim. Most names are in few texts: a
    substring test for that piece skips the pattern's scan of the whole text, which
    made detection the slowest step of saving an article."""
    if len(term) < 2:
        return None
    parts = []
    for char in term:
        if char == " ":
            parts.append(r"[^\S\n]+")
        elif char in _APOSTROPHES:
            parts.append(f"[{_APOSTROPHES}]")
        else:
            parts.append(re.escape(char))
    pieces = _SEPARATORS.split(term)
    first_word = term.split(" ", 1)[0]
    first = term[0]
    if first.isalpha() and (first.islower() or first_word.lower() in _ARTICLES):
        parts[0] = f"[{first.lower()}{first.upper()}]"
        pieces[0] = pieces[0][1:]
    return re.compile(r"(?<!\w)" + "".join(parts) + r"(?!\w)"), max(pieces, key=len)


def _pairs(actors_with_aliases) -> Iterable[tuple[Hashable, Iterable[str]]]:
    if isinstance(actors_with_aliases, Mapping):
        return actors_with_aliases.items()
    return actors_with_aliases


def detect_mentions(
    text: str,
    actors_with_aliases: Mapping[Hashable, Iterable[str]] | Iterable[tuple[Hashable, Iterable[str]]],
) -> dict[Hashable, int]:
    """Count each actor's mentions in ``text``.

    ``actors_with_aliases`` maps an actor id to its names (the name and every
    alias), as a mapping or as ``(actor_id, names)`` pairs. Returns
    ``{actor_id: count}`` for the actors mentioned at least once.
    """
    text = text or ""
    # One pattern per distinct name; a name shared by actors counts for each.
    owners: dict[str, set[Hashable]] = defaultdict(set)
    for actor_id, names in _pairs(actors_with_aliases):
        for name in names:
            cleaned = normalise_space(name)
            if cleaned:
                owners[cleaned].add(actor_id)

    found: dict[tuple[int, int], set[Hashable]] = defaultdict(set)
    for name, actor_ids in owners.items():
        term = _term(name)
        if term is None or term[1] not in text:
            continue
        for match in term[0].finditer(text):
            found[match.span()] |= actor_ids

    # Longest match wins; among equals, the earlier one.
    taken = bytearray(len(text))
    chosen: list[tuple[int, int, set[Hashable]]] = []
    by_length = sorted(found.items(), key=lambda item: (item[0][0] - item[0][1], item[0][0]))
    for (start, end), actor_ids in by_length:
        if any(taken[start:end]):
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append((start, end, actor_ids))
    chosen.sort()

    counts: Counter = Counter()
    previous: tuple[int, int, set[Hashable]] | None = None
    for start, end, actor_ids in chosen:
        counted = set(actor_ids)
        if (
            previous is not None
            and _BRACKET_OPEN.fullmatch(text[previous[1] : start])
            and _BRACKET_CLOSE.match(text[end:])
        ):
            # "Name (ABBR)": the abbreviation repeats the mention before it.
            counted -= previous[2]
        counts.update(counted)
        previous = (start, end, actor_ids)
    return dict(counts)


def _plain_text(markdown_text: str) -> str:
    """Readable text of an editor's Markdown, one block per line."""
    rendered = _BLOCK_END.sub("\n", render_markdown(markdown_text))
    lines = html.unescape(_TAG.sub("", rendered)).split("\n")
    return "\n".join(filter(None, (normalise_space(line) for line in lines)))
