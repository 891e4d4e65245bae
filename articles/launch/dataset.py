"""
The launch dataset's schema: reading ``launch.toml`` with its body files, and
the one validator of its structure.

``read_dataset`` reads the TOML and every body file it names through the
importer's guard for user-supplied files (``articles.importing.files``), so a
``--path`` that is a pipe, a directory or a binary file is refused the way
``import_commentary`` refuses it. ``schema_problems`` lists every structural
problem, one line each naming the object: required fields, unique and
well-formed slugs, every slug reference resolving *within the dataset*,
choices, partial dates, article <-> event links agreeing on both sides,
exactly one claimant and at least one citation per claim, and every citation
quote lying within one paragraph of its article's text. The loader refuses a
dataset with any of them; ``provenance.audit`` reports them all.

Rules the models already enforce on ``full_clean()`` (a verdict needs a
rationale, no actor related to itself, no series number without a series,
an e-mail address is not a social link...) are not repeated here: the loader
validates every new object, so a dry run applies them.

Whether the text traces to the seed pages is a different question, answered
by ``articles.launch.provenance``.
"""

from __future__ import annotations

import datetime
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from actors.models import Actor, ActorRelation

from ..importing.files import UnreadableFileError, read_text_file
from ..models import Citation, Claim, DatePrecision, normalise_partial_date
from ..rendering import anchoring
from ..rendering.markdown import normalise_space, render_sections

FIXTURES_DIR = Path(__file__).resolve().parent.parent / "fixtures"
DEFAULT_PATH = FIXTURES_DIR / "launch" / "launch.toml"
SEEDS_DIR = FIXTURES_DIR / "seeds"
TRANSLATIONS = "translations.toml"  # beside the dataset

# The sections of the dataset, in load (and report) order.
KINDS = ("themes", "publications", "authors", "actors", "relations", "events", "articles", "claims")

_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class LaunchDataError(ValueError):
    """The dataset cannot be loaded; the message is one line naming the object."""


@dataclass(frozen=True)
class Dataset:
    path: Path
    data: dict
    texts: dict[str, str]  # body file (as named in the TOML) -> its text, stripped
    # translations.toml beside the dataset, if there is one: {section: {slug: {field: text}}}.
    translations: dict = field(default_factory=dict)

    def items(self, section: str) -> list[dict]:
        """The tables of a section; an ill-formed section reads as empty (a schema problem)."""
        items = self.data.get(section, [])
        return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []

    def body_files(self, article: dict) -> list[tuple[str, object]]:
        """(what, file as named) of an article's body and each contribution body."""
        files = [("body", article.get("body", ""))]
        contributions = article.get("contributions", [])
        if isinstance(contributions, list):
            files += [("contribution body", c.get("body", "")) for c in contributions if isinstance(c, dict)]
        return files


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(read_text_file(path))
    except UnreadableFileError as error:
        raise LaunchDataError(str(error)) from None
    except tomllib.TOMLDecodeError as error:
        raise LaunchDataError(f"{path.name}: TOML syntax error: {error}") from None


def read_dataset(path: Path | str = DEFAULT_PATH) -> Dataset:
    """The parsed TOML, the text of every body file it names and the translations beside
    it (``translations.toml``, if there is one), or ``LaunchDataError``."""
    path = Path(path)
    translations = path.parent / TRANSLATIONS
    dataset = Dataset(
        path=path,
        data=_read_toml(path),
        texts={},
        translations=_read_toml(translations) if translations.exists() else {},
    )
    folder = path.parent.resolve()
    for article in dataset.items("articles"):
        label = f"article {article.get('slug')!r}"
        for what, rel in dataset.body_files(article):
            if not isinstance(rel, str) or not rel:
                raise LaunchDataError(f"{label}: {what} file is not given")
            file_path = (path.parent / rel).resolve()
            if folder not in file_path.parents:
                raise LaunchDataError(f"{label}: {what} file {rel!r} is outside the dataset folder")
            try:
                dataset.texts[rel] = read_text_file(file_path).strip()
            except UnreadableFileError as error:
                raise LaunchDataError(f"{label}: {what} file {rel!r}: {error.reason}") from None
    return dataset


def parse_date(value) -> datetime.date | None:
    """A ``YYYY-MM-DD`` string as a date; None for an empty or malformed one."""
    if not value or not isinstance(value, str):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


# ---------------------------------------------------------------------------
# The validator
# ---------------------------------------------------------------------------


def validate(dataset: Dataset) -> None:
    """Raise ``LaunchDataError`` with the first schema problem, if there is one."""
    problems = schema_problems(dataset)
    if problems:
        raise LaunchDataError(problems[0])


