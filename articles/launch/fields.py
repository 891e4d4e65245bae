"""
The model field values of each launch dataset record, for the loader.

One function per section turns a record (a TOML table) into the fields a new
object is created with, and the same values are what an existing object is
compared with to report it as unchanged or edited (``articles.launch.loader``).
"""

from __future__ import annotations

import datetime

from actors.models import Actor

from ..importing.service import source_hash
from ..models import Article, Author, DatePrecision, Publication, normalise_partial_date
from .dataset import SEEDS_DIR, parse_date


def _live_from(published_on: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(published_on, datetime.time(0, 0), tzinfo=datetime.UTC)


def _source_hash(seed: str) -> str | None:
    """The importer's fingerprint of the seed text, so importing it later finds this article."""
    seed_path = SEEDS_DIR / seed if seed else None
    if seed_path is None or not seed_path.is_file():
        return None
    return source_hash(seed_path.read_text(encoding="utf-8"))


def theme_fields(item: dict) -> dict:
    return {"name": item["name"], "description": item.get("description", "")}


def publication_fields(item: dict) -> dict:
    return {"name": item["name"], "url": item.get("url", ""), "description": item.get("description", "")}


def author_fields(item: dict) -> dict:
    return {
        "name": item["name"],
        "affiliation": item.get("affiliation", ""),
        "bio": item.get("bio", ""),
        "social": item.get("social", ""),
    }


def actor_fields(item: dict) -> dict:
    return {
        "kind": item["kind"],
        "name": item["name"],
        "role": item.get("role", ""),
        "description": item.get("description", ""),
        "wikidata_id": item.get("wikidata", ""),
    }


def relation_fields(item: dict) -> dict:
    return {
        "start_date": parse_date(item.get("start", "")),
        "end_date": parse_date(item.get("end", "")),
        "ended": bool(item.get("ended", False)) or bool(item.get("end")),
        "note": item.get("note", ""),
    }


def event_fields(item: dict) -> dict:
    precision = item["date_precision"]
    return {
        "title": item["title"],
        "date": normalise_partial_date(parse_date(item["date"]), precision),
        "date_precision": precision,
        "description": item.get("description", ""),
    }


def article_fields(item: dict, publications: dict[str, Publication], texts: dict[str, str]) -> dict:
    precision = item["date_precision"]
    published_on = normalise_partial_date(parse_date(item["published_on"]), precision)
    publication = publications.get(item.get("publication", ""))
    return {
        "title": item["title"],
        "standfirst": item.get("standfirst", ""),
        "body": texts[item["body"]],
        "publication_id": publication.pk if publication else None,
        "series": item.get("series", ""),
        "series_number": item.get("series_number") or None,
        "original_url": item.get("original_url", ""),
        # Every launch piece was first published elsewhere; two source pages name no publication.
        "origin": Article.Origin.ELSEWHERE if publication else Article.Origin.UNNAMED,
        "rights": item["rights"],
        "language": item.get("language", "en"),
        "published_on": published_on,
        "published_on_precision": precision,
        "date_note": item.get("date_note", ""),
        "editorial_note": item.get("editorial_note", ""),
    }


def article_workflow(item: dict) -> dict:
    """Where a new article ends up: published from its publication date."""
    published_on = normalise_partial_date(parse_date(item["published_on"]), item["date_precision"])
    return {"status": Article.Status.PUBLISHED, "live_from": _live_from(published_on)}


def claim_fields(item: dict, actors: dict[str, Actor], authors: dict[str, Author]) -> dict:
    made_on = parse_date(item.get("made_on", ""))
    precision = item.get("date_precision") or DatePrecision.DAY
    actor = actors.get(item.get("claimant_actor", ""))
    author = authors.get(item.get("claimant_author", ""))
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
