"""Site search: articles (with round-up contributions), claims cited in published
commentary, actors, themes, events and authors, grouped by kind, best first.

One pipeline on both databases:

1. ``query.parse`` turns the reader's words into groups of alternatives
   (spelling variants, hyphenation, every name of an actor named in the query);
2. groups that match nothing indexed get the closest words of the site's own
   vocabulary (typos, partial words) as alternatives, and the page says
   "Showing results for …";
3. one SQL statement ranks every visible entry (FTS5 BM25 on SQLite,
   ``ts_rank_cd`` on PostgreSQL; title > standfirst/people > body) by how many
   groups it matches, then by rank: entries matching every word first; when
   those are few (< ``FEW``), entries matching most of the words follow;
4. one query per kind loads what the page shows; snippets are highlighted here.

Visibility: articles from ``Article.objects.published()`` (or the narrower
queryset the article list's filters give), claims only when cited in such
articles. Query count per search is fixed (see ``tests/articles/search``).
"""

import datetime
import difflib
import functools

from django.conf import settings
from django.db import connection
from django.db.models import BooleanField, Case, Exists, FloatField, OuterRef, QuerySet, Value, When
from django.utils import timezone

from actors.models import Actor, ActorAlias

from .. import pagecache
from ..models import Article, Author, Citation, Claim, Event, SearchEntry, Theme
from . import actor_tokens
from .index import CODES
from .query import (
    FEW,
    MAX_QUERY_LENGTH,
    MAX_TERMS,
    STOPWORDS,
    ParsedQuery,
    clean_query,
    parse,
    terms_of,
    tokens,
    without_controls,
)
from .results import Found, KindResults, SearchResults
from .snippets import _Matcher, highlight

__all__ = [
    "MAX_QUERY_LENGTH",
    "MAX_TERMS",
    "SearchResults",
    "backend",
    "clean_query",
    "filter_articles",
    "search",
    "terms_of",
    "understand",
    "without_controls",
]

KINDS = ("article", "claim", "actor", "theme", "event", "author")
LIMITS = {"article": 10, "claim": 8, "actor": 5, "theme": 5, "event": 5, "author": 5}
LIST_LIMIT = 1000  # the article list ranks at most this many matches


def backend():
    """The search implementation for the current database."""
    if connection.vendor == "postgresql":
        from .postgres import PostgresSearch

        return PostgresSearch()
    from .sqlite import SQLiteSearch

    return SQLiteSearch()


# --------------------------------------------------------------------------
# Query understanding that needs the database
# --------------------------------------------------------------------------


@functools.lru_cache(maxsize=10_000)
def _name_tokens(name):
    return tuple(tokens(name))


def actor_names():
    """{folded token tuple of a name or alias: (actor id, [token tuples of all its names])}.
    A person's surname counts as one of their names ("Nazarbayev" for "Nursultan
    Nazarbayev"), as the commentary writes it. One query.

    The surname is taken from the actor's name (in each language), never from an
    alias: aliases of people are often titles ("Kazakh president", "Leader of the
    Nation"), whose last word would make "Tokayev" find every piece that says
    "president". Spellings of a surname are aliases of their own ("Tokaev")."""
    # Every language's name and aliases (actors/translation.py): "Токаев" and "Тоқаев"
    # are names of the same actor as "Tokayev", so a Cyrillic query finds English
    # commentary too. Plain querysets: the translated managers rewrite values().
    languages = [code for code, _name in settings.LANGUAGES]
    own, alias = Value(True, output_field=BooleanField()), Value(False, output_field=BooleanField())
    parts = [
        QuerySet(Actor).order_by().annotate(own=own).values_list("pk", f"name_{code}", "kind", "own")
        for code in languages
    ]
    parts += [
        QuerySet(ActorAlias).order_by().annotate(own=alias).values_list("actor_id", f"name_{code}", "actor__kind", "own")
        for code in languages
    ]
    rows = parts[0].union(*parts[1:], all=True)
    by_actor = {}
    for actor_id, name, kind, is_own_name in rows:
        if not name:
            continue
        key = _name_tokens(name)
        if not key:
            continue
        keys = by_actor.setdefault(actor_id, [])
        keys.append(key)
        if is_own_name and kind == Actor.Kind.PERSON and len(key) > 1 and len(key[-1]) >= 4:
            keys.append(key[-1:])
    names = {}
    for actor_id, keys in by_actor.items():
        keys[:] = list(dict.fromkeys(keys))
        for key in keys:
            names.setdefault(key, (actor_id, keys))
    return names


_INFLECTIONS = frozenset({"s", "es", "d", "ed", "ing", "er", "ers", "ly"})


