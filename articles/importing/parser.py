"""Parse a scraped commentary page (plain text) into its parts.

Pure Python: no Django, no database. ``parse_commentary(text)`` returns a
``ParsedCommentary`` holding what the page states -- title, authors with
their affiliation lines, publication, series, date, body, round-up
contributions, reader comments and ``[↗]`` source markers -- plus
``warnings`` for whatever it could not determine. It never guesses: a date
is only taken when the page prints a full one next to the title, and a day
without a year ("2nd January") is kept as a hint, not turned into a date.

How a page is read
------------------
The text is split into lines; each non-empty line is a paragraph (a line
that is the hard-wrapped continuation of the previous one is joined back).

* Page chrome -- share/print/rating widgets, sign-up prompts, copyright
  lines, e-mail addresses, audience menus ("For students"), archive links,
  comment-form boilerplate -- is recognised by line patterns and dropped
  wherever it appears.
* The *header* is everything before the first prose paragraph: publication,
  series line ("GP Short Notes # 608, 15 January 2022"), date line
  ("Jan 20, 2022 in CEIAS Insights"), byline ("by David Hutt"), author name
  lines followed by an affiliation line and an optional ``@handle``, and the
  title (the first header line that is none of these).
* Header fields are read by evidence, not position: mastheads (a line
  starting with a publication the caller knows), their slogans,
  breadcrumbs, kicker labels, captions and credits, widgets and prompts are
  dropped wherever they appear; the title is the first headline-shaped line
  above the byline/date lines (menu items are shorter), or the line that
  repeats an HTML page's headline metadata; the standfirst is a summary
  line between the title and the byline (or above a dateline, labelled
  sections, or an abstract). ``evidence`` records why each field was read
  as it was; a publication is only ever one of ``publications`` (other
  names the page offers are listed in ``publication_candidates`` and the
  warnings).
* The *trailer* starts at the first section heading after the body that
  pages put below an article ("Authors", "Key Topics", "Related", a list of
  other articles "8 May 2022 | GP Short Notes # 635", "3 thoughts on ...").
  Only two things are kept from it: the "Authors" box (used to fill in a
  missing affiliation) and the reader comments.
* In between is the *body*: paragraphs and short heading lines. A name line
  followed by an affiliation or ``@handle`` line starts a round-up
  contribution. A bio sentence ("Jane Doe is a senior fellow at ...") as the
  first or last paragraph names the author. Paragraphs the scrape repeated
  are kept once (first occurrence).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from ..rendering.markdown import SOURCE_MARKER

PARAGRAPH = "paragraph"
HEADING = "heading"

# Words of context recorded before a ``[↗]`` marker.
MARKER_CONTEXT_WORDS = 6


# --------------------------------------------------------------------------
# Result types
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class ParsedAuthor:
    name: str
    affiliation: str = ""
    handle: str = ""  # social handle as printed, e.g. "@AlicaKizekova"
    bio: str = ""  # the bio sentence(s) the author was found in, if any


@dataclass(frozen=True)
class Block:
    kind: str  # PARAGRAPH or HEADING
    text: str


def _paragraphs(blocks: tuple[Block, ...]) -> tuple[str, ...]:
    return tuple(b.text for b in blocks if b.kind == PARAGRAPH)


def _headings(blocks: tuple[Block, ...]) -> tuple[str, ...]:
    return tuple(b.text for b in blocks if b.kind == HEADING)


@dataclass(frozen=True)
class ParsedContribution:
    """One expert's section of a round-up."""

    author: ParsedAuthor
    blocks: tuple[Block, ...] = ()

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return _paragraphs(self.blocks)

    @property
    def headings(self) -> tuple[str, ...]:
        return _headings(self.blocks)


@dataclass(frozen=True)
class ParsedSourceMarker:
    """A ``[↗]`` marker (a link in the original page) left in a paragraph.

    ``paragraph_index`` counts paragraphs (headings excluded) of the body,
    or of contribution ``contribution_index`` when that is not None.
    ``offset`` is the marker's character offset in that paragraph and
    ``context`` the few words before it (after any previous marker).
    """

    paragraph_index: int
    context: str
    offset: int
    contribution_index: int | None = None


@dataclass(frozen=True)
class ParsedCommentary:
    title: str = ""
    authors: tuple[ParsedAuthor, ...] = ()
    publication: str = ""
    series_name: str = ""
    series_number: int | None = None
    section: str = ""  # category printed by the date, e.g. "CEIAS Insights"
    date: dt.date | None = None
    date_precision: str = ""  # "day", "month" or "" (no date)
    date_text: str = ""  # the date as printed
    date_hints: tuple[str, ...] = ()  # days printed without a year
    body: tuple[Block, ...] = ()  # a round-up's editor introduction
    contributions: tuple[ParsedContribution, ...] = ()
    comments: tuple[str, ...] = ()
    # The date each comment shows on the original page (None where it prints none).
    comment_dates: tuple[dt.date | None, ...] = ()
    source_markers: tuple[ParsedSourceMarker, ...] = ()
    warnings: tuple[str, ...] = ()
    standfirst: str = ""
    original_url: str = ""  # the page's canonical link (HTML input)
    site_name: str = ""  # the site's own name (HTML metadata), a publication candidate
    # Why each field was read as it was: ((field, evidence), ...).
    evidence: tuple[tuple[str, str], ...] = ()
    # Publication names the page suggested but the caller's list did not confirm.
    publication_candidates: tuple[tuple[str, str], ...] = ()

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return _paragraphs(self.body)

    @property
    def headings(self) -> tuple[str, ...]:
        return _headings(self.body)

    @property
    def is_roundup(self) -> bool:
        return bool(self.contributions)

    @property
    def all_paragraphs(self) -> tuple[str, ...]:
        """Body paragraphs followed by every contribution's paragraphs."""
        out = list(self.paragraphs)
        for contribution in self.contributions:
            out.extend(contribution.paragraphs)
        return tuple(out)


