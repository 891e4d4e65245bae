"""Query understanding: from what a reader typed to groups of alternatives.

A query becomes a list of ``Group``s, one per meaningful word (or per actor
name found in it). A group matches when any of its alternatives does; an
alternative is a phrase of one or more tokens. Both backends turn the same
groups into their own syntax (FTS5 ``MATCH`` or ``tsquery``), so SQLite and
PostgreSQL understand a query the same way:

- typographic and straight apostrophes and quotes are one; a possessive ’s is
  dropped ("Russia's" = "Russia’s" = "Russia");
- British and American spellings match (colour/color, organisation/organization);
- hyphenated words match written together or apart (multi-vector/multivector);
- an actor's name or alias stands for every name of that actor
  ("Toqaev" also finds "Tokayev" and "Kassym-Jomart Tokayev");
- question and filler words ("who", "to", "the"...) are left out;
- at most ``MAX_TERMS`` groups are used, and the page says so.
"""

import itertools
import re
import unicodedata
from dataclasses import dataclass, field

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
# Ranking (BM25, ts_rank_cd) reads each ranked entry's positions of every alternative,
# so when more pieces match, not all are ranked: those whose title, standfirst or people
# match come first, then the newest. PostgreSQL ranks this many per kind; SQLite the
# newest this many head matches and the newest this many pieces (ranking every head
# match was a third of a search for an actor at 10,000 pieces). The rest follow, newest
# first. Below this many matches the ranking is exact on both.
CANDIDATES = 30
FEW = 3  # fewer all-word matches than this: add the most-of-the-words matches

# Control characters and bidirectional overrides: never meant as search text,
# and echoed back they would put NULs in the page or reverse the text around them.
_CONTROLS_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})
_TERM_RE = re.compile(r"\w[\w'-]*", re.UNICODE)
_TOKEN_RE = re.compile(r"\w+", re.UNICODE)

# Words that carry no topic: questions are asked in plain words ("who sent
# troops to Kazakhstan"), and requiring "who" or "to" would find nothing.
STOPWORDS = frozenset(
    """a about after all also am an and any are as at be been before being but by can could did do does
    doing for from had has have he her his how i if in into is it its just me my no nor not of on or our
    she so than that the their them then there these they this those to too us was we were what when
    where which while who whom whose why will with would you your s t"""
    # PostgreSQL's English stop words too, so both databases drop the same words.
    """myself ours ourselves yours yourself yourselves him himself hers herself itself theirs themselves
    having because until against between through during above below up down out off over under again
    further once here both each few more most other some such only own same very don should now""".split()
)
# Russian function words (PostgreSQL's russian stop list, so the parser and the russian
# configuration drop the same words) and Kazakh ones (PostgreSQL's simple configuration,
# used for Kazakh, has none): "протесты в Казахстане" needs no "в".
STOPWORDS = STOPWORDS | frozenset(
    """и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было
    вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас
    нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их
    чем была сам чтоб без будто чего раз тоже себе под будет ж тогда кто этот того потому этого какой
    совсем ним здесь этом один почти мой тем чтобы нее сейчас были куда зачем всех никогда можно при
    наконец два об другой хоть после над больше тот через эти нас про всего них какая много разве три
    эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им более всегда конечно
    всю между
    және мен бен пен да де та те ма ме ба бе па пе ғой бұл осы сол ол олар үшін туралы деп кім қандай
    қалай неге неліктен қашан қайда әлде немесе бірақ ал""".split()
)

# British -> American; the reverse is derived. Whole words and their stems.
_SPELLINGS = {
    "colour": "color", "favour": "favor", "behaviour": "behavior", "labour": "labor", "honour": "honor",
    "neighbour": "neighbor", "centre": "center", "defence": "defense", "offence": "offense",
    "programme": "program", "licence": "license", "travelled": "traveled", "analyse": "analyze",
    "catalogue": "catalog", "dialogue": "dialog", "rumour": "rumor", "armour": "armor",
}
_SPELLINGS_US = {us: uk for uk, us in _SPELLINGS.items()}
_ISE_RE = re.compile(r"^(\w{3,})is(e|es|ed|ing|ation|ations|er|ers)$")
# -ise words that are not the British form of an -ize word.
_NOT_ISE = frozenset(
    """advertise advise chastise compromise concise demise devise disguise enterprise exercise expertise franchise
    improvise merchandise otherwise paradise praise precise premise promise raise revise rise supervise surmise
    surprise televise wise noise""".split()
)
_IZE_RE = re.compile(r"^(\w{3,})iz(e|es|ed|ing|ation|ations|er|ers)$")


