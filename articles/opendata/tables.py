"""The tables of the open-data dump: what each holds, its columns and types, its keys.

One definition serves the export (CSV + JSON Lines + ``datapackage.json``) and the
re-import. Each table's rows start from the site's public rules:
``Article.objects.published()`` for commentary and everything hanging off it,
``Citation.objects.public()`` for citations; authors and publications appear when
published commentary (or a claim) names them. Nothing about comments, staff or
unpublished pieces is a column or a row.

The text of articles is not in the dump: it belongs to its authors and publications
(each row links to the page and the original). The dump is the argument graph: who
wrote what, which actors and themes, which claims are cited with which stance and
quote, and our verdicts.
"""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q

from actors.models import Actor, ActorAlias, ActorRelation
from articles.models import (
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
    Theme,
    ThemedItem,
)

SCHEMA_VERSION = "1.0.0"


@dataclass(frozen=True)
class Column:
    name: str
    type: str = "string"  # Frictionless Table Schema type: string, integer, boolean, date, datetime
    source: str | None = None  # attribute or lookup read from the row (default: name)
    required: bool = False
    description: str = ""
    transform: object = None  # value -> value as published (e.g. an author's public social handle)

    @property
    def lookup(self):
        return self.source or self.name


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    columns: tuple[Column, ...]
    rows: object  # () -> queryset of dicts (values())
    primary_key: tuple[str, ...] = ("id",)
    foreign_keys: tuple[tuple[str, str], ...] = ()  # (column, table it names by id)
    extra: dict = field(default_factory=dict)


def published_articles():
    return Article.objects.published()


def public_authors():
    published = published_articles()
    return Author.objects.filter(
        Q(Exists(published.by_author(OuterRef("pk")).values("pk")))
        | Q(Exists(Claim.objects.filter(claimant_author=OuterRef("pk"))))
    )


def public_publications():
    return Publication.objects.filter(pk__in=published_articles().values("publication"))


def _themed(model_name, ids):
    return ThemedItem.objects.filter(
        content_type__app_label="articles", content_type__model=model_name, object_id__in=ids
    )


def _rows(queryset, columns, order=("id",)):
    return lambda: queryset().order_by(*order).values(*(c.lookup for c in columns))


def _table(name, title, columns, queryset, order=("id",), **kwargs):
    columns = tuple(columns)
    return Table(name, title, columns, _rows(queryset, columns, order), **kwargs)


C = Column