# --------------------------------------------------------------------------
# Text normalisation
# --------------------------------------------------------------------------

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def normalise_text(text: str) -> str:
    """The canonical form of an input text (used for hashing and parsing).

    NFC, ``\\n`` line ends, no BOM or zero-width characters, runs of spaces
    collapsed, no trailing spaces, no leading or trailing blank lines.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


# --------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------

_MONTH_NUMBERS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?"
    r"|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_MONTH_FULL = (
    r"(?:January|February|March|April|May|June|July|August|September"
    r"|October|November|December)"
)
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"

_DATE_PATTERNS = (
    (re.compile(rf"\b(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH}),?\s+(?P<y>{_YEAR})\b"), "day"),
    (re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<d>{_DAY}),?\s+(?P<y>{_YEAR})\b"), "day"),
    (re.compile(rf"\b(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b"), "day"),
    (re.compile(rf"\b(?P<m>{_MONTH}),?\s+(?P<y>{_YEAR})\b"), "month"),
)
_DAY_WITHOUT_YEAR = (
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH_FULL}\b(?!\.?,?\s*{_YEAR}\b)"),
    re.compile(rf"\b{_MONTH_FULL}\s+{_DAY}\b(?!,?\s*{_YEAR}\b)"),
)
# What may precede a date on a date line: "Published on", "Updated:", "Thursday,".
_DATE_PREFIX = re.compile(
    r"^(?:(?:first\s+|last\s+)?(?:published|posted|updated|modified|dated?)(?:\s+on)?\s*:?\s*)?"
    r"(?:(?:Mon|Tue|Tues|Wed|Wednes|Thu|Thur|Thurs|Fri|Sat|Satur|Sun)(?:day)?\.?,?\s+)?$",
    re.I,
)
_DATE_LABEL = re.compile(r"(?i)\b(?:published|posted|updated|dated?)\b")
_DATE_SECTION = re.compile(r"^\s*in\s+(?P<section>\S.{0,60})$")


@dataclass(frozen=True)
class _DateMatch:
    date: dt.date
    precision: str
    text: str
    start: int
    end: int


def _month_number(name: str) -> int:
    if name.isdigit():
        return int(name)
    return _MONTH_NUMBERS[name.rstrip(".")[:3].lower()]


def _find_date(text: str) -> _DateMatch | None:
    """The earliest full date (with a year) in ``text``, if any."""
    found: list[_DateMatch] = []
    for pattern, precision in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            day = int(re.sub(r"\D", "", m.group("d"))) if precision == "day" else 1
            try:
                value = dt.date(int(m.group("y")), _month_number(m.group("m")), day)
            except ValueError:
                continue
            found.append(_DateMatch(value, precision, m.group(0), m.start(), m.end()))
            break
    if not found:
        return None
    # Earliest wins; at the same place the more precise (listed first) wins.
    return min(found, key=lambda d: (d.start, d.precision != "day"))


def _date_hints(texts: list[str]) -> tuple[str, ...]:
    hints: list[str] = []
    for text in texts:
        for pattern in _DAY_WITHOUT_YEAR:
            for m in pattern.finditer(text):
                if m.group(0) not in hints:
                    hints.append(m.group(0))
    return tuple(hints)


# --------------------------------------------------------------------------
# Line classification
# --------------------------------------------------------------------------


def _full(*patterns: str, flags: int = re.I) -> re.Pattern[str]:
    return re.compile(r"^(?:" + "|".join(patterns) + r")$", flags)


# Lines that are page furniture wherever they appear.
_CHROME = _full(
    r"print(?: this(?: article| page| post)?)?",
    r"share(?: this(?: article| page| post| story)?)?(?: on \w+)?:?",
    r"rate this(?: article| post| page| story)?:?",
    r"\(?\s*(?:\d+|no)\s+votes?\s*\)?",
    r"(?:tweet|e-?mail|facebook|twitter|x|linkedin|whatsapp|telegram|reddit|copy link|pocket)",
    r"(?:sign up|signup|subscribe|register)\b.*",
    r"join our (?:mailing list|newsletter|community)\b.*",
    r"stay (?:informed|up to date|updated|in touch|tuned)\b.*",
    r"(?:©|\(c\)|copyright)\s*.*",
    r".*\ball rights reserved\b.*",
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    r"click (?:here|below)\b.*",
    r"(?:(?:19|20)\d{2}\s*\|\s*)+(?:19|20)\d{2}",
    r"leave a (?:reply|comment)\b.*",
    r"(?:cancel reply|reply|post comment|submit comment|load more comments)",
    r"your email address will not be published\b.*",
    r"required fields are marked\b.*",
    r"(?:previous|next) (?:article|post|story)\b.*",
    r"(?:back to top|skip to (?:main )?content|menu|search|home|download pdf)",
    # share, save, listen and text-size widgets
    r"(?:share|save|gift|listen|print|follow|copy|email|bookmark)"
    r"(?: (?:this|the|to this|full))?(?: (?:article|story|page|post|link|piece))?",
    r"(?:link copied|open in app|sign in|log in|login|my account|advertisement|ad|sponsored)",
    r"(?:story continues below advertisement|continue reading\b.*|read the full (?:article|story)\b.*)",
    r"(?:t\s?t|a\s?a|aa|a\+\s*a-?|a-\s*a\+|(?:text|font) size:?|reset text size)",
    r"\d{1,3}\s*(?:-\s*)?min(?:ute)?s?(?: read| listen)?",
    r"(?:listen|audio)(?: to (?:this )?(?:article|story))?:?\s*(?:\d{1,2}:\d{2}|\d{1,3} min(?:ute)?s?)?",
    r"rate (?:this|the)(?: article| post| page| story)?\b.*",
    r"follow (?:us|the authors?)\b.*",
    # newsletter and cookie prompts
    r"(?:get|receive|sign up for|subscribe to)\b.{0,80}\b(?:newsletters?|updates|inbox|e-?mails?|briefing|alerts?)\b.*",
    r".{0,80}\bnewsletters?\b.{0,80}",
    r".{0,60}\b(?:we|this (?:site|website)) uses? cookies\b.*",
    r"(?:accept|reject|allow|decline|manage)(?: all)?(?: cookies)?(?: settings)?",
    r"(?:cookie (?:settings|policy|preferences)|privacy (?:policy|settings))",
    r"(?:enter your e-?mail(?: address)?|your e-?mail(?: address)?|e-?mail address)\b.*",
    r"(?:view|see) (?:all )?(?:comments|profile|bio)\b.*",
    r"(?:download|print) (?:the )?(?:pdf|report|article)\b.*",
    r"(?:photos?|images?|video|watch|explainer|gallery)",
    r"support (?:the|us|our)\b.{0,60}",
    r"(?:available for everyone|funded by readers|donate|republish(?: this article)?|edition:.{0,30})",
    r"(?:tags?|topics?|filed under)\s*:.{0,200}",
    r"\d{1,6}\s+(?:shares?|likes?|restacks?)(?:\s+\d{1,6}\s+(?:shares?|likes?|restacks?))*",
    r"\d{1,6}",
    r"(?:launched|founded) \d{1,3} (?:days?|months?|years?) ago",
    r"(?:featured|most (?:viewed|read|popular)|trending|global locations)",
    r"read more(?:\.\.\.|…)?",
    r"(?:subscribe to|get) .{1,60}",
)
_DISCLAIMER = re.compile(
    r"\b(?:does not take institutional positions|views expressed (?:in|here)|views represented herein"
    r"|do(?:es)? not necessarily (?:reflect|represent)|do not represent (?:those|the views))\b",
    re.I,
)

# Kicker labels: the section name a page prints above a headline.
_KICKER = _full(
    r"(?:global |guest |reader )?(?:expert comment|comment is free|opinions?|commentar(?:y|ies)|analysis|op-?eds?|perspectives?"
    r"|editorials?|columns?|columnists?|blogs?|blog posts?|essays?|viewpoints?|voices|ideas|arguments?"
    r"|insights?|features?|briefs?|explainers?|reviews?|interviews?|q&a|world|politics|europe|asia"
    r"|central asia|eurasia|russia|security|news|latest|the big idea|long read|dispatch|podcast)"
    r"(?:\s*[|/:·•]\s*[\w &'-]{1,30})?:?",
)
_KICKER_PREFIX = re.compile(r"^(?:opinion|commentary|analysis|op-?ed|perspective|expert comment)\s*[|:]\s+", re.I)

# Breadcrumbs: "Home » News » Opinion", "Home / Commentary / Asia".
_CRUMB_SPLIT = re.compile(r"\s+[»›>/|]\s+|\s*[»›]\s*")

# Photo captions and credits: "... (Pavel Mikhayev/Reuters)", "... Photo: Reuters".
_AGENCIES = (
    r"reuters|ap|afp|getty|epa|tass|sputnik|ria|bloomberg|shutterstock|alamy|xinhua|anadolu|pool"
    r"|wikimedia|flickr|unsplash|istock|dpa|efe|ap photo|images?|photo|photograph|handout|kremlin|depositphotos"
)
_CREDIT_PARENS = re.compile(rf"\((?:[^()]{{0,80}}/[^()]{{1,60}}|[^()]{{0,40}}\b(?:{_AGENCIES})\b[^()]{{0,40}})\)$", re.I)
_CREDIT_LABEL = re.compile(
    r"(?:^|[\s.])(?:photo(?:graph)?s?|image|picture|illustration|credit|source|video|pictured)\s*(?:by|credit)?\s*:"
    r"\s*[^.]{1,80}\.?$",
    re.I,
)
_CREDIT_ONLY = re.compile(rf"^(?:[\w .&'-]{{1,40}}/)?\s*(?:{_AGENCIES})(?:\s+(?:via|/)\s+[\w .&'-]{{1,40}})?$", re.I)

# Audience menus: "For business", "For researchers". Case matters here so
# that a heading such as "For Russia, a test" is not taken for a menu item.
_AUDIENCE_MENU = re.compile(r"^For [a-z]+$")

# Headings of the sections a page puts below the article.
_SECTION_START = _full(
    r"(?:about the )?authors?:?",
    r"disclosure(?: statement)?:?",
    r"(?:key )?topics:?|tags:?|keywords:?|categories:?|filed under\b.*",
    r"related(?: articles| posts| content| reading| stories| publications)?:?",
    r"(?:read|see) (?:more|also|next)\b.*",
    r"more (?:from|on|by|in) .{1,60}",
    r"recommended(?: for you| reading| articles)?:?",
    r"you (?:may|might) also (?:like|be interested in|enjoy)\b.*",
    r"(?:latest|recent|popular|most read) (?:articles|posts|news|publications|stories):?",
    r"(?:also )?in this series:?",
)
_AUTHORS_BOX = _full(r"(?:about the )?authors?:?")
_COMMENTS_HEADER = _full(
    r"(?:(?P<n>\d+|no|one|two|three|four|five|six|seven|eight|nine|ten)\s+)?"
    r"(?:thoughts?|comments?|responses?|replies)(?:\s+(?:on|to)\s+.+)?:?",
)
_NUMBER_WORDS = {
    "no": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip
# "8 May 2022 | GP Short Notes # 635": an entry in a list of other articles.
_LISTING_ENTRY = re.compile(rf"^(?:{_DAY}\s+{_MONTH},?\s+{_YEAR}|{_MONTH}\s+{_DAY},?\s+{_YEAR})\s*\|")

_HANDLE = re.compile(r"^@[A-Za-z0-9_]{1,30}$")
_COMMENTER = re.compile(r"^.{1,60}\s(?:says|said|wrote|replied):?$", re.I)
_BYLINE = re.compile(r"^(?:(?:written|words|text|story|analysis|commentary) )?by:?\s+(?P<names>\S.*)$", re.I)
_AUTHOR_LABEL = re.compile(r"^(?:authors?|contributors?|written by)\s*:\s*(?P<names>\S.*)$", re.I)
# "Follow David Ignatius's opinions", "Follow Jane Doe": names the author it follows.
_FOLLOW = re.compile(
    r"^follow\s+(?P<name>[^\W\d_][\w'’.\- ]{2,60}?)(?:['’]s?\s+(?:opinions|articles|columns|stories|work))?"
    r"(?:\s+on\s+\w+)?$",
    re.I,
)
_SERIES_LINE = re.compile(
    r"^(?P<name>[^\d#|,]{2,60}?)\s*(?:#|No\.|Number|Issue)\s*(?P<num>\d{1,6})\b(?P<rest>.*)$"
)
_PUBLICATION_LINE = re.compile(
    r"^(?:the\s+)?(?P<pub>\S.{1,80}?)['’]s?\s+(?:(?:online|digital|weekly|monthly)\s+)?"
    r"(?:magazine|journal|blog|review|newsletter|website)$",
    re.I,
)
_PUBLISHED_BY = re.compile(
    r"^(?i:(?:first |originally )?(?:published|this (?:article|commentary) "
    r"(?:was|first) (?:published|appeared))\s+(?:by|in|on))\s+(?P<pub>[A-Z][^.]{1,80})\.?$"
)
_HONORIFIC = re.compile(r"^(?:Dr|Prof|Professor|Mr|Mrs|Ms|Mx|Sir|Dame|Rev|Amb|Ambassador)\.?\s+")

_PARTICLES = {
    "de", "da", "di", "del", "della", "der", "den", "van", "von",
    "la", "le", "du", "dos", "das", "al", "el", "bin", "ibn", "ter", "ten",
}  # fmt: skip
_NOT_NAME_WORDS = {
    "the", "a", "an", "and", "or", "of", "in", "on", "at", "for", "to", "with",
    "why", "what", "how", "who", "when", "where", "is", "are", "by", "from",
    "about", "key", "topics", "authors", "author", "notes", "news", "insights",
}  # fmt: skip
_NAME_CHARS = re.compile(r"[^\W\d_][\w'’.\- ]*")

# Words that make a line read as an affiliation ("Director at the ... Institute").
_ROLE_WORDS = (
    r"director|fellow|professor|lecturer|researcher|research|analyst|editor|"
    r"journalist|writer|correspondent|columnist|head|chair(?:man|woman|person)?|"
    r"founder|co-founder|partner|associate|scholar|expert|advis[eo]r|consultant|"
    r"ambassador|diplomat|officer|manager|student|candidate|member|chief|dean|"
    r"specialist|coordinator|economist|historian|scientist|phd|president|ceo|"
    r"secretary|deputy|senior|principal|visiting|adjunct|emeritus"
)
_ORG_WORDS = (
    r"university|institute|institution|centre|center|council|school|foundation|"
    r"college|ministry|agency|academy|association|society|group|company|ltd|inc|"
    r"programme|program|unit|department|faculty|think[- ]tank|magazine|journal|"
    r"forum|initiative|observatory|commission|office"
)
_AFFILIATION_WORDS = re.compile(rf"\b(?:{_ROLE_WORDS}|{_ORG_WORDS})\b", re.I)
# Roles that make "X is a ..." a contributor's bio rather than a sentence
# about a politician ("Tokayev is the president of ...").
_BIO_ROLES = re.compile(
    r"\b(?:director|fellow|professor|lecturer|researcher|analyst|editor|"
    r"journalist|writer|correspondent|columnist|founder|co-founder|scholar|"
    r"expert|advis[eo]r|consultant|economist|historian|scientist|phd|"
    r"doctoral|student|candidate|associate)\b",
    re.I,
)
_BIO = re.compile(
    r"^(?:(?:author['’]?s? bio|about the authors?|the author)\s*:\s*)?"
    r"(?P<who>[^,;:()]{3,80}?)(?:,\s+[^,;:()]{3,80},)?\s+is\s+(?:also\s+)?(?P<rest>\S.+)$",
    re.I,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“‘']?[A-Z])")

_TERMINAL = ".!?…"
_CLOSERS = "\"”’')]"


def _words(text: str) -> int:
    return len(text.split())


def _ends_sentence(text: str) -> bool:
    text = text.removesuffix(SOURCE_MARKER).rstrip(_CLOSERS).removesuffix(SOURCE_MARKER)
    return bool(text) and text[-1] in _TERMINAL


def _is_prose(text: str) -> bool:
    """A line that reads as running text rather than a label or heading."""
    words = _words(text)
    return (words >= 12 and _ends_sentence(text)) or words >= 30


def _is_chrome(text: str) -> bool:
    if len(text) > 200:
        return bool(_chrome_kind(text))
    return bool(_CHROME.match(text) or _AUDIENCE_MENU.match(text) or _chrome_kind(text))


def _chrome_kind(text: str) -> str:
    """Why a line is page furniture, or "" (kicker, breadcrumb, caption...)."""
    if len(text) > 400:
        return ""
    if _DISCLAIMER.search(text):
        return "disclaimer"
    if re.match(r"(?i)^.{1,80} does not work for, consult, own shares in\b", text):
        return "disclosure statement"
    if len(text) > 320:
        return ""
    if len(text) <= 60 and _KICKER.match(text):
        return "kicker label"
    if _is_breadcrumb(text):
        return "breadcrumb"
    if _is_caption(text):
        return "photo caption or credit"
    if _FOLLOW.match(text):
        return "follow widget"
    return ""


def _is_breadcrumb(text: str) -> bool:
    if len(text) > 200 or text.endswith((".", "?", "!")):
        return False
    parts = [p for p in _CRUMB_SPLIT.split(text) if p.strip()]
    if len(parts) < 2:
        return False
    if parts[0].strip().casefold() in {"home", "homepage", "start", "main"}:
        return True
    return len(parts) >= 3 and all(_words(p) <= 4 for p in parts) and ("»" in text or "›" in text)


def _is_caption(text: str) -> bool:
    if _CREDIT_ONLY.match(text) and _words(text) <= 8:
        return True
    if re.match(r"(?i)^(?:shutterstock|getty images|istock|alamy|depositphotos)[\s_-]*\d*$", text):
        return True
    if re.search(r"(?:\b(?:via|/)\s*Getty Images|\b(?:AP|AFP|EPA|TASS|Reuters|Getty Images|EPA-EFE/\w+))$", text) and _words(text) <= 45:
        return True
    if _words(text) > 70:
        return False
    if _CREDIT_PARENS.search(text):
        return True
    return bool(_CREDIT_LABEL.search(text)) and _words(text) <= 50


def _is_section_start(text: str) -> bool:
    if len(text) > 160:
        return False
    return bool(_SECTION_START.match(text) or _COMMENTS_HEADER.match(text) or _LISTING_ENTRY.match(text))


def _strip_honorific(text: str) -> str:
    return _HONORIFIC.sub("", text, count=1).strip()


def _is_person_name(text: str) -> bool:
    """2-5 capitalised words (particles such as "van" allowed inside)."""
    if not 3 <= len(text) <= 60 or not _NAME_CHARS.fullmatch(text):
        return False
    tokens = text.split()
    if not 2 <= len(tokens) <= 5:
        return False
    for i, token in enumerate(tokens):
        low = token.casefold()
        if low in _PARTICLES and 0 < i < len(tokens) - 1:
            continue
        if low.strip(".") in _NOT_NAME_WORDS or not token[0].isupper():
            return False
        letters = [c for c in token if c.isalpha()]
        if len(letters) >= 2 and all(c.isupper() for c in letters):
            return False  # an acronym, not a name
    return True


def _is_affiliation(text: str) -> bool:
    if _is_prose(text) or text.endswith("?") or _words(text) > 40:
        return False
    if _HANDLE.match(text) or _is_person_name(_strip_honorific(text)):
        return False
    return bool(_AFFILIATION_WORDS.search(text)) or " | " in text


def _is_heading(text: str) -> bool:
    if _is_prose(text) or _words(text) > 14 or len(text) > 120:
        return False
    if text[-1] in ".,;:" or SOURCE_MARKER in text:
        return False
    return text[0].isupper() or text[0].isdigit() or text[0] in "“\"‘'"


def _first_sentence(text: str) -> str:
    return _SENTENCE_END.split(text, maxsplit=1)[0]


def _parse_bio(text: str) -> ParsedAuthor | None:
    """``Dr Jane Doe is a senior fellow at X. She ...`` -> Jane Doe."""
    if len(text) > 600 or len(_SENTENCE_END.split(text)) > 4:
        return None
    m = _BIO.match(text)
    if not m:
        return None
    name = _strip_honorific(m.group("who"))
    if not _is_person_name(name):
        return None
    role = _first_sentence(m.group("rest")).rstrip(".").strip()
    if not _BIO_ROLES.search(role):
        return None
    role = re.sub(r"^(?:an?|the)\s+", "", role, flags=re.I)
    return ParsedAuthor(name=name, affiliation=role[:1].upper() + role[1:], bio=text)


def _key(text: str) -> str:
    """Comparison key for spotting repeated lines."""
    return re.sub(r"\W+", " ", text.casefold()).strip()


# --------------------------------------------------------------------------
# The parser
# --------------------------------------------------------------------------


def _lines(text: str) -> list[str]:
    """Non-empty lines, with hard-wrapped continuation lines joined back."""
    out: list[str] = []
    previous_blank = True
    for line in normalise_text(text).split("\n"):
        if not line:
            previous_blank = True
            continue
        if (
            out
            and not previous_blank
            and len(out[-1]) >= 40
            and out[-1][-1] not in _TERMINAL + ":;" + _CLOSERS
            and line[0].islower()
        ):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        previous_blank = False
    return out


class _Builder:
    """Mutable state while parsing; frozen into a ParsedCommentary at the end."""

    def __init__(self) -> None:
        self.title = ""
        self.authors: list[ParsedAuthor] = []
        self.publication = ""
        self.series_name = ""
        self.series_number: int | None = None
        self.section = ""
        self.date: _DateMatch | None = None
        self.intro: list[Block] = []
        self.contributions: list[tuple[ParsedAuthor, list[Block]]] = []
        self.comments: list[str] = []
        self.comment_dates: list[dt.date | None] = []
        self.warnings: list[str] = []
        self.standfirst = ""
        self.original_url = ""
        self.site_name = ""
        self.title_evidence = ""
        self.title_in_text = False
        self.date_updated = False
        self.follow_names: list[str] = []
        self.evidence: list[tuple[str, str]] = []
        self.publication_candidates: list[tuple[str, str]] = []

    def add_author(self, author: ParsedAuthor) -> None:
        for i, known in enumerate(self.authors):
            if known.name == author.name:
                self.authors[i] = ParsedAuthor(
                    name=known.name,
                    affiliation=known.affiliation or author.affiliation,
                    handle=known.handle or author.handle,
                    bio=known.bio or author.bio,
                )
                return
        self.authors.append(author)


def parse_commentary(
    text: str, *, publications: tuple[str, ...] | list[str] = (), meta: dict | None = None
) -> ParsedCommentary:
    """Parse one scraped commentary page. See the module docstring.

    ``publications`` are the names, aliases and domains of the publications
    editors already have: a line that starts with one is a masthead, and the
    publication is only ever one of them. ``meta`` holds what an HTML page's
    metadata states (see ``html.py``); it is used where the text is silent.
    """
    b = _Builder()
    known = _known_names(publications)
    lines = _lines(text)
    for line in lines:
        m = _FOLLOW.match(line)
        if m and _is_person_name(_strip_honorific(_possessive(m.group("name")))):
            name = _strip_honorific(_possessive(m.group("name")))
            if name not in b.follow_names:
                b.follow_names.append(name)
    kept = []
    after_masthead = False
    for i, line in enumerate(lines):
        masthead = _masthead(line, known)
        if masthead:
            if not b.publication:
                b.publication = masthead
                b.evidence.append(("publication", f"masthead “{line}” names a known publication"))
            after_masthead = True
            continue
        if after_masthead and not _is_chrome(line) and _is_slogan(line):
            b.warnings.append(f"dropped “{line}” under the masthead as its slogan")
            after_masthead = False
            continue
        after_masthead = False
        if _is_self_description(line, known):
            continue
        if not _is_chrome(line):
            kept.append((i, line))

    body_start = next((n for n, (_, line) in enumerate(kept) if _is_prose(line)), len(kept))
    # A byline or date line just below a prose line (a standfirst) still belongs to the header.
    for n in range(body_start, min(body_start + 3, len(kept))):
        line = kept[n][1]
        if _is_prose(line) and n > body_start:
            continue
        if _byline_authors(line) or _date_line(line) or _segments(line):
            body_start = n + 1
    tail_start = _trailer_start(kept, body_start)
    header = [line for _, line in kept[:body_start] if not _is_section_start(line)]
    # A section heading inside the article ("Read more: ...") is dropped, not followed.
    body = [line for _, line in kept[body_start:tail_start] if not _is_section_start(line)]
    tail = lines[kept[tail_start][0] :] if tail_start < len(kept) else []

    header, body, repeated = _drop_repeats(header, body)
    if repeated:
        b.warnings.append(f"dropped {repeated} repeated paragraph(s) (kept the first occurrence)")
    if meta and meta.get("title"):
        # The headline the page's metadata states is not a body line.
        title_key = _key(_KICKER_PREFIX.sub("", meta["title"]))
        body = [line for line in body if _key(_KICKER_PREFIX.sub("", line)) != title_key]

    leftovers = _parse_header(header, b, known, known_title=(meta or {}).get("title", ""))
    _parse_body(leftovers, body, b)
    _standfirst_from_body(b)
    _parse_tail(tail, b)
    if meta:
        _apply_meta(meta, b, known)

    for name in b.follow_names:
        if not any(a.name == name for a in b.authors) and not b.contributions:
            b.add_author(ParsedAuthor(name=name))
            b.evidence.append(("authors", f"“Follow {name}” widget names the author"))

    if not b.date:
        # A date stated with a label ("Published on 3 March 2022") anywhere
        # outside the body still counts.
        for line in header + tail:
            found = _find_date(line)
            prefix = line[: found.start] if found else ""
            if found and _DATE_PREFIX.match(prefix) and _DATE_LABEL.search(prefix):
                b.date = found
                b.evidence.append(("date", f"labelled date line “{line}”"))
                break

    hints: tuple[str, ...] = ()
    if b.date is None:
        hints = _date_hints(header + body)
        b.warnings.append("no date stated")
        for hint in hints:
            b.warnings.append(f"“{hint}” is a day without a year: not used as the date")
    if not b.title:
        b.warnings.append("no title found")
    if not b.authors and not b.contributions:
        b.warnings.append("no author found")
    if not b.publication:
        b.warnings.append("no publication stated")
    for candidate, why in b.publication_candidates:
        b.warnings.append(
            f"publication candidate “{candidate}” ({why}) matches no publication you have: not used"
        )

    intro = tuple(_drop_trailing_headings(b.intro, b.warnings))
    contributions = tuple(
        ParsedContribution(author, tuple(_drop_trailing_headings(blocks, b.warnings)))
        for author, blocks in b.contributions
    )
    if not _paragraphs(intro) and not any(c.paragraphs for c in contributions):
        b.warnings.append("no paragraphs found")

    if b.title:
        b.evidence.insert(0, ("title", b.title_evidence or "first headline line of the header"))
    if b.date:
        b.evidence.append(("date", f"printed “{b.date.text}” ({b.date.precision} precision)"))

    return ParsedCommentary(
        title=b.title,
        authors=tuple(b.authors),
        publication=b.publication,
        series_name=b.series_name,
        series_number=b.series_number,
        section=b.section,
        date=b.date.date if b.date else None,
        date_precision=b.date.precision if b.date else "",
        date_text=b.date.text if b.date else "",
        date_hints=hints,
        body=intro,
        contributions=contributions,
        comments=tuple(b.comments),
        comment_dates=tuple(b.comment_dates),
        source_markers=_source_markers(intro, contributions),
        warnings=tuple(b.warnings),
        standfirst=b.standfirst,
        original_url=b.original_url,
        site_name=b.site_name,
        evidence=tuple(b.evidence),
        publication_candidates=tuple(b.publication_candidates),
    )


_PUBLICATION_WORDS = re.compile(
    r"\b(?:post|times|news|review|affairs|policy|journal|diplomat|council|house|institute|centre|center"
    r"|foundation|magazine|daily|herald|tribune|guardian|telegraph|economist|observer|monitor|gazette"
    r"|insider|blog|press|media|asia|eurasia|conversation|endowment|network|forum|tank|report)\b",
    re.I,
)


def _known_names(publications) -> list[str]:
    """Known publication names and aliases, longest first (domains are matched by the service)."""
    names = {n.strip() for n in publications if n and len(n.strip()) >= 3 and "." not in n.strip()[1:-1]}
    names |= {n.strip() for n in publications if n and " " in n.strip()}
    return sorted(names, key=len, reverse=True)


def _masthead(line: str, known: list[str]) -> str:
    """The known publication a masthead line starts with ("The Washington PostDemocracy Dies in Darkness")."""
    if _words(line) > 14 or _is_prose(line):
        return ""
    folded = line.casefold()
    for name in known:
        offset = 4 if folded.startswith("the ") and not name.casefold().startswith("the ") else 0
        if folded[offset:].startswith(name.casefold()):
            rest = line[offset + len(name) :]
            # The name alone, a slogan run on ("The Washington PostDemocracy Dies in
            # Darkness") or set off by a separator ("Eurasianet | News and analysis").
            if not rest.strip() or rest[0].isupper():
                return name
            m = re.match(r"^\s*[|–—]\s*(?P<slogan>.+)$", rest)
            if m and _words(m.group("slogan")) <= 8 and not m.group("slogan").rstrip().endswith("?"):
                return name
    return ""


def _is_slogan(line: str) -> bool:
    return (
        _words(line) <= 6
        and line[-1] not in _TERMINAL + ":"
        and ":" not in line
        and not _is_person_name(line)
        and not _date_line(line)
        and not _BYLINE.match(line)
    )


def _is_self_description(line: str, known: list[str]) -> bool:
    """ "Eurasianet is an independent news organization that ...": the site's own blurb."""
    if _words(line) > 60:
        return False
    folded = line.casefold()
    return any(
        folded.startswith(name.casefold() + " is ") or folded.startswith("the " + name.casefold() + " is ")
        for name in known
    )


