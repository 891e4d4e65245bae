"""Site search across published articles, claims cited in them, and actors,
ranked by relevance.

``backend()`` chooses once per call: PostgreSQL full-text search
(``SearchVector``/``SearchQuery`` with the ``websearch`` syntax and
``SearchRank``) on PostgreSQL, a weighted ``icontains`` ranking elsewhere
(SQLite). Both give querysets annotated with ``search_rank``, every term
required (like ``websearch``), best first.
"""

import re
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Subquery, TextField, Value, When
from django.db.models.functions import Coalesce

from actors.models import Actor, ActorAlias

from .models import Article, ArticleAuthor, Citation, Claim, Contribution

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
_TERM_RE = re.compile(r"\w[\w'’-]*", re.UNICODE)
# Control characters and bidirectional overrides: never meant as search text,
# and echoed back they would put NULs in the page or reverse the text around them.
_CONTROLS_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def without_controls(raw) -> str:
    """``raw`` as text, control characters and bidi overrides turned into spaces, trimmed."""
    return _CONTROLS_RE.sub(" ", str(raw or "")).strip()


def clean_query(raw) -> tuple[str, bool]:
    """(query to search for, whether it was shortened)."""
    text = " ".join(without_controls(raw).split())
    if len(text) > MAX_QUERY_LENGTH:
        return text[:MAX_QUERY_LENGTH].rstrip(), True
    return text, False


def terms_of(query: str) -> list[str]:
    """The words of a query, at most ``MAX_TERMS``, without operators."""
    return _TERM_RE.findall(query)[:MAX_TERMS]


def _published_claims():
    return Claim.objects.filter(
        Exists(Citation.objects.public().filter(claim=OuterRef("pk")))
    )


# --------------------------------------------------------------------------
# SQLite (and any other database): weighted icontains
# --------------------------------------------------------------------------


class SimpleSearch:
    """Each term must occur somewhere; the rank adds a weight per field it occurs in."""

    name = "simple"

    @staticmethod
    def _rank(terms, weighted):
        """``weighted``: list of (Q factory for a term, weight)."""
        score = Value(0, output_field=IntegerField())
        required = Q()
        for term in terms:
            any_field = Q()
            for make_q, weight in weighted:
                condition = make_q(term)
                any_field |= condition
                score = score + Case(When(condition, then=Value(weight)), default=Value(0), output_field=IntegerField())
            required &= any_field
        return required, score

    def articles(self, queryset, query):
        terms = terms_of(query)
        if not terms:
            return queryset.none()
        weighted = [
            (lambda t: Q(title__icontains=t), 10),
            (lambda t: Q(standfirst__icontains=t), 5),
            (
                lambda t: Q(
                    Exists(ArticleAuthor.objects.filter(article=OuterRef("pk"), author__name__icontains=t))
                ),
                4,
            ),
            (lambda t: Q(body__icontains=t), 2),
            (lambda t: Q(Exists(Contribution.objects.filter(article=OuterRef("pk"), body__icontains=t))), 2),
        ]
        required, score = self._rank(terms, weighted)
        return queryset.filter(required).annotate(search_rank=score)

    def claims(self, queryset, query):
        terms = terms_of(query)
        if not terms:
            return queryset.none()
        weighted = [
            (lambda t: Q(statement__icontains=t), 10),
            (lambda t: Q(claimant_actor__name__icontains=t) | Q(claimant_author__name__icontains=t), 4),
            (lambda t: Q(rationale__icontains=t), 2),
        ]
        required, score = self._rank(terms, weighted)
        return queryset.filter(required).annotate(search_rank=score)

    def actors(self, queryset, query):
        terms = terms_of(query)
        if not terms:
            return queryset.none()
        weighted = [
            (lambda t: Q(name__icontains=t), 10),
            (lambda t: Q(Exists(ActorAlias.objects.filter(actor=OuterRef("pk"), name__icontains=t))), 8),
            (lambda t: Q(role__icontains=t), 4),
            (lambda t: Q(description__icontains=t), 2),
        ]
        required, score = self._rank(terms, weighted)
        return queryset.filter(required).annotate(search_rank=score)


