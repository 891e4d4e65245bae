"""
``load_launch_content``: the create-only loader of the launch dataset.

The policy (create what is missing, never overwrite; one transaction; the
write paths it goes through) is described in ``articles/launch/__init__.py``.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from actors.models import Actor, ActorAlias, ActorRelation

from .. import pagecache
from ..comments.services import import_comment
from ..importing.parser import marker_contexts
from ..mentions import refresh_actor_mentions
from ..models import (
    Article,
    ArticleActor,
    ArticleAuthor,
    Author,
    Citation,
    Claim,
    ClaimSubject,
    Contribution,
    Event,
    Publication,
    SourceMarker,
    Theme,
)
from ..publishing import publish_article, refresh_derived, save_article, submit_for_review
from ..search import index as search_index
from .dataset import DEFAULT_PATH, TRANSLATIONS, LaunchDataError, read_dataset, validate
from .fields import (
    _source_hash,
    actor_fields,
    article_fields,
    article_workflow,
    author_fields,
    claim_fields,
    event_fields,
    publication_fields,
    relation_fields,
    theme_fields,
)
from .report import LoadReport

# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


def _one_line(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
    return " ".join(error.messages)


@contextmanager
def _named(label: str):
    """Turn a validation or database failure into a one-line LaunchDataError naming ``label``."""
    try:
        yield
    except ValidationError as error:
        raise LaunchDataError(f"{label}: {_one_line(error)}") from None
    except IntegrityError as error:
        raise LaunchDataError(f"{label}: {error}") from None


def _save(obj, label: str):
    """full_clean() then save() a row that is not an article (articles go through articles.publishing)."""
    with _named(label):
        obj.full_clean()
        obj.save()
    return obj


def _same(obj, fields: dict) -> bool:
    return all(getattr(obj, name) == value for name, value in fields.items())


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
        self.claims: dict[str, Claim] = {}
        self.new_events: set[str] = set()
        self.articles: dict[str, Article] = {}
        self.new_articles: set[str] = set()

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
        self.themes, _ = self._upsert("themes", Theme, self.data.get("themes", []), theme_fields)

    def publications_(self):
        self.publications, _ = self._upsert(
            "publications", Publication, self.data.get("publications", []), publication_fields
        )

    def authors_(self):
        self.authors, _ = self._upsert("authors", Author, self.data.get("authors", []), author_fields)

    def actors_(self):
        self.actors, created = self._upsert("actors", Actor, self.data.get("actors", []), actor_fields)
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
            fields = relation_fields(item)
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
        self.events, created = self._upsert("events", Event, self.data.get("events", []), event_fields)
        self.new_events = {event.slug for event, _ in created}
        for event, item in created:
            event.actors.set([self.actors[s] for s in item.get("actors", [])])
            event.themes.add(*[self.themes[s] for s in item.get("themes", [])])
        # Links from the event side ("articles = [...]") are added with the articles.

    def articles_(self):
        items = self.data.get("articles", [])
        existing = {a.slug: a for a in Article.objects.filter(slug__in=[i["slug"] for i in items])}
        created = []
        for item in items:
            slug = item["slug"]
            label = f"article {slug!r}"
            wanted = article_fields(item, self.publications, self.texts)
            article = existing.get(slug)
            if article is None:
                fingerprint = _source_hash(item.get("seed", ""))
                if fingerprint and Article.objects.filter(source_hash=fingerprint).exists():
                    fingerprint = None  # already imported as another article, which keeps it
                with _named(label):  # a draft first: status changes only through the workflow
                    article = save_article(article=Article(slug=slug, source_hash=fingerprint, **wanted))
                self.report.created["articles"] += 1
                created.append((article, item))
            elif _same(article, {**wanted, **article_workflow(item)}):
                self.report.unchanged["articles"] += 1
            else:
                self.report.edited["articles"] += 1
                self.report.edited_objects.append(label)
            self.articles[slug] = article

        for article, item in created:
            with _named(f"article {item['slug']!r}"):
                self._article_parts(article, item)
                refresh_derived(article=article)  # the contributions are part of its text

        # Event -> article links given on the event side, for new articles or new events.
        new_articles = self.new_articles = {a.slug for a, _ in created}
        for item in self.data.get("events", []):
            event = self.events[item["slug"]]
            for slug in item.get("articles", []):
                if slug in new_articles or event.slug in self.new_events:
                    self.articles[slug].events.add(event)

        # Complete, so through review and published now (on its launch date, which
        # may be past): the workflow's moves and readiness rules, as for any article.
        for article, item in created:
            with _named(f"article {item['slug']!r}"):
                submit_for_review(article=article, by=None)
                publish_article(article=article, by=None, live_from=article_workflow(item)["live_from"])

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
            with _named(f"{label} comment {number}"):
                import_comment(article=article, name=comment["name"], body=comment["body"])
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
        self.claims, created = self._upsert(
            "claims",
            Claim,
            self.data.get("claims", []),
            lambda item: claim_fields(item, self.actors, self.authors),
        )
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
        # New articles were brought up to date by refresh_derived; the ones that
        # already existed are recounted because a new actor or alias may name them.
        for slug, article in self.articles.items():
            if slug not in self.new_articles:
                refresh_actor_mentions(article=article)
        self.report.notes.append(f"Actor mentions refreshed for {len(self.articles)} articles.")

    def translations_(self, data: dict):
        """Russian and Kazakh text (``translations.toml`` beside the dataset: names, roles,
        aliases, descriptions, claim statements and rationales) into the empty translation
        columns only: an editor's translation is never overwritten."""
        if not data:
            return
        filled = 0
        sections = (
            ("themes", self.themes),
            ("publications", self.publications),
            ("actors", self.actors),
            ("events", self.events),
            ("claims", self.claims),
        )
        for kind, objects in sections:
            for slug, fields in data.get(kind, {}).items():
                obj = objects.get(slug)
                if obj is None:
                    raise LaunchDataError(f"{TRANSLATIONS}: no {kind[:-1]} {slug!r} in the dataset")
                aliases = fields.get("aliases", {})
                changed = [
                    (f"{field}_{language}", value)
                    for field, values in fields.items() if field != "aliases"
                    for language, value in values.items()
                    if not getattr(obj, f"{field}_{language}")
                ]
                if changed:
                    for column, value in changed:
                        setattr(obj, column, value)
                    with _named(f"{kind[:-1]} {slug!r}"):
                        obj.full_clean()
                        obj.save(update_fields=[column for column, _ in changed])
                    filled += len(changed)
                known = next((i.get("aliases", []) for i in self.data.get("actors", []) if i["slug"] == slug), [])
                for english, values in aliases.items():
                    if english not in known:
                        raise LaunchDataError(f"{TRANSLATIONS}: actor {slug!r} has no alias {english!r}")
                    alias = ActorAlias.objects.filter(actor=obj, name_en=english).first()
                    if alias is None:
                        continue  # an editor deleted it: not brought back to translate it
                    changed = [(f"name_{lang}", v) for lang, v in values.items() if not getattr(alias, f"name_{lang}")]
                    if changed:
                        for column, value in changed:
                            setattr(alias, column, value)
                        alias.save(update_fields=[column for column, _ in changed])
                        filled += len(changed)
        if filled:
            self.report.notes.append(f"Translations filled in: {filled} Russian and Kazakh texts.")

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
    dataset_path = Path(path) if path is not None else DEFAULT_PATH
    dataset = read_dataset(dataset_path)
    validate(dataset)
    report = LoadReport(dry_run=dry_run)
    with transaction.atomic():
        # One search reindex and one page-cache bump per object and load, not per save.
        with search_index.batched(), pagecache.paused():
            loader = _Loader(dataset.data, dataset.texts, report)
            loader.run()
            loader.translations_(dataset.translations)
        if dry_run:
            transaction.set_rollback(True)
    return report