def schema_problems(dataset: Dataset) -> list[str]:
    """Every structural problem of the dataset, one line each, in dataset order."""
    return _Schema(dataset).check()


class _Schema:
    def __init__(self, dataset: Dataset):
        self.dataset = dataset
        self.problems: list[str] = []
        self.slugs: dict[str, set[str]] = {}

    def check(self) -> list[str]:
        self.sections()
        for section in ("themes", "publications", "authors", "actors"):
            for item in self.dataset.items(section):
                label = f"{section[:-1]} {item.get('slug')!r}"
                self.text(item, "name", label, required=True)
                if section == "themes":
                    self.text(item, "description", label, required=True)
                if section == "actors":
                    self.actor(item, label)
        self.relations()
        for item in self.dataset.items("events"):
            self.event(item)
        for item in self.dataset.items("articles"):
            self.article(item)
        self.article_event_links()
        for item in self.dataset.items("claims"):
            self.claim(item)
        return self.problems

    # -- building blocks -------------------------------------------------------

    def add(self, problem: str) -> None:
        self.problems.append(problem)

    def sections(self) -> None:
        for section in KINDS:
            items = self.dataset.data.get(section, [])
            if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
                self.add(f"{section}: must be an array of tables ([[{section}]])")
            if section == "relations":
                continue
            seen: set[str] = set()
            for index, item in enumerate(self.dataset.items(section)):
                slug = item.get("slug")
                if not isinstance(slug, str) or not _SLUG_RE.match(slug):
                    self.add(f"{section}[{index}]: missing or malformed slug {slug!r}")
                elif slug in seen:
                    self.add(f"{section[:-1]} {slug!r}: slug is used twice")
                seen.add(slug)
            self.slugs[section] = seen

    def ref(self, label: str, section: str, value) -> bool:
        if value not in self.slugs[section]:
            self.add(f"{label}: unknown {section[:-1]} {value!r}")
            return False
        return True

    def refs(self, item: dict, key: str, label: str, section: str) -> list:
        values = self.list(item, key, label)
        for value in values:
            self.ref(label, section, value)
        return values

    def text(self, item: dict, key: str, label: str, *, required: bool = False) -> str:
        value = item.get(key, "")
        if not isinstance(value, str):
            self.add(f"{label}: {key} must be a string")
            return ""
        if required and not value.strip():
            self.add(f"{label}: {key} is required")
        return value

    def list(self, item: dict, key: str, label: str) -> list:
        value = item.get(key, [])
        if not isinstance(value, list):
            self.add(f"{label}: {key} must be a list")
            return []
        return value

    def date(self, value, label: str) -> datetime.date | None:
        date = parse_date(value)
        if value and date is None:
            self.add(f"{label}: {value!r} is not a YYYY-MM-DD date")
        return date

    def partial_date(self, item: dict, key: str, label: str, *, required: str = "") -> None:
        """A date with its ``date_precision``, written on the first day of its period.

        ``required`` is the message when the date is missing; an optional date
        may be left out together with its precision.
        """
        value, precision = item.get(key, ""), item.get("date_precision", "")
        date = self.date(value, f"{label} {key}")
        if not value:
            if required:
                self.add(f"{label}: {required}")
            elif precision == "":
                return
        if precision not in DatePrecision.values:
            self.add(f"{label}: date_precision {precision!r} is not one of {DatePrecision.values}")
        elif date is not None and normalise_partial_date(date, precision) != date:
            # The loader would store the start of the period: say so in the data instead.
            self.add(f"{label} {key}: {precision} precision is written as the first day of the {precision}")

    # -- sections --------------------------------------------------------------

    def actor(self, item: dict, label: str) -> None:
        if item.get("kind") not in Actor.Kind.values:
            self.add(f"{label}: kind {item.get('kind')!r} is not one of {Actor.Kind.values}")
        names = [normalise_space(str(a)) for a in self.list(item, "aliases", label)]
        if len(set(names)) != len(names) or normalise_space(str(item.get("name", ""))) in names:
            self.add(f"{label}: an alias is listed twice (or repeats the name)")

    def relations(self) -> None:
        seen = set()
        for index, item in enumerate(self.dataset.items("relations")):
            label = f"relation {index + 1} ({item.get('subject')} {item.get('kind')} {item.get('object')})"
            self.ref(label, "actors", item.get("subject"))
            self.ref(label, "actors", item.get("object"))
            if item.get("kind") not in ActorRelation.Kind.values:
                self.add(f"{label}: kind is not one of {ActorRelation.Kind.values}")
            key = (item.get("subject"), item.get("kind"), item.get("object"))
            if key in seen:
                self.add(f"{label}: listed twice")
            seen.add(key)
            self.date(item.get("start", ""), f"{label} start")
            self.date(item.get("end", ""), f"{label} end")

    def event(self, item: dict) -> None:
        label = f"event {item.get('slug')!r}"
        self.text(item, "title", label, required=True)
        self.partial_date(item, "date", label, required="date is required")
        self.refs(item, "actors", label, "actors")
        self.refs(item, "themes", label, "themes")
        self.refs(item, "articles", label, "articles")

    def article(self, item: dict) -> None:
        label = f"article {item.get('slug')!r}"
        self.text(item, "title", label, required=True)
        if item.get("publication"):
            self.ref(label, "publications", item["publication"])
        authors = self.list(item, "authors", label)
        if not authors:
            self.add(f"{label}: at least one author is required")
        elif len(set(map(str, authors))) != len(authors):
            self.add(f"{label}: an author is listed twice")
        for value in authors:
            self.ref(label, "authors", value)
        for key in ("themes", "actors", "events"):
            self.refs(item, key, label, key)
        self.partial_date(item, "published_on", label, required="published_on is required to publish it")
        # A third-party piece is published only with a true note of its licence or permission.
        self.text(item, "rights", label, required=True)
        for number, contribution in enumerate(self.list(item, "contributions", label), start=1):
            self.ref(f"{label} contribution {number}", "authors", contribution.get("author"))
        for number, comment in enumerate(self.list(item, "comments", label), start=1):
            self.text(comment, "name", f"{label} comment {number}", required=True)
            self.text(comment, "body", f"{label} comment {number}", required=True)

    def article_event_links(self) -> None:
        """The link may be written on either side, but both sides must say it."""

        def listed(item, key):
            value = item.get(key, [])
            return value if isinstance(value, list) else []

        from_articles = {
            (a.get("slug"), e) for a in self.dataset.items("articles") for e in listed(a, "events")
        }
        from_events = {
            (a, e.get("slug")) for e in self.dataset.items("events") for a in listed(e, "articles")
        }
        for article, event in sorted(from_articles ^ from_events, key=str):
            self.add(f"article {article!r} and event {event!r}: linked on one side only")

    def claim(self, item: dict) -> None:
        label = f"claim {item.get('slug')!r}"
        self.text(item, "statement", label, required=True)
        actor, author = item.get("claimant_actor", ""), item.get("claimant_author", "")
        if bool(actor) == bool(author):
            self.add(f"{label}: give exactly one of claimant_actor and claimant_author")
        if actor:
            self.ref(label, "actors", actor)
        if author:
            self.ref(label, "authors", author)
        self.partial_date(item, "made_on", label)
        self.refs(item, "about", label, "actors")
        self.refs(item, "themes", label, "themes")
        if item.get("verdict", "") not in ["", *Claim.Verdict.values]:
            self.add(f"{label}: verdict {item.get('verdict')!r} is not one of {Claim.Verdict.values}")
        citations = self.list(item, "citations", label)
        if not citations:
            self.add(f"{label}: at least one citation is required")
        for number, citation in enumerate(citations, start=1):
            clabel = f"{label} citation {number}"
            known = self.ref(clabel, "articles", citation.get("article"))
            if citation.get("stance") not in Citation.Stance.values:
                self.add(
                    f"{clabel}: stance {citation.get('stance')!r} is not one of {Citation.Stance.values}"
                )
            quote = normalise_space(self.text(citation, "quote", clabel, required=True))
            match = anchoring.find(self.document(citation["article"]), quote) if known and quote else None
            if known and quote and match is None:
                self.add(
                    f"{clabel}: quote does not occur within one paragraph of article "
                    f"{citation['article']!r}: “{quote[:60]}…”"
                )
            elif match is not None and not match.told_apart:
                self.add(
                    f"{clabel}: quote occurs {match.occurrences} times in article "
                    f"{citation['article']!r}, so which one is cited is unclear: “{quote[:60]}…”"
                )

    def document(self, slug: str) -> anchoring.Document:
        """An article's body and contributions as the site renders them, for the one
        quote-matching rule (``anchoring.find``) the site applies to citations."""
        if not hasattr(self, "_documents"):
            self._documents = {}
            for item in self.dataset.items("articles"):
                texts = [self.dataset.texts.get(rel, "") for _, rel in self.dataset.body_files(item)]
                sections = render_sections(texts[0], enumerate(texts[1:], start=1))
                self._documents[item.get("slug")] = anchoring.Document(sections)
        return self._documents.get(slug, anchoring.Document([]))