def _possessive(name: str) -> str:
    return re.sub(r"['’]s?$", "", name.strip())


_SEGMENT_SPLIT = re.compile(r"\s+[|·•]\s+")


def _segments(line: str) -> list[tuple[str, object]] | None:
    """A header line of several parts ("By X | Jan 12, 2022 | 5 min read"), each recognised, or None."""
    parts = [p.strip() for p in _SEGMENT_SPLIT.split(line) if p.strip()]
    if len(parts) < 2:
        return None
    out: list[tuple[str, object]] = []
    for part in parts:
        authors = _byline_authors(part)
        found = _date_line(part)
        if authors:
            out.append(("authors", authors))
        elif found:
            out.append(("date", found))
        elif _is_chrome(part) or _KICKER.match(part):
            out.append(("chrome", part))
        else:
            return None
    return out if any(kind != "chrome" for kind, _ in out) else None


def _date_line(line: str) -> _DateMatch | None:
    found = _find_date(line)
    if found and _DATE_PREFIX.match(line[: found.start]) and _words(line) <= 12:
        rest = line[found.end :].strip()
        if not rest or _DATE_SECTION.match(rest) or re.match(r"^(?:,|at|-|–|—)?\s*\d{1,2}[:.]\d{2}", rest, re.I) or _words(rest) <= 3:
            return found
    return None


