"""
Load the curated launch content: ``articles/fixtures/launch/launch.toml``.

``load_launch_content`` reads the dataset (themes, publications, authors,
actors with aliases and relations, timeline events, the five launch articles
with their contributions and reader comments, claims with citations) and
writes it in one transaction. ``make run`` calls it on every start through
``manage.py load_launch_content``, so it is quick and safe to repeat.

Policy: create what is missing, never overwrite
------------------------------------------------
Every object is identified by its slug (a relation by subject, kind and
object). The loader

* creates an object that does not exist yet, with everything that belongs to
  it: an actor's aliases; an article's authors, contributions, reader
  comments, themes, events, hand-added actors and ``[↗]`` source markers; a
  claim's subjects, themes and citations. A new article is published with
  ``live_from`` at midnight UTC of its publication date (the first of the
  month or year for month or year precision) and records the importer's
  fingerprint of its seed page (``source_hash``), so ``import_commentary``
  on that page later finds it instead of making a duplicate draft;
* leaves an object that already exists exactly as it is, including its
  relations. It compares the stored fields with the dataset only to report
  the object as *unchanged* (same as the dataset) or *edited* (different:
  an editor has changed it since it was loaded, or the dataset has changed
  since). The database has no record of what was loaded, so the two cannot
  be told apart; the editor's version always wins. A correction to the
  dataset therefore reaches existing sites only through the admin.

Loading twice changes nothing and creates no duplicates. An object an editor
deleted is created again on the next load: withdraw an article by archiving
it instead.

Actor mentions are then recounted for every launch article with
``articles.mentions.refresh_actor_mentions`` (which keeps editors' manual
choices).

Errors
------
The dataset is checked as a whole before anything is written: TOML syntax,
required fields, unique slugs, every slug reference resolving *within the
dataset*, choices, dates, exactly one claimant per claim, at least one
citation per claim, and every citation quote occurring within one paragraph
of its article's text. Then each new object is ``full_clean()``-ed before it
is saved. Any problem raises ``LaunchDataError`` with one line naming the
object, and the transaction is rolled back: nothing is written.

With ``dry_run`` everything is done and validated, then rolled back; the
report says what would have been created.
"""

from __future__ import annotations

import datetime
import re
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from actors.models import Actor, ActorAlias, ActorRelation

from .importing.parser import marker_contexts
from .importing.service import source_hash
from .mentions import refresh_actor_mentions
from .models import (
    Article,
    ArticleActor,
    ArticleAuthor,
    Author,
    Citation,
    Claim,
    ClaimSubject,
    Comment,
    Contribution,
    DatePrecision,
    Event,
    Publication,
    SourceMarker,
    Theme,
    normalise_partial_date,
)
from .rendering.markdown import normalise_space, paragraphs_of, render_markdown

DEFAULT_PATH = Path(__file__).resolve().parent / "fixtures" / "launch" / "launch.toml"
SEEDS_DIR = Path(__file__).resolve().parent / "fixtures" / "seeds"

# Report order and labels.
KINDS = (
    "themes",
    "publications",
    "authors",
    "actors",
    "relations",
    "events",
    "articles",
    "claims",
)
# Rows created only together with a new parent; reported as created.
PARTS = ("aliases", "contributions", "comments", "citations", "source markers")

_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class LaunchDataError(ValueError):
    """The dataset cannot be loaded; the message is one line naming the object."""


@dataclass
class LoadReport:
    dry_run: bool = False
    created: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    edited: Counter = field(default_factory=Counter)
    edited_objects: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """Whether this load wrote (or, on a dry run, would write) new objects."""
        return any(self.created.values())

    def summary(self) -> str:
        created = sum(self.created[k] for k in KINDS)
        parts = sum(self.created[k] for k in PARTS)
        verb = "would create" if self.dry_run else "created"
        text = (
            f"Launch content: {verb} {created} objects"
            + (f" (+{parts} aliases, contributions, comments, citations and markers)" if parts else "")
            + f", {sum(self.unchanged.values())} unchanged, {sum(self.edited.values())} kept as edited"
        )
        return text + (" (dry run: nothing written)." if self.dry_run else ".")

    def lines(self) -> list[str]:
        """One line per kind: created / unchanged / kept as edited."""
        out = []
        for kind in KINDS:
            out.append(
                f"  {kind:<13} created {self.created[kind]:>3}, unchanged {self.unchanged[kind]:>3}, "
                f"kept as edited {self.edited[kind]:>3}"
            )
        for kind in PARTS:
            if self.created[kind]:
                out.append(f"  {kind:<13} created {self.created[kind]:>3}")
        return out