def without_controls(raw) -> str:
    """``raw`` as text, control characters and bidi overrides turned into spaces, trimmed."""
    return _CONTROLS_RE.sub(" ", str(raw or "")).strip()


def clean_query(raw) -> tuple[str, bool]:
    """(query to search for, whether it was shortened to ``MAX_QUERY_LENGTH``)."""
    text = " ".join(without_controls(raw).split())
    if len(text) > MAX_QUERY_LENGTH:
        return text[:MAX_QUERY_LENGTH].rstrip(), True
    return text, False


def fold(text: str) -> str:
    """Lower case, diacritics removed, apostrophes and quotes made straight:
    the form both indexes and every comparison use (Kizeková = kizekova)."""
    text = unicodedata.normalize("NFKD", str(text).translate(_APOSTROPHES).casefold())
    # Combining marks go after Latin letters only: in Cyrillic "й" is a letter of its own.
    out = []
    for char in text:
        if unicodedata.combining(char) and out and out[-1] < "\u0250":
            continue
        out.append(char)
    return unicodedata.normalize("NFC", "".join(out))


def tokens(text: str) -> list[str]:
    """The folded word tokens of ``text``, as the full-text indexes split it."""
    return _TOKEN_RE.findall(fold(text))


def terms_of(query: str) -> list[str]:
    """The words of a query (apostrophes unified), at most ``MAX_TERMS``, without operators."""
    return _TERM_RE.findall(str(query).translate(_APOSTROPHES))[:MAX_TERMS]


def _strip_possessive(word: str) -> str:
    return re.sub(r"'s?$", "", word)


def spelling_variants(word: str) -> list[str]:
    """Other spellings of a folded word: British/American, -ise/-ize."""
    out = []
    for table in (_SPELLINGS, _SPELLINGS_US):
        for source, target in table.items():
            if word.startswith(source):
                out.append(target + word[len(source):])
    if (match := _ISE_RE.match(word)) and f"{match.group(1)}ise" not in _NOT_ISE:
        out.append(f"{match.group(1)}iz{match.group(2)}")
    if match := _IZE_RE.match(word):
        out.append(f"{match.group(1)}is{match.group(2)}")
    return [w for w in dict.fromkeys(out) if w != word]


def _holds(phrase, part):
    """Whether ``part`` occurs in ``phrase`` as consecutive tokens."""
    return any(phrase[i : i + len(part)] == part for i in range(len(phrase) - len(part) + 1))


@dataclass
class Group:
    """One thing the reader asked for: any alternative (a phrase of tokens) matches it."""

    label: str
    alternatives: list[tuple[str, ...]]
    actor_id: int | None = None
    corrected_from: str = ""
    # PostgreSQL: the lexeme every entry naming the actor carries (``actor_tokens``),
    # matched instead of the names when the index is current for them.
    token: str = ""

    def add(self, *phrases):
        for phrase in phrases:
            phrase = [t for t in phrase if t]
            # "the Kremlin" -> "kremlin": the databases skip or drown in such words.
            while len(phrase) > 1 and phrase[0] in STOPWORDS:
                phrase.pop(0)
            while len(phrase) > 1 and phrase[-1] in STOPWORDS:
                phrase.pop()
            phrase = tuple(phrase)
            if phrase and phrase not in self.alternatives:
                self.alternatives.append(phrase)

    @property
    def searched(self):
        """The alternatives the databases are asked for: those another alternative does not
        already cover. A phrase holding a shorter alternative ("nursultan nazarbayev" and
        "nazarbayev") finds nothing the shorter one does not, and ranking reads the
        positions of every alternative in every ranked entry (its cost grows with their
        number, most on PostgreSQL). A shorter alternative of filler words only covers
        nothing: the databases drop such words. ``alternatives`` keeps them all, for
        highlighting and "Did you mean"."""
        covering = [a for a in self.alternatives if not all(t in STOPWORDS for t in a)]
        return [
            alt for alt in self.alternatives
            if not any(len(other) < len(alt) and _holds(alt, other) for other in covering)
        ]