# --------------------------------------------------------------------------
# PostgreSQL: full-text search
# --------------------------------------------------------------------------


class PostgresSearch:
    name = "postgresql"
    config = "english"

    def _query(self, query):
        from django.contrib.postgres.search import SearchQuery

        return SearchQuery(query, search_type="websearch", config=self.config)

    def _ranked(self, queryset, vector, query):
        from django.contrib.postgres.search import SearchRank

        search_query = self._query(query)
        return (
            queryset.annotate(search_document=vector)
            .filter(search_document=search_query)
            .annotate(search_rank=SearchRank(F("search_document"), search_query))
        )

    def articles(self, queryset, query):
        from django.contrib.postgres.aggregates import StringAgg
        from django.contrib.postgres.search import SearchVector

        def joined(model, column):
            rows = (
                model.objects.filter(article=OuterRef("pk"))
                .order_by()
                .values("article")
                .annotate(text=StringAgg(column, delimiter=" "))
                .values("text")
            )
            return Coalesce(Subquery(rows), Value(""), output_field=TextField())

        vector = (
            SearchVector("title", weight="A", config=self.config)
            + SearchVector("standfirst", weight="B", config=self.config)
            + SearchVector(joined(ArticleAuthor, "author__name"), weight="B", config=self.config)
            + SearchVector("body", weight="C", config=self.config)
            + SearchVector(joined(Contribution, "body"), weight="C", config=self.config)
        )
        return self._ranked(queryset, vector, query)

    def claims(self, queryset, query):
        from django.contrib.postgres.search import SearchVector

        vector = (
            SearchVector("statement", weight="A", config=self.config)
            + SearchVector(
                Coalesce("claimant_actor__name", "claimant_author__name", Value(""), output_field=TextField()),
                weight="B",
                config=self.config,
            )
            + SearchVector("rationale", weight="C", config=self.config)
        )
        return self._ranked(queryset, vector, query)

    def actors(self, queryset, query):
        from django.contrib.postgres.aggregates import StringAgg
        from django.contrib.postgres.search import SearchVector

        aliases = Coalesce(
            Subquery(
                ActorAlias.objects.filter(actor=OuterRef("pk"))
                .order_by()
                .values("actor")
                .annotate(text=StringAgg("name", delimiter=" "))
                .values("text")
            ),
            Value(""),
            output_field=TextField(),
        )
        vector = (
            SearchVector("name", weight="A", config=self.config)
            + SearchVector(aliases, weight="A", config=self.config)
            + SearchVector("role", weight="B", config=self.config)
            + SearchVector("description", weight="C", config=self.config)
        )
        return self._ranked(queryset, vector, query)


def backend():
    """The search implementation for the current database."""
    return PostgresSearch() if connection.vendor == "postgresql" else SimpleSearch()


# --------------------------------------------------------------------------
# What views call
# --------------------------------------------------------------------------


def filter_articles(queryset, query):
    """``queryset`` narrowed to articles matching ``query``, with ``search_rank``."""
    return backend().articles(queryset, query)


@dataclass
class SearchResults:
    query: str
    articles: list = field(default_factory=list)
    claims: list = field(default_factory=list)
    actors: list = field(default_factory=list)
    more_articles: bool = False

    @property
    def total(self):
        return len(self.articles) + len(self.claims) + len(self.actors)


def search(query, *, article_limit=20, claim_limit=10, actor_limit=10):
    """Published articles, claims cited in published articles, and actors
    matching ``query``, each best first. Five queries whatever the data size:
    articles (plus authors and themes for their cards), claims, actors."""
    if not terms_of(query):
        return SearchResults(query=query)
    engine = backend()
    articles = list(
        engine.articles(Article.objects.published(), query)
        .for_list()
        .order_by("-search_rank", "-published_on", "-pk")[: article_limit + 1]
    )
    claims = list(
        engine.claims(_published_claims().for_list(), query).order_by("-search_rank", "slug")[:claim_limit]
    )
    actors = list(engine.actors(Actor.objects.all(), query).order_by("-search_rank", "name")[:actor_limit])
    return SearchResults(
        query=query,
        articles=articles[:article_limit],
        claims=claims,
        actors=actors,
        more_articles=len(articles) > article_limit,
    )