TABLES = [
    _table("actors", "Countries, organisations, people, groups and places", [
        C("id", "integer", required=True), C("slug", required=True), C("name", required=True),
        C("kind", required=True), C("role"), C("description"), C("wikidata_id"),
        C("updated_at", "datetime"),
    ], Actor.objects.all),
    _table("actor_aliases", "Other names of actors, counted as mentions", [
        C("actor_id", "integer", required=True), C("name", required=True),
    ], ActorAlias.objects.all, order=("actor_id", "name"), primary_key=("actor_id", "name"),
        foreign_keys=(("actor_id", "actors"),)),
    _table("actor_relations", "Dated relations between actors", [
        C("id", "integer", required=True), C("subject_id", "integer", required=True), C("kind", required=True),
        C("object_id", "integer", required=True), C("start_date", "date"), C("end_date", "date"),
        C("ended", "boolean"), C("note"),
    ], ActorRelation.objects.all, foreign_keys=(("subject_id", "actors"), ("object_id", "actors"))),
    _table("themes", "Themes", [
        C("id", "integer", required=True), C("slug", required=True), C("name", required=True), C("description"),
    ], Theme.objects.all),
    _table("publications", "Publications that first published the commentary", [
        C("id", "integer", required=True), C("slug", required=True), C("name", required=True),
        C("url"), C("description"),
    ], public_publications),
    _table("authors", "Authors of published commentary and of claims", [
        C("id", "integer", required=True), C("slug", required=True), C("name", required=True),
        C("affiliation"), C("bio"), C("social", description="A public handle or URL; never an e-mail address.",
                                   transform=lambda value: Author(social=value).public_social),
    ], public_authors),
    _table("articles", "Published commentary (metadata; the text is on the page and the original)", [
        C("id", "integer", required=True), C("slug", required=True), C("title", required=True), C("standfirst"),
        C("original_url"), C("published_on", "date"), C("published_on_precision"), C("date_note"),
        C("editorial_note"), C("series"), C("series_number", "integer"), C("language"),
        C("publication_id", "integer"), C("updated_at", "datetime"),
    ], published_articles, foreign_keys=(("publication_id", "publications"),)),
    _table("article_authors", "Bylines, in order", [
        C("article_id", "integer", required=True), C("author_id", "integer", required=True), C("order", "integer"),
    ], lambda: ArticleAuthor.objects.filter(article__in=published_articles()), order=("article_id", "order", "id"),
        primary_key=("article_id", "author_id"), foreign_keys=(("article_id", "articles"), ("author_id", "authors"))),
    _table("sections", "Round-up sections: one expert's answer each", [
        C("article_id", "integer", required=True), C("order", "integer", required=True), C("heading"),
        C("author_id", "integer", required=True),
    ], lambda: Contribution.objects.filter(article__in=published_articles()), order=("article_id", "order"),
        primary_key=("article_id", "order"), foreign_keys=(("article_id", "articles"), ("author_id", "authors"))),
    _table("article_actors", "Actors each article mentions, with how often", [
        C("article_id", "integer", required=True), C("actor_id", "integer", required=True),
        C("mentions", "integer"), C("origin", description="detected in the text, or added by an editor"),
    ], lambda: ArticleActor.objects.mentioned().filter(article__in=published_articles()),
        order=("article_id", "actor_id"), primary_key=("article_id", "actor_id"),
        foreign_keys=(("article_id", "articles"), ("actor_id", "actors"))),
    _table("article_themes", "Themes each article is filed under", [
        C("article_id", "integer", source="object_id", required=True),
        C("theme_id", "integer", source="tag_id", required=True),
    ], lambda: _themed("article", published_articles().values("pk")), order=("object_id", "tag_id"),
        primary_key=("article_id", "theme_id"), foreign_keys=(("article_id", "articles"), ("theme_id", "themes"))),
    _table("claims", "Claims, who made them, and our verdicts", [
        C("id", "integer", required=True), C("slug", required=True), C("statement", required=True),
        C("claimant_actor_id", "integer"), C("claimant_author_id", "integer"), C("made_on", "date"),
        C("made_on_precision"), C("source_url"), C("verdict"), C("rationale"), C("updated_at", "datetime"),
    ], Claim.objects.all, foreign_keys=(("claimant_actor_id", "actors"), ("claimant_author_id", "authors"))),
    _table("claim_subjects", "Actors each claim is about", [
        C("claim_id", "integer", required=True), C("actor_id", "integer", required=True),
    ], ClaimSubject.objects.all, order=("claim_id", "actor_id"), primary_key=("claim_id", "actor_id"),
        foreign_keys=(("claim_id", "claims"), ("actor_id", "actors"))),
    _table("claim_themes", "Themes each claim is filed under", [
        C("claim_id", "integer", source="object_id", required=True),
        C("theme_id", "integer", source="tag_id", required=True),
    ], lambda: _themed("claim", Claim.objects.values("pk")), order=("object_id", "tag_id"),
        primary_key=("claim_id", "theme_id"), foreign_keys=(("claim_id", "claims"), ("theme_id", "themes"))),
    _table("citations", "Passages of published articles that quote a claim, with the article's stance", [
        C("id", "integer", required=True), C("claim_id", "integer", required=True),
        C("article_id", "integer", required=True), C("stance", required=True), C("quote", required=True),
        C("note"), C("anchor", description="The paragraph's anchor on the article page."),
        C("position", "integer", description="Index of the paragraph in the text."),
    ], Citation.objects.public, foreign_keys=(("claim_id", "claims"), ("article_id", "articles"))),
    _table("events", "Timeline events", [
        C("id", "integer", required=True), C("slug", required=True), C("title", required=True),
        C("date", "date", required=True), C("date_precision"), C("description"), C("updated_at", "datetime"),
    ], Event.objects.all),
    _table("event_actors", "Actors involved in each event", [
        C("event_id", "integer", required=True), C("actor_id", "integer", required=True),
    ], lambda: Event.actors.through.objects.all(), order=("event_id", "actor_id"),
        primary_key=("event_id", "actor_id"), foreign_keys=(("event_id", "events"), ("actor_id", "actors"))),
    _table("event_themes", "Themes each event is filed under", [
        C("event_id", "integer", source="object_id", required=True),
        C("theme_id", "integer", source="tag_id", required=True),
    ], lambda: _themed("event", Event.objects.values("pk")), order=("object_id", "tag_id"),
        primary_key=("event_id", "theme_id"), foreign_keys=(("event_id", "events"), ("theme_id", "themes"))),
    _table("event_articles", "Published articles that discuss each event", [
        C("event_id", "integer", required=True), C("article_id", "integer", required=True),
    ], lambda: Article.events.through.objects.filter(article__in=published_articles()),
        order=("event_id", "article_id"), primary_key=("event_id", "article_id"),
        foreign_keys=(("event_id", "events"), ("article_id", "articles"))),
]
TABLES_BY_NAME = {table.name: table for table in TABLES}