@dataclass
class ParsedQuery:
    text: str
    groups: list[Group] = field(default_factory=list)
    capped: bool = False  # more than MAX_TERMS words: the rest were left out
    dropped: list[str] = field(default_factory=list)  # filler words left out

    @property
    def words(self):
        """Every folded token the groups can match, for highlighting."""
        return sorted({t for g in self.groups for alt in g.alternatives for t in alt}, key=len, reverse=True)

    def corrected_text(self):
        """The query with typo corrections applied, for "Did you mean"."""
        words = []
        for group in self.groups:
            if group.corrected_from and len(group.alternatives) > 1:
                words.append(" ".join(group.alternatives[1]))
            else:
                words.append(group.label)
        return " ".join(words)

    @property
    def corrections(self):
        return [g for g in self.groups if g.corrected_from and len(g.alternatives) > 1]


def at_least(n: int) -> int:
    """How many of ``n`` groups "most of the words" means: more than half (one of two)."""
    return n // 2 + 1 if n > 2 else 1


def combinations_of(groups, k):
    """Every choice of ``k`` of ``groups`` (at most C(8, 5) = 56): an entry matches at
    least ``k`` groups exactly when it matches all groups of one of them."""
    return list(itertools.combinations(groups, k))


def _word_group(raw_word: str) -> Group | None:
    word = _strip_possessive(fold(raw_word)).strip("'-")
    if not word:
        return None
    parts = [p for p in re.split(r"['-]+", word) if p]
    group = Group(label=raw_word, alternatives=[])
    if len(parts) > 1:
        # multi-vector: as a phrase (multi vector) and joined (multivector).
        group.add(tuple(parts), ("".join(parts),))
    else:
        group.add((parts[0],))
    for alternative in list(group.alternatives):
        if len(alternative) == 1:
            for variant in spelling_variants(alternative[0]):
                group.add((variant,))
    return group


def parse(query: str, names=None) -> ParsedQuery:
    """Groups for ``query``. ``names``: {folded token tuple: (actor id, [token tuples of
    every name of that actor])}, from ``index.actor_names()``."""
    names = names or {}
    text = str(query).translate(_APOSTROPHES)
    raw_words = _TERM_RE.findall(text)
    folded = [tuple(_TOKEN_RE.findall(_strip_possessive(fold(w)))) for w in raw_words]
    parsed = ParsedQuery(text=query)
    longest = max((len(k) for k in names), default=0)
    i = 0
    while i < len(raw_words):
        # The longest actor name starting here ("Kassym-Jomart Tokayev" before "Tokayev").
        found = None
        for size in range(min(longest, len(raw_words) - i), 0, -1):
            key = tuple(t for word in folded[i : i + size] for t in word)
            if key in names:
                label = " ".join(raw_words[i : i + size])
                if all(t in STOPWORDS for t in key) and not re.search(r"[A-Z]{2}", label):
                    continue  # "us" the word, not "US" the country
                found = size, key, label
                break
        if found:
            size, key, label = found
            actor_id, phrases = names[key]
            group = Group(label=label, alternatives=[], actor_id=actor_id)
            group.add(key, *phrases)
            parsed.groups.append(group)
            i += size
            continue
        word = raw_words[i]
        i += 1
        if all(t in STOPWORDS for t in folded[i - 1]) or not folded[i - 1]:
            parsed.dropped.append(word)
            continue
        group = _word_group(word)
        if group:
            parsed.groups.append(group)
    if not parsed.groups and parsed.dropped:
        # Only filler words ("The Who"): search for them rather than for nothing.
        parsed.groups = [g for g in (_word_group(w) for w in parsed.dropped) if g]
        parsed.dropped = []
    if len(parsed.groups) > MAX_TERMS:
        parsed.groups = parsed.groups[:MAX_TERMS]
        parsed.capped = True
    return parsed