def _correct(engine, parsed: ParsedQuery):
    """Give groups that match nothing the closest vocabulary words: one query to find
    them, one per such group to look words up."""
    # Only single words can be corrected: an actor's names (each of which is in the
    # index, as the actor's own entry) and phrases are not looked up at all.
    correctable = {}
    for index, group in enumerate(parsed.groups):
        word = group.alternatives[0][0] if len(group.alternatives[0]) == 1 else ""
        if not group.actor_id and len(word) >= 3 and word.isalpha():
            correctable[index] = word
    if not correctable:
        return
    sql, params = engine.known_sql([(index, parsed.groups[index]) for index in correctable])
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        known = {row[0] for row in cursor.fetchall()}
        for index, word in correctable.items():
            group = parsed.groups[index]
            if index in known:
                continue
            sql, params = engine.similar_sql(word)
            cursor.execute(sql, params)
            candidates = [row[0] for row in cursor.fetchall()]
            scored = sorted(
                ((difflib.SequenceMatcher(None, word, c).ratio(), c) for c in candidates if c != word),
                reverse=True,
            )
            if any(c.startswith(word) and c[len(word):] in _INFLECTIONS for c in candidates):
                continue  # an inflection the stemmer already matches ("troop" for "troops")
            close = [c for ratio, c in scored if ratio >= 0.75][:3]
            partial = [c for c in candidates if len(word) >= 4 and c.startswith(word)][:3]
            if close or partial:
                group.corrected_from = group.label
                group.add(*((c,) for c in dict.fromkeys(close + partial)))


def understand(query: str) -> ParsedQuery:
    """The parsed query, with typo and partial-word corrections."""
    # Every search reads every actor's names in three languages (and, on PostgreSQL, which
    # actors' entries carry their lexeme): kept until the next editorial write (an alias
    # saved in the admin is one), not rebuilt per request.
    names, marked = pagecache.remember("search-actor-names", _names_and_marks)
    parsed = parse(query, names)
    if parsed.groups:
        actor_tokens.apply(parsed, marked)
        _correct(backend(), parsed)
    return parsed


def _names_and_marks():
    return actor_names(), actor_tokens.marked()


# --------------------------------------------------------------------------
# Ranking
# --------------------------------------------------------------------------


def _published_claims(articles=None, *, at=None):
    """Claims readers may find: cited by a public citation (``Citation.objects.public()``,
    verified and published), within ``articles`` when the search is narrowed. (Not
    narrowed, ``public()`` alone: repeating its published articles as ``articles`` made
    SQLite list all of them twice per search.)"""
    citations = Citation.objects.public(at=at).filter(claim=OuterRef("pk"))
    if articles is not None:
        citations = citations.filter(article__in=articles)
    return Claim.objects.filter(Exists(citations))


def _subquery(queryset):
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    return sql, list(params)


def _ranked(engine, parsed, *, articles, kinds, limits, extra_columns=False, narrowed=True):
    """[(kind, key, matched, score, kind_count[, title, standfirst, body])] best first per kind:
    entries with every word; if those are fewer than ``FEW``, entries with most words follow.
    ``narrowed``: ``articles`` is narrower than ``Article.objects.published()``."""
    visibility = _visibility(engine, articles, kinds, narrowed)
    rows = _ranked_once(engine, parsed, visibility, limits, extra_columns, every=True)
    if len(parsed.groups) > 1 and sum({row[0]: row[4] for row in rows}.values()) < FEW:
        rows = _ranked_once(engine, parsed, visibility, limits, extra_columns, every=False)
    return rows


def _visibility(engine, articles, kinds, narrowed):
    """(visible, visible_params, commentary) for ``ranked_sql``, compiled once per search
    (both of the fallback's statements use it).

    A search not narrowed by the list's filters sees what every such search sees, so its
    SQL is compiled once per process (compiling the published articles and the claims
    they cite was 2-4 ms of every search), for a fixed moment whose parameter is then
    replaced by now's."""
    if narrowed:
        return _compile_visibility(engine, articles, kinds, narrowed=True)
    visible, params, commentary = _site_visibility(connection.vendor, tuple(kinds))
    moment = connection.ops.adapt_datetimefield_value(_MOMENT)
    now = connection.ops.adapt_datetimefield_value(timezone.now())

    def at_now(params):
        return [now if param == moment else param for param in params]

    return visible, at_now(params), commentary and (commentary[0], at_now(commentary[1]))


# Before any article could be live: no other parameter of the visibility SQL equals it.
_MOMENT = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)


@functools.cache
def _site_visibility(vendor, kinds):
    return _compile_visibility(backend(), Article.objects.published(at=_MOMENT), kinds, narrowed=False, at=_MOMENT)