def _name_and_date(line: str) -> tuple[str, _DateMatch] | None:
    """ "Daniyar Seitkali Jan 5, 2022" or "Jan 10, 2022 Temir Abdrakhmanov": a name and a date."""
    found = _find_date(line)
    if not found or _words(line) > 10:
        return None
    before = line[: found.start].strip(" ,|-–—·•")
    after = line[found.end :].strip(" ,|-–—·•")
    name = _strip_honorific(after if not before else before if not after else "")
    if name and _is_person_name(name) and not _PUBLICATION_WORDS.search(name):
        return name, found
    return None


def _split_names(text: str) -> list[str]:
    return [n.strip() for n in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", text) if n.strip()]


def _byline_authors(line: str) -> list[ParsedAuthor]:
    """The authors a byline names ("By Jane Doe and John Roe", "By Jane Doe, senior fellow"), or []."""
    m = _BYLINE.match(line) or _AUTHOR_LABEL.match(line)
    if not m:
        return []
    names_text = m.group("names")
    found = _find_date(names_text)
    if found:
        names_text = names_text[: found.start].rstrip(" ,|-–—")
    parts = _split_names(names_text)
    authors: list[ParsedAuthor] = []
    for n, part in enumerate(parts):
        name = _strip_honorific(part)
        if _is_person_name(name):
            authors.append(ParsedAuthor(name=name))
        elif authors and n == len(parts) - 1 or (authors and _AFFILIATION_WORDS.search(part)):
            # "By Jane Doe, senior fellow at X": the rest is her affiliation.
            rest = names_text[names_text.index(part) :].strip()
            last = authors[-1]
            authors[-1] = ParsedAuthor(last.name, rest)
            break
        else:
            return []
    return authors


def _trailer_start(kept: list[tuple[int, str]], body_start: int) -> int:
    """Index in ``kept`` of the section heading where the trailer begins.

    It is the first section heading after the article's last running
    paragraph. Reader comments and author bios below a heading do not count
    as running paragraphs, so "3 thoughts on ..." and "About the author"
    still start the trailer; a heading with article text after it
    ("Read more: ..." between paragraphs) does not.
    """
    last_body = body_start
    in_comments = False
    for n in range(body_start, len(kept)):
        line = kept[n][1]
        if _is_section_start(line):
            in_comments = bool(_COMMENTS_HEADER.match(line))
        elif not in_comments and _is_prose(line) and _parse_bio(line) is None:
            last_body = n
    return next(
        (n for n in range(last_body + 1, len(kept)) if _is_section_start(kept[n][1])),
        len(kept),
    )


def _drop_repeats(header: list[str], body: list[str]) -> tuple[list[str], list[str], int]:
    """Drop lines the scrape repeated, keeping the first occurrence.

    Name, affiliation and handle lines are exempt: two experts of a round-up
    may well share an affiliation line.
    """
    seen: set[str] = set()
    repeated = 0

    def keep(lines: list[str]) -> list[str]:
        nonlocal repeated
        out: list[str] = []
        after_name = False
        for line in lines:
            is_name = _is_person_name(_strip_honorific(line))
            exempt = is_name or _HANDLE.match(line) or (after_name and _is_affiliation(line))
            after_name = is_name
            key = _key(line)
            if not exempt and key:
                if key in seen:
                    repeated += _is_prose(line)
                    continue
                seen.add(key)
            out.append(line)
        return out

    return keep(header), keep(body), repeated


def _parse_header(lines: list[str], b: _Builder, known: list[str] = (), known_title: str = "") -> list[str]:
    """Read the lines above the body; return those that are none of the
    known kinds (the title comes first among them). Sets the title and the
    standfirst from them."""
    series_labels = set()
    for line in lines:
        m = _SERIES_LINE.match(line)
        if m and _words(m.group("name")) <= 6:
            series_labels.add(m.group("name").strip().casefold())

    leftovers: list[tuple[str, int]] = []  # (line, index of the header evidence seen before it)
    evidence_lines = 0
    i = 0
    while i < len(lines):
        line = lines[i]
        following = lines[i + 1] if i + 1 < len(lines) else ""
        i += 1
        if _HANDLE.match(line):
            if b.authors and not b.authors[-1].handle:
                last = b.authors[-1]
                b.authors[-1] = ParsedAuthor(last.name, last.affiliation, line, last.bio)
            continue
        if line.casefold() in series_labels:
            continue
        m = _PUBLICATION_LINE.match(line) or _PUBLISHED_BY.match(line)
        if m:
            _publication_candidate(b, m.group("pub").strip(), f"line “{line}”", known)
            continue
        m = _SERIES_LINE.match(line)
        if m and m.group("name").strip().casefold() in series_labels and not b.series_name:
            b.series_name = m.group("name").strip()
            b.series_number = int(m.group("num"))
            if not b.date:
                b.date = _find_date(m.group("rest"))
            evidence_lines += 1
            continue
        named = _name_and_date(line)
        if named:
            b.add_author(ParsedAuthor(name=named[0]))
            b.evidence.append(("authors", f"name and date line “{line}”"))
            _take_date(b, named[1], line)
            evidence_lines += 1
            continue
        found = _date_line(line)
        if found:
            _take_date(b, found, line)
            section = _DATE_SECTION.match(line[found.end :].strip())
            if section and not b.section:
                b.section = section.group("section").strip()
            evidence_lines += 1
            continue
        authors = _byline_authors(line)
        if authors:
            for author in authors:
                b.add_author(author)
            b.evidence.append(("authors", f"byline “{line}”"))
            found = _find_date(line)
            if found:
                _take_date(b, found, line)
            evidence_lines += 1
            continue
        named = _name_and_date(line)
        if named:
            b.add_author(ParsedAuthor(name=named[0]))
            b.evidence.append(("authors", f"name and date line “{line}”"))
            _take_date(b, named[1], line)
            evidence_lines += 1
            continue
        segments = _segments(line)
        if segments:
            for kind, value in segments:
                if kind == "authors":
                    for author in value:
                        b.add_author(author)
                    b.evidence.append(("authors", f"byline “{line}”"))
                elif kind == "date":
                    _take_date(b, value, line)
            evidence_lines += 1
            continue
        names = [_strip_honorific(n) for n in _split_names(line)] if " and " in line or " & " in line else []
        if len(names) >= 2 and all(_is_person_name(n) and not _PUBLICATION_WORDS.search(n) for n in names):
            for name in names:
                b.add_author(ParsedAuthor(name=name))
            b.evidence.append(("authors", f"name line “{line}”"))
            evidence_lines += 1
            continue
        name = _strip_honorific(line)
        if _is_person_name(name):
            if following and _is_affiliation(following) and not _byline_authors(following):
                b.add_author(ParsedAuthor(name=name, affiliation=following))
                b.evidence.append(("authors", f"name line “{line}” with affiliation line “{following}”"))
                i += 1
                evidence_lines += 1
                continue
            if (leftovers or _HANDLE.match(following)) and not _PUBLICATION_WORDS.search(name):
                b.add_author(ParsedAuthor(name=name))
                b.evidence.append(("authors", f"name line “{line}” below the title"))
                evidence_lines += 1
                continue
            if (
                not leftovers
                and name in b.follow_names
            ):
                b.add_author(ParsedAuthor(name=name))
                b.evidence.append(("authors", f"name line “{line}” above the title"))
                evidence_lines += 1
                continue
            if not leftovers and following and _date_line(following) and not _PUBLICATION_WORDS.search(name):
                b.add_author(ParsedAuthor(name=name))
                b.evidence.append(("authors", f"name line “{line}” above a date line"))
                continue
        leftovers.append((line, evidence_lines))

    title_idx = _title_index(leftovers, evidence_lines, known_title)
    if title_idx is not None:
        for line, _ in leftovers[:title_idx]:
            if (
                _words(line) <= 3
                and line[-1] not in _TERMINAL + ":"
                and all(word[0].isupper() for word in line.split())
            ):
                _publication_candidate(b, line, "short label above the title", known)
            else:
                b.warnings.append(f"dropped “{line[:80]}” above the title: not the headline (page furniture?)")
        title = leftovers[title_idx][0]
        leftovers = leftovers[title_idx + 1 :]
        b.title_in_text = True
        if not known_title:
            stripped = _strip_title_labels(title)
            b.title_evidence = (
                f"headline “{title}” without its section label"
                if stripped != title
                else "headline line above the byline and date"
                if evidence_lines
                else "first headline line of the page"
            )
            b.title = stripped
    if (b.title or known_title) and leftovers:
        line, seen = leftovers[0]
        words = _words(line)
        before_byline = seen < evidence_lines
        if (
            5 <= words <= 80
            and (before_byline or (_ends_sentence(line) and words >= 8))
            and _parse_bio(line) is None
            and not _is_heading_question(line, before_byline)
        ):
            b.standfirst = line
            where = "between the title and the byline" if before_byline else "directly under the title"
            b.evidence.append(("standfirst", f"summary line {where}"))
            leftovers.pop(0)
    return [line for line, _ in leftovers]


_TITLE_LABEL_SUFFIX = re.compile(
    r"\s+[|–—]\s+(?:editorial|opinion|analysis|commentary|comment|explainer|column|letters?)$", re.I
)


def _strip_title_labels(title: str) -> str:
    return _TITLE_LABEL_SUFFIX.sub("", _KICKER_PREFIX.sub("", title)).strip()


def _headline_like(line: str) -> bool:
    words = _words(line)
    return 3 <= words <= 30 and not _is_prose(line) and not line.endswith(".") and not _is_person_name(line)


def _title_index(leftovers: list[tuple[str, int]], evidence_lines: int, known_title: str) -> int | None:
    """Which leftover header line is the headline, by evidence rather than position.

    With a headline from the page's metadata, the line that repeats it.
    Otherwise the first headline-shaped line (three words or more, no full
    stop) among those above the first byline or date line -- menu items
    and labels above it are shorter -- or, without such lines, among all.
    """
    if not leftovers:
        return None
    if known_title:
        key = _key(_strip_title_labels(known_title))
        return next(
            (n for n, (line, _) in enumerate(leftovers) if _key(_strip_title_labels(line)) == key), None
        )
    above = [n for n, (_, seen) in enumerate(leftovers) if seen == 0]
    pool = above or list(range(len(leftovers)))
    for n in pool:
        if _headline_like(leftovers[n][0]):
            return n
    first = pool[0]
    if not _is_prose(leftovers[first][0]) and _words(leftovers[first][0]) <= 30:
        return first
    return None


def _apply_meta(meta: dict, b: _Builder, known: list[str]) -> None:
    """Fill what the text left empty from an HTML page's metadata (title, author, date...)."""
    if meta.get("title") and not b.title:
        b.title = _strip_title_labels(meta["title"])
        b.title_evidence = "the page's headline metadata (og:title / <title>)"
    if meta.get("url") and not b.original_url:
        b.original_url = meta["url"]
        b.evidence.append(("original_url", "the page's canonical link"))
    if meta.get("authors") and not b.authors and not b.contributions:
        for name in meta["authors"]:
            clean = _strip_honorific(name)
            if _is_person_name(clean) and not _PUBLICATION_WORDS.search(clean):
                b.add_author(ParsedAuthor(name=clean))
                b.evidence.append(("authors", f"the page's author metadata “{name}”"))
            else:
                b.warnings.append(f"author candidate “{name}” from the page's metadata is not a person's name: not used")
    if meta.get("date") and not b.date:
        value = meta["date"]
        b.date = _DateMatch(value, "day", meta.get("date_text") or value.isoformat(), 0, 0)
        b.evidence.append(("date", "the page's date metadata (htmldate)"))
    description = (meta.get("description") or "").strip()
    if description and not b.standfirst:
        first = next((blk.text for blk in b.intro if blk.kind == PARAGRAPH), "")
        head = _key(description)[:60]
        if b.title_in_text and first and _key(first) == _key(description) and b.intro[0].text == first:
            # The paragraph right under the headline is the page's own summary.
            b.standfirst = first
            b.intro.pop(0)
            b.evidence.append(("standfirst", "the line under the headline, which the page's description repeats"))
        elif head and head in _key(first):
            b.warnings.append("the page's description repeats the first paragraph: not used as the standfirst")
        elif _words(description) >= 6:
            b.standfirst = description
            b.evidence.append(("standfirst", "the page's description metadata"))
    if meta.get("sitename") and not b.publication:
        _publication_candidate(b, meta["sitename"], "the page's site name", known)


_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]{2,30}(?:,\s*[A-Z][A-Za-z .'’-]{2,30})?\s+[–—-]\s+\S")
_LABELLED = re.compile(r"^[A-Z][A-Z ’'&]{3,30}:\s+\S")
_ABSTRACT = re.compile(r"^(?:this|in this|the present) (?:article|paper|commentary|essay|brief|piece|analysis)\b", re.I)


def _standfirst_from_body(b: _Builder) -> None:
    """A summary paragraph set off from the body: above a dateline ("BISHKEK – ..."),
    above labelled sections ("BACKGROUND: ..."), or an abstract ("This article ...")."""
    if b.standfirst or not b.title or b.contributions:
        return
    blocks = b.intro
    if not blocks or blocks[0].kind != PARAGRAPH:
        return
    first = blocks[0].text
    if _words(first) > 80 or _DATELINE.match(first) or _LABELLED.match(first):
        return
    following = next((blk.text for blk in blocks[1:] if blk.kind == PARAGRAPH), "")
    why = ""
    if following and _DATELINE.match(following):
        why = "summary paragraph above the dateline"
    elif following and _LABELLED.match(following):
        why = "summary paragraph above the labelled sections"
    elif _ABSTRACT.match(first) and len(blocks) > 1:
        why = "abstract paragraph under the header"
    if why:
        b.standfirst = first
        b.evidence.append(("standfirst", why))
        blocks.pop(0)


def _is_heading_question(line: str, before_byline: bool) -> bool:
    """A short question under the header ("What happened?") is a section heading, not a standfirst."""
    return line.endswith("?") and _words(line) < 8 and not before_byline


def _take_date(b: _Builder, found: _DateMatch, line: str) -> None:
    """Keep the publication date; an "Updated ..." date only when no other is printed."""
    updated = bool(re.match(r"(?i)^\s*(?:last\s+)?(?:updated|modified)", line))
    if b.date is None:
        b.date, b.date_updated = found, updated
        return
    if b.date_updated and not updated:
        b.date, b.date_updated = found, False
        b.warnings.append(f"date: took the published date “{found.text}” over an updated one")


def _publication_candidate(b: _Builder, name: str, why: str, known: list[str]) -> None:
    """A publication the page names: used only if it is one the editors have."""
    match = next((k for k in known if k.casefold() == name.casefold()), "")
    if match and not b.publication:
        b.publication = match
        b.evidence.append(("publication", f"{why} names a known publication"))
    elif not match and not b.publication and name not in {c for c, _ in b.publication_candidates}:
        b.publication_candidates.append((name, why))


def _parse_body(leftovers: list[str], lines: list[str], b: _Builder) -> None:
    """Paragraphs, headings, round-up contributions and bio sentences."""
    if lines:
        bio = _parse_bio(lines[0])
        if bio and len(lines) > 1:
            b.add_author(bio)
            b.warnings.append(f"author “{bio.name}” read from a bio sentence: check it")
            lines = lines[1:]
    if lines:
        bio = _parse_bio(lines[-1])
        if bio and len(lines) > 1:
            b.add_author(bio)
            b.warnings.append(f"author “{bio.name}” read from a bio sentence: check it")
            lines = lines[:-1]

    blocks = b.intro
    for line in leftovers:
        blocks.append(Block(HEADING if _is_heading(line) else PARAGRAPH, line))

    i = 0
    while i < len(lines):
        line = lines[i]
        following = lines[i + 1] if i + 1 < len(lines) else ""
        i += 1
        if _HANDLE.match(line):
            if b.contributions and not b.contributions[-1][0].handle:
                author, blocks = b.contributions[-1]
                b.contributions[-1] = (
                    ParsedAuthor(author.name, author.affiliation, line, author.bio),
                    blocks,
                )
            continue
        name = _strip_honorific(line)
        if _is_person_name(name) and (_is_affiliation(following) or _HANDLE.match(following)):
            affiliation = ""
            if _is_affiliation(following):
                affiliation = following
                i += 1
            blocks = []
            b.contributions.append((ParsedAuthor(name=name, affiliation=affiliation), blocks))
            continue
        blocks.append(Block(HEADING if _is_heading(line) else PARAGRAPH, line))


def _parse_tail(lines: list[str], b: _Builder) -> None:
    """Keep the reader comments and the "Authors" box; drop everything else."""
    mode = ""
    expected: int | None = None
    numbered = False
    pending_date: dt.date | None = None
    box_names: list[str] = []
    for line in lines:
        header = _COMMENTS_HEADER.match(line) if len(line) <= 160 else None
        if header:
            mode, numbered = "comments", False
            count = (header.group("n") or "").lower()
            if count:
                expected = int(count) if count.isdigit() else _NUMBER_WORDS[count]
            continue
        if _AUTHORS_BOX.match(line):
            mode, box_names = "authors", []
            continue
        if _is_section_start(line):
            mode = ""
            continue
        if _is_chrome(line):
            if mode == "comments" and re.match(r"(?i)leave a |your email address", line):
                mode = ""
            continue
        if mode == "comments":
            found = _find_date(line)
            if (found and _words(line) <= 14 and not _ends_sentence(line)) or _COMMENTER.match(line):
                # "Jane says: January 21, 2022 at 10:15 am": who and when, for the next comment.
                if found:
                    pending_date = found.date
                numbered = False
                continue
            m = re.match(r"^(\d{1,3})[.)]\s+(\S.*)$", line)
            if m:
                b.comments.append(m.group(2))
                b.comment_dates.append(pending_date)
                pending_date = None
                numbered = True
            elif numbered and b.comments:
                b.comments[-1] += "\n\n" + line
            elif _words(line) >= 8 or (_ends_sentence(line) and _words(line) >= 4):
                # (a short line such as "Daulet K." is the commenter's name)
                b.comments.append(line)
                b.comment_dates.append(pending_date)
                pending_date = None
        elif mode == "authors":
            name = _strip_honorific(line)
            bio = _parse_bio(line)
            if bio:
                if bio.name in {a.name for a in b.authors} or not b.authors:
                    b.add_author(bio)
            elif _is_person_name(name):
                if name not in box_names:
                    box_names.append(name)
            elif box_names and _is_affiliation(line):
                known = {a.name for a in b.authors}
                for name in box_names:
                    if name in known or not b.authors:
                        b.add_author(ParsedAuthor(name=name, affiliation=line))
                box_names = []
            else:
                mode = ""
    if expected is not None and expected != len(b.comments):
        b.warnings.append(f"the page announces {expected} comment(s) but {len(b.comments)} were found")


def _drop_trailing_headings(blocks: list[Block], warnings: list[str]) -> list[Block]:
    """A heading with nothing after it (e.g. its text was a repeat) goes."""
    blocks = list(blocks)
    while blocks and blocks[-1].kind == HEADING:
        warnings.append(f"dropped heading with no text after it: “{blocks.pop().text}”")
    return blocks


def _source_markers(
    intro: tuple[Block, ...], contributions: tuple[ParsedContribution, ...]
) -> tuple[ParsedSourceMarker, ...]:
    out: list[ParsedSourceMarker] = []
    sections: list[tuple[int | None, tuple[str, ...]]] = [(None, _paragraphs(intro))]
    sections += [(n, c.paragraphs) for n, c in enumerate(contributions)]
    for contribution_index, paragraphs in sections:
        for index, paragraph in enumerate(paragraphs):
            for offset, context in marker_contexts(paragraph):
                out.append(ParsedSourceMarker(index, context, offset, contribution_index))
    return tuple(out)


def marker_contexts(paragraph: str) -> list[tuple[int, str]]:
    """``(offset, context)`` of each ``[↗]`` in ``paragraph``: the few words
    before it, after any previous marker. Shared with the launch loader."""
    out = []
    previous_end = 0
    for m in re.finditer(re.escape(SOURCE_MARKER), paragraph):
        words = paragraph[previous_end : m.start()].split()
        out.append((m.start(), " ".join(words[-MARKER_CONTEXT_WORDS:])))
        previous_end = m.end()
    return out