# ---------------------------------------------------------------------------
# Reading and checking the dataset (no database access)
# ---------------------------------------------------------------------------


def _date(value: str, label: str) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise LaunchDataError(f"{label}: {value!r} is not a YYYY-MM-DD date") from None


def _precision(value: str, label: str, *, dated: bool) -> str:
    if not dated and value == "":
        return DatePrecision.DAY
    if value not in DatePrecision.values:
        raise LaunchDataError(f"{label}: date_precision {value!r} is not one of {DatePrecision.values}")
    return value


def _text(item: dict, key: str, label: str, *, required: bool = False) -> str:
    value = item.get(key, "")
    if not isinstance(value, str):
        raise LaunchDataError(f"{label}: {key} must be a string")
    if required and not value.strip():
        raise LaunchDataError(f"{label}: {key} is required")
    return value


def _list(item: dict, key: str, label: str) -> list:
    value = item.get(key, [])
    if not isinstance(value, list):
        raise LaunchDataError(f"{label}: {key} must be a list")
    return value


def _read_dataset(path: Path) -> tuple[dict, dict[str, str]]:
    """The parsed TOML and the text of every body file it names."""
    if path.exists() and not path.is_file():  # a directory, pipe or device: never read it
        raise LaunchDataError(f"{path}: is not a regular file")
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise LaunchDataError(f"{path}: no such file") from None
    except OSError as error:
        raise LaunchDataError(f"{path}: cannot be read ({error.strerror or error})") from None
    except tomllib.TOMLDecodeError as error:
        raise LaunchDataError(f"{path.name}: TOML syntax error: {error}") from None
    except UnicodeDecodeError:
        raise LaunchDataError(f"{path.name}: is not UTF-8 text") from None

    texts: dict[str, str] = {}
    for article in data.get("articles", []):
        label = f"article {article.get('slug')!r}"
        files = [("body", article.get("body", ""))]
        files += [("contribution body", c.get("body", "")) for c in article.get("contributions", [])]
        for what, rel in files:
            if not isinstance(rel, str) or not rel:
                raise LaunchDataError(f"{label}: {what} file is not given")
            file_path = (path.parent / rel).resolve()
            if path.parent.resolve() not in file_path.parents:
                raise LaunchDataError(f"{label}: {what} file {rel!r} is outside the dataset folder")
            try:
                texts[rel] = file_path.read_text(encoding="utf-8").strip()
            except FileNotFoundError:
                raise LaunchDataError(f"{label}: {what} file {rel!r} not found") from None
            except (OSError, UnicodeDecodeError) as error:
                raise LaunchDataError(f"{label}: {what} file {rel!r} cannot be read ({error})") from None
    return data, texts