def _compile_visibility(engine, articles, kinds, *, narrowed, at=None):
    visible, visible_params, commentary = [], [], None
    if "article" in kinds:
        sql, sub = _subquery(articles)
        visible.append(f"({engine.KIND} = {CODES['article']} AND {engine.KEY} IN ({sql}))")
        visible_params += sub
        commentary = (sql, sub)
    if "claim" in kinds:
        sql, sub = _subquery(_published_claims(articles if narrowed else None, at=at))
        visible.append(f"({engine.KIND} = {CODES['claim']} AND {engine.KEY} IN ({sql}))")
        visible_params += sub
    others = [k for k in kinds if k not in ("article", "claim")]
    if others:
        visible.append(f"{engine.KIND} IN (" + ", ".join(str(CODES[k]) for k in others) + ")")
    return " OR ".join(visible), visible_params, commentary


def _ranked_once(engine, parsed, visibility, limits, extra_columns, *, every):
    visible, visible_params, commentary = visibility
    sql, params = engine.ranked_sql(
        parsed.groups, every=every, visible=visible, visible_params=visible_params,
        commentary=commentary, limits=limits, extra_columns=extra_columns,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def filter_articles(queryset, query):
    """``queryset`` narrowed to articles matching ``query`` (the best ``LIST_LIMIT``),
    annotated with ``search_rank`` (higher is better)."""
    parsed = understand(query)
    if not parsed.groups:
        return queryset.none()
    rows = _ranked(backend(), parsed, articles=queryset, kinds=("article",), limits={"article": LIST_LIMIT})
    if not rows:
        return queryset.none()
    # matched groups first, then the database's rank (both folded into one number).
    ranks = {key: matched * 1000.0 + min(float(score), 999.0) for _, key, matched, score, _ in rows}
    return queryset.filter(pk__in=list(ranks)).annotate(
        search_rank=Case(
            *(When(pk=key, then=Value(rank)) for key, rank in ranks.items()),
            default=Value(0.0),
            output_field=FloatField(),
        )
    )


# --------------------------------------------------------------------------
# What the search page calls
# --------------------------------------------------------------------------


def _load(kind, keys, articles):
    if kind == "article":
        objects = articles.filter(pk__in=keys).for_list()
    elif kind == "claim":
        objects = Claim.objects.filter(pk__in=keys).for_list()
    else:
        model = {"actor": Actor, "theme": Theme, "event": Event, "author": Author}[kind]
        objects = model.objects.filter(pk__in=keys)
    return {obj.pk: obj for obj in objects}


# The translated field a result shows as its title (articles/translation.py).
SHOWN_TITLE = {"claim": "statement", "actor": "name", "theme": "name", "event": "title"}


def _english():
    from django.utils.translation import get_language

    return (get_language() or settings.LANGUAGE_CODE).split("-")[0] == settings.LANGUAGE_CODE


def search(query, *, articles=None, limits=None):
    """Results for ``query`` grouped by kind (articles, claims, actors, themes, events,
    authors). ``articles``: a narrower published queryset (the list filters); then only
    articles and the claims they cite are searched."""
    narrowed = articles is not None
    articles = Article.objects.published() if articles is None else articles
    parsed = understand(query)
    results = SearchResults(query=query, parsed=parsed, narrowed=narrowed)
    if not parsed.groups:
        return results
    kinds = ("article", "claim") if narrowed else KINDS
    limits = {k: v for k, v in (limits or LIMITS).items() if k in kinds}
    rows = _ranked(backend(), parsed, articles=articles, kinds=kinds, limits=limits, extra_columns=True,
                   narrowed=narrowed)
    by_kind = {}
    for kind, key, matched, _score, count, title, standfirst, body in rows:
        by_kind.setdefault(kind, []).append((key, matched, count, title, standfirst, body))
    words = parsed.words
    seen = _Matcher([w for w in words if w not in STOPWORDS])
    labels = dict(SearchEntry.Kind.choices)
    for kind in KINDS:
        if kind not in by_kind:
            continue
        found = _load(kind, [row[0] for row in by_kind[kind]], articles)
        group = KindResults(kind=kind, label=labels[kind], count=by_kind[kind][0][2])
        for key, matched, _, title, standfirst, body in by_kind[kind]:
            if key not in found:
                continue  # deleted between the two queries
            if kind == "article":
                # The card shows the standfirst already: a snippet only where the body matches.
                snippet = highlight(body, words, only_if_matched=True, seen=seen)
            else:
                text = f"{standfirst}. {body}" if kind == "actor" and standfirst else body
                snippet = highlight(text, words, seen=seen)
            if kind in SHOWN_TITLE and not _english():
                # The index holds the English title; show the reader's language (English fallback).
                title = getattr(found[key], SHOWN_TITLE[kind])
            group.items.append(
                Found(kind, found[key], matched, len(parsed.groups), snippet,
                      highlight(title, words, snippet=False, seen=seen))
            )
        results.groups.append(group)
    return results
