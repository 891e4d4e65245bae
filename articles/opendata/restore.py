"""Reading a dump back into an empty database: the published graph with the same ids.

For researchers who want the graph in a database of their own, and for the round-trip
test that proves the dump holds the whole published graph. Articles come back
published (from the moment of the import), without their text; citations keep their
paragraph anchors. Rows are created as they are in the dump, without re-detecting
mentions or re-anchoring quotes against text the dump does not carry.
"""

import csv
import datetime
import json
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

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

from .tables import TABLES_BY_NAME

# table -> (model, {column: model field}) for tables that are one model each
PLAIN = {
    "actors": Actor, "actor_aliases": ActorAlias, "actor_relations": ActorRelation, "themes": Theme,
    "publications": Publication, "authors": Author, "articles": Article, "article_authors": ArticleAuthor,
    "sections": Contribution, "article_actors": ArticleActor, "claims": Claim, "claim_subjects": ClaimSubject,
    "citations": Citation, "events": Event,
}
THEMED = {"article_themes": ("article", "article_id"), "claim_themes": ("claim", "claim_id"),
          "event_themes": ("event", "event_id")}
THROUGH = {"event_actors": Event.actors.through, "event_articles": Article.events.through}
ORDER = ["actors", "actor_aliases", "actor_relations", "themes", "publications", "authors", "articles",
         "article_authors", "sections", "article_actors", "article_themes", "claims", "claim_subjects",
         "claim_themes", "citations", "events", "event_actors", "event_themes", "event_articles"]
CONTENT_MODELS = (Actor, Theme, Publication, Author, Article, Claim, Event)


def _value(column, text):
    """A cell as the column's type; ValueError (its reason) when it is not one."""
    if text == "":
        return None if column.type != "string" else ""
    if column.type == "integer":
        if not (text.isascii() and text.lstrip("-").isdigit()):
            raise ValueError("not a whole number")
        return int(text)
    if column.type == "boolean":
        if text not in ("true", "false"):
            raise ValueError("not true or false")
        return text == "true"
    if column.type not in ("date", "datetime"):
        return text
    try:
        # None when not ISO 8601; ValueError for a day that does not exist.
        value = parse_date(text) if column.type == "date" else parse_datetime(text)
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            # In UTC: PostgreSQL takes offsets up to 16 hours, ISO 8601 up to a day.
            value = value.astimezone(datetime.UTC)
    except (ValueError, OverflowError):
        value = None
    if value is None:
        raise ValueError(f"not a {column.type} in ISO 8601")
    return value


def read_table(package: Path, name):
    table = TABLES_BY_NAME[name]
    columns = {column.name: column for column in table.columns}
    with open(package / "csv" / f"{name}.csv", encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != list(columns):
            raise ValidationError(f"{name}.csv: expected the columns {', '.join(columns)}.")
        rows = []
        for row in reader:
            values = {}
            for key, text in row.items():
                try:
                    values[key] = _value(columns[key], text)
                except ValueError as error:
                    raise ValidationError(
                        f"{name}.csv, line {reader.line_num}: {key} {text[:40]!r} is {error}."
                    ) from None
            rows.append(values)
        return rows


@transaction.atomic
def load_dataset(*, package: Path, live_from: datetime.datetime | None = None) -> dict:
    """Create every row of the package at ``package`` (a dump's directory); returns
    {table: rows}. Refuses a database that already holds content."""
    package = Path(package)
    json.loads((package / "datapackage.json").read_text("utf-8"))  # a package, or a clear error
    if any(model.objects.exists() for model in CONTENT_MODELS):
        raise ValidationError("The database already holds content: load a dump only into an empty one.")
    live_from = live_from or timezone.now()
    counts = {}
    for name in ORDER:
        rows = read_table(package, name)
        counts[name] = len(rows)
        if name in THEMED:
            model_name, key = THEMED[name]
            content_type = ContentType.objects.get(app_label="articles", model=model_name)
            ThemedItem.objects.bulk_create(
                ThemedItem(content_type=content_type, object_id=row[key], tag_id=row["theme_id"]) for row in rows
            )
        elif name in THROUGH:
            THROUGH[name].objects.bulk_create(THROUGH[name](**row) for row in rows)
        else:
            model = PLAIN[name]
            if name == "articles":
                rows = [{**row, "status": Article.Status.PUBLISHED, "live_from": live_from} for row in rows]
            objects = model.objects.bulk_create(model(**row) for row in rows)
            stamps = [f for f in ("updated_at",) if rows and f in rows[0]]
            if stamps:  # auto_now set them to now on create: put the dump's times back
                for obj, row in zip(objects, rows, strict=True):
                    obj.updated_at = row["updated_at"]
                model.objects.bulk_update(objects, stamps, batch_size=500)
    return counts