def _validate(data: dict, texts: dict[str, str]) -> None:
    """Check the dataset as a whole; raise LaunchDataError on the first problem."""
    slugs: dict[str, set[str]] = {}
    for section in KINDS:
        if section == "relations":
            continue
        items = data.get(section, [])
        if not isinstance(items, list):
            raise LaunchDataError(f"{section}: must be an array of tables ([[{section}]])")
        seen: set[str] = set()
        for index, item in enumerate(items):
            slug = item.get("slug")
            if not isinstance(slug, str) or not _SLUG_RE.match(slug):
                raise LaunchDataError(f"{section}[{index}]: missing or malformed slug {slug!r}")
            if slug in seen:
                raise LaunchDataError(f"{section[:-1]} {slug!r}: slug is used twice")
            seen.add(slug)
        slugs[section] = seen

    def ref(label: str, section: str, value) -> None:
        if value not in slugs[section]:
            raise LaunchDataError(f"{label}: unknown {section[:-1]} {value!r}")

    for item in data.get("themes", []):
        label = f"theme {item['slug']!r}"
        _text(item, "name", label, required=True)
    for item in data.get("publications", []):
        _text(item, "name", f"publication {item['slug']!r}", required=True)
    for item in data.get("authors", []):
        _text(item, "name", f"author {item['slug']!r}", required=True)
    for item in data.get("actors", []):
        label = f"actor {item['slug']!r}"
        _text(item, "name", label, required=True)
        if item.get("kind") not in Actor.Kind.values:
            raise LaunchDataError(f"{label}: kind {item.get('kind')!r} is not one of {Actor.Kind.values}")
        aliases = _list(item, "aliases", label)
        if len({normalise_space(a) for a in aliases}) != len(aliases):
            raise LaunchDataError(f"{label}: an alias is listed twice")

    seen_relations = set()
    for index, item in enumerate(data.get("relations", [])):
        label = f"relation {index + 1} ({item.get('subject')} {item.get('kind')} {item.get('object')})"
        ref(label, "actors", item.get("subject"))
        ref(label, "actors", item.get("object"))
        if item.get("kind") not in ActorRelation.Kind.values:
            raise LaunchDataError(f"{label}: kind is not one of {ActorRelation.Kind.values}")
        key = (item["subject"], item["kind"], item["object"])
        if key in seen_relations:
            raise LaunchDataError(f"{label}: listed twice")
        seen_relations.add(key)
        _date(item.get("start", ""), f"{label} start")
        _date(item.get("end", ""), f"{label} end")

    for item in data.get("events", []):
        label = f"event {item['slug']!r}"
        _text(item, "title", label, required=True)
        if _date(item.get("date", ""), f"{label} date") is None:
            raise LaunchDataError(f"{label}: date is required")
        _precision(item.get("date_precision", ""), label, dated=True)
        for value in _list(item, "actors", label):
            ref(label, "actors", value)
        for value in _list(item, "themes", label):
            ref(label, "themes", value)
        for value in _list(item, "articles", label):
            ref(label, "articles", value)

    article_paragraphs: dict[str, list[str]] = {}
    for item in data.get("articles", []):
        label = f"article {item['slug']!r}"
        _text(item, "title", label, required=True)
        if item.get("publication"):
            ref(label, "publications", item["publication"])
        authors = _list(item, "authors", label)
        if not authors:
            raise LaunchDataError(f"{label}: at least one author is required")
        if len(set(authors)) != len(authors):
            raise LaunchDataError(f"{label}: an author is listed twice")
        for value in authors:
            ref(label, "authors", value)
        for value in _list(item, "themes", label):
            ref(label, "themes", value)
        for value in _list(item, "actors", label):
            ref(label, "actors", value)
        for value in _list(item, "events", label):
            ref(label, "events", value)
        if _date(item.get("published_on", ""), f"{label} published_on") is None:
            raise LaunchDataError(f"{label}: published_on is required to publish it")
        _precision(item.get("date_precision", ""), label, dated=True)
        for number, contribution in enumerate(_list(item, "contributions", label), start=1):
            ref(f"{label} contribution {number}", "authors", contribution.get("author"))
        for number, comment in enumerate(_list(item, "comments", label), start=1):
            _text(comment, "name", f"{label} comment {number}", required=True)
            _text(comment, "body", f"{label} comment {number}", required=True)
        sections = [render_markdown(texts[item["body"]])]
        sections += [
            render_markdown(texts[c["body"]], anchor_prefix=f"c{n}-")
            for n, c in enumerate(item.get("contributions", []), start=1)
        ]
        article_paragraphs[item["slug"]] = [text for html in sections for _, text in paragraphs_of(html)]

    for item in data.get("claims", []):
        label = f"claim {item['slug']!r}"
        _text(item, "statement", label, required=True)
        actor, author = item.get("claimant_actor", ""), item.get("claimant_author", "")
        if bool(actor) == bool(author):
            raise LaunchDataError(f"{label}: give exactly one of claimant_actor and claimant_author")
        if actor:
            ref(label, "actors", actor)
        if author:
            ref(label, "authors", author)
        made_on = _date(item.get("made_on", ""), f"{label} made_on")
        _precision(item.get("date_precision", ""), label, dated=made_on is not None)
        for value in _list(item, "about", label):
            ref(label, "actors", value)
        for value in _list(item, "themes", label):
            ref(label, "themes", value)
        if item.get("verdict", "") not in ["", *Claim.Verdict.values]:
            raise LaunchDataError(
                f"{label}: verdict {item.get('verdict')!r} is not one of {Claim.Verdict.values}"
            )
        citations = _list(item, "citations", label)
        if not citations:
            raise LaunchDataError(f"{label}: at least one citation is required")
        for number, citation in enumerate(citations, start=1):
            clabel = f"{label} citation {number}"
            ref(clabel, "articles", citation.get("article"))
            if citation.get("stance") not in Citation.Stance.values:
                raise LaunchDataError(
                    f"{clabel}: stance {citation.get('stance')!r} is not one of {Citation.Stance.values}"
                )
            quote = normalise_space(_text(citation, "quote", clabel, required=True))
            if not any(quote in paragraph for paragraph in article_paragraphs[citation["article"]]):
                raise LaunchDataError(
                    f"{clabel}: quote does not occur within one paragraph of article "
                    f"{citation['article']!r}: “{quote[:60]}…”"
                )


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


def _one_line(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
    return " ".join(error.messages)


def _save(obj, label: str):
    """full_clean() then save(), turning failures into a one-line LaunchDataError."""
    try:
        obj.full_clean()
        obj.save()
    except ValidationError as error:
        raise LaunchDataError(f"{label}: {_one_line(error)}") from None
    except IntegrityError as error:
        raise LaunchDataError(f"{label}: {error}") from None
    return obj


def _same(obj, fields: dict) -> bool:
    return all(getattr(obj, name) == value for name, value in fields.items())


def _live_from(published_on: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(published_on, datetime.time(0, 0), tzinfo=datetime.UTC)


def _source_hash(seed: str) -> str | None:
    """The importer's fingerprint of the seed text, so importing it later finds this article."""
    seed_path = SEEDS_DIR / seed if seed else None
    if seed_path is None or not seed_path.is_file():
        return None
    return source_hash(seed_path.read_text(encoding="utf-8"))


class _Loader:
    def __init__(self, data: dict, texts: dict[str, str], report: LoadReport):
        self.data = data
        self.texts = texts
        self.report = report
        self.themes: dict[str, Theme] = {}
        self.publications: dict[str, Publication] = {}
        self.authors: dict[str, Author] = {}
        self.actors: dict[str, Actor] = {}
        self.events: dict[str, Event] = {}
        self.new_events: set[str] = set()
        self.articles: dict[str, Article] = {}

    # -- helpers ---------------------------------------------------------------

    def _upsert(self, kind: str, model, items: list[dict], fields_for) -> tuple[dict, list]:
        """Objects by slug: existing ones classified, missing ones created.

        Returns ``(objects by slug, [(obj, item) newly created])``.
        """
        existing = {obj.slug: obj for obj in model.objects.filter(slug__in=[i["slug"] for i in items])}
        objects, created = {}, []
        for item in items:
            fields = fields_for(item)
            obj = existing.get(item["slug"])
            if obj is None:
                obj = _save(model(slug=item["slug"], **fields), f"{kind[:-1]} {item['slug']!r}")
                self.report.created[kind] += 1
                created.append((obj, item))
            elif _same(obj, fields):
                self.report.unchanged[kind] += 1
            else:
                self.report.edited[kind] += 1
                self.report.edited_objects.append(f"{kind[:-1]} {item['slug']!r}")
            objects[item["slug"]] = obj
        return objects, created

    # -- sections --------------------------------------------------------------

    def themes_(self):
        self.themes, _ = self._upsert(
            "themes",
            Theme,
            self.data.get("themes", []),
            lambda i: {"name": i["name"], "description": i.get("description", "")},
        )

    def publications_(self):
        self.publications, _ = self._upsert(
            "publications",
            Publication,
            self.data.get("publications", []),
            lambda i: {"name": i["name"], "url": i.get("url", ""), "description": i.get("description", "")},
        )

    def authors_(self):
        self.authors, _ = self._upsert(
            "authors",
            Author,
            self.data.get("authors", []),
            lambda i: {
                "name": i["name"],
                "affiliation": i.get("affiliation", ""),
                "bio": i.get("bio", ""),
                "social": i.get("social", ""),
            },
        )

    def actors_(self):
        self.actors, created = self._upsert(
            "actors",
            Actor,
            self.data.get("actors", []),
            lambda i: {
                "kind": i["kind"],
                "name": i["name"],
                "role": i.get("role", ""),
                "description": i.get("description", ""),
                "wikidata_id": i.get("wikidata", ""),
            },
        )
        for actor, item in created:
            for alias in item.get("aliases", []):
                _save(ActorAlias(actor=actor, name=alias), f"actor {item['slug']!r} alias {alias!r}")
                self.report.created["aliases"] += 1

    def relations_(self):
        existing = {
            (r.subject_id, r.kind, r.object_id): r
            for r in ActorRelation.objects.filter(subject__in=[a.pk for a in self.actors.values()])
        }
        for index, item in enumerate(self.data.get("relations", [])):
            subject, obj = self.actors[item["subject"]], self.actors[item["object"]]
            fields = {
                "start_date": _date(item.get("start", ""), "start"),
                "end_date": _date(item.get("end", ""), "end"),
                "ended": bool(item.get("ended", False)) or bool(item.get("end")),
                "note": item.get("note", ""),
            }
            row = existing.get((subject.pk, item["kind"], obj.pk))
            label = f"relation {index + 1} ({item['subject']} {item['kind']} {item['object']})"
            if row is None:
                _save(ActorRelation(subject=subject, kind=item["kind"], object=obj, **fields), label)
                self.report.created["relations"] += 1
            elif _same(row, fields):
                self.report.unchanged["relations"] += 1
            else:
                self.report.edited["relations"] += 1
                self.report.edited_objects.append(label)

    def events_(self):
        def fields(item):
            precision = item["date_precision"]
            return {
                "title": item["title"],
                "date": normalise_partial_date(_date(item["date"], "date"), precision),
                "date_precision": precision,
                "description": item.get("description", ""),
            }

        self.events, created = self._upsert("events", Event, self.data.get("events", []), fields)
        self.new_events = {event.slug for event, _ in created}
        for event, item in created:
            event.actors.set([self.actors[s] for s in item.get("actors", [])])
            event.themes.add(*[self.themes[s] for s in item.get("themes", [])])
        # Links from the event side ("articles = [...]") are added with the articles.

    def articles_(self):
        def fields(item):
            precision = item["date_precision"]
            published_on = normalise_partial_date(_date(item["published_on"], "published_on"), precision)
            publication = self.publications.get(item.get("publication", ""))
            return {
                "title": item["title"],
                "standfirst": item.get("standfirst", ""),
                "body": self.texts[item["body"]],
                "publication_id": publication.pk if publication else None,
                "series": item.get("series", ""),
                "series_number": item.get("series_number") or None,
                "original_url": item.get("original_url", ""),
                "language": item.get("language", "en"),
                "published_on": published_on,
                "published_on_precision": precision,
                "date_note": item.get("date_note", ""),
                "editorial_note": item.get("editorial_note", ""),
                "status": Article.Status.PUBLISHED,
                "live_from": _live_from(published_on),
            }

        items = self.data.get("articles", [])
        existing = {a.slug: a for a in Article.objects.filter(slug__in=[i["slug"] for i in items])}
        created = []
        for item in items:
            slug = item["slug"]
            label = f"article {slug!r}"
            wanted = fields(item)
            article = existing.get(slug)
            if article is None:
                fingerprint = _source_hash(item.get("seed", ""))
                if fingerprint and Article.objects.filter(source_hash=fingerprint).exists():
                    fingerprint = None  # already imported as another article, which keeps it
                article = _save(Article(slug=slug, source_hash=fingerprint, **wanted), label)
                self.report.created["articles"] += 1
                created.append((article, item))
            elif _same(article, wanted):
                self.report.unchanged["articles"] += 1
            else:
                self.report.edited["articles"] += 1
                self.report.edited_objects.append(label)
            self.articles[slug] = article

        for article, item in created:
            self._article_parts(article, item)

        # Event -> article links given on the event side, for new articles or new events.
        new_articles = {a.slug for a, _ in created}
        for item in self.data.get("events", []):
            event = self.events[item["slug"]]
            for slug in item.get("articles", []):
                if slug in new_articles or event.slug in self.new_events:
                    self.articles[slug].events.add(event)

    def _article_parts(self, article: Article, item: dict) -> None:
        label = f"article {item['slug']!r}"
        for order, slug in enumerate(item.get("authors", [])):
            _save(
                ArticleAuthor(article=article, author=self.authors[slug], order=order),
                f"{label} author {slug!r}",
            )
        for order, contribution in enumerate(item.get("contributions", []), start=1):
            _save(
                Contribution(
                    article=article,
                    author=self.authors[contribution["author"]],
                    order=order,
                    heading=contribution.get("heading", ""),
                    body=self.texts[contribution["body"]],
                ),
                f"{label} contribution {order}",
            )
            self.report.created["contributions"] += 1
        for number, comment in enumerate(item.get("comments", []), start=1):
            _save(
                Comment(
                    article=article,
                    name=comment["name"],
                    email="",
                    body=comment["body"],
                    status=Comment.Status.APPROVED,
                ),
                f"{label} comment {number}",
            )
            self.report.created["comments"] += 1
        article.themes.add(*[self.themes[s] for s in item.get("themes", [])])
        article.events.add(*[self.events[s] for s in item.get("events", [])])
        for slug in item.get("actors", []):
            _save(
                ArticleActor(article=article, actor=self.actors[slug], origin=ArticleActor.Origin.MANUAL),
                f"{label} actor {slug!r}",
            )
        markers = [
            SourceMarker(article=article, anchor=anchor, context=context[:300])
            for anchor, text in article.paragraphs()
            for _offset, context in marker_contexts(text)
        ]
        for order, marker in enumerate(markers, start=1):
            marker.order = order
            marker.full_clean()
        SourceMarker.objects.bulk_create(markers)
        self.report.created["source markers"] += len(markers)

    def claims_(self):
        def fields(item):
            made_on = _date(item.get("made_on", ""), "made_on")
            precision = item.get("date_precision") or DatePrecision.DAY
            actor = self.actors.get(item.get("claimant_actor", ""))
            author = self.authors.get(item.get("claimant_author", ""))
            return {
                "statement": item["statement"],
                "claimant_actor_id": actor.pk if actor else None,
                "claimant_author_id": author.pk if author else None,
                "made_on": normalise_partial_date(made_on, precision),
                "made_on_precision": precision,
                "source_url": item.get("source_url", ""),
                "verdict": item.get("verdict", ""),
                "rationale": item.get("rationale", ""),
            }

        _, created = self._upsert("claims", Claim, self.data.get("claims", []), fields)
        if not created:
            return
        # Citations are checked against the article text: read contributions once.
        articles = {
            a.slug: a
            for a in Article.objects.filter(pk__in=[a.pk for a in self.articles.values()]).prefetch_related(
                "contributions"
            )
        }
        for claim, item in created:
            label = f"claim {item['slug']!r}"
            for slug in item.get("about", []):
                _save(ClaimSubject(claim=claim, actor=self.actors[slug]), f"{label} about {slug!r}")
            claim.themes.add(*[self.themes[s] for s in item.get("themes", [])])
            for number, citation in enumerate(item["citations"], start=1):
                _save(
                    Citation(
                        claim=claim,
                        article=articles[citation["article"]],
                        quote=citation["quote"],
                        stance=citation["stance"],
                        note=citation.get("note", ""),
                    ),
                    f"{label} citation {number}",
                )
                self.report.created["citations"] += 1

    def mentions_(self):
        for article in self.articles.values():
            refresh_actor_mentions(article=article)
        self.report.notes.append(f"Actor mentions refreshed for {len(self.articles)} articles.")

    def run(self):
        self.themes_()
        self.publications_()
        self.authors_()
        self.actors_()
        self.relations_()
        self.events_()
        self.articles_()
        self.claims_()
        self.mentions_()


def load_launch_content(*, path: Path | None = None, dry_run: bool = False) -> LoadReport:
    """Load the launch dataset (see the module docstring for the policy)."""
    path = Path(path) if path is not None else DEFAULT_PATH
    data, texts = _read_dataset(path)
    _validate(data, texts)
    report = LoadReport(dry_run=dry_run)
    with transaction.atomic():
        _Loader(data, texts, report).run()
        if dry_run:
            transaction.set_rollback(True)
    return report
