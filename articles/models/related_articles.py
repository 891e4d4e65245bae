"""The related-articles ranking (``ArticleQuerySet.related_to``), mixed into ArticleQuerySet,
with the helpers only it uses: ``RELATED_FAN_OUT`` and ``_compiled_for_each``.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Subquery

from .parts import ArticleActor
from .themes import ThemedItem

# How many of an actor's or a theme's most recently added pieces ``related_to`` weighs.
RELATED_FAN_OUT = 500


# A key no row has, standing in for each real one in a query compiled once (``_compiled_for_each``).
_PROBE_KEY = -918_273_645


def _compiled_for_each(make, keys):
    """The SQL and parameters of ``make(key)`` for each of ``keys``, compiling the queryset
    once: Django takes about 0.3 ms to compile one, and the related-articles ranking of a
    piece naming 20 actors in 10 themes wanted 50 of them (12 ms of a 49 ms first view).
    The query is compiled with a probe key, which is then swapped for each key; if the
    probe is not exactly one parameter, each is compiled in full."""
    keys = list(keys)
    if not keys:
        return []
    sql, params = make(_PROBE_KEY).query.sql_with_params()
    at = [i for i, param in enumerate(params) if param == _PROBE_KEY]
    if len(at) != 1 or str(_PROBE_KEY) in sql:
        return [make(key).query.sql_with_params() for key in keys]
    i = at[0]
    return [(sql, (*params[:i], key, *params[i + 1 :])) for key in keys]


class RelatedArticlesMixin:
    """``related_to``, for ArticleQuerySet (a ``models.QuerySet``)."""

    def related_to(self, article, limit=5):
        """The ``limit`` other articles of these (chain it on ``published()``) that share
        most with ``article``: claims cited (weight 3), actors mentioned (2), themes (1);
        then the newest (undated last). A list; each has ``shared_claims``,
        ``shared_actors``, ``shared_themes`` and ``relatedness``. Two queries (none when
        ``article`` cites, mentions and is filed under nothing).

        Reads ``article``'s citations, actors and themes from its prefetched relations
        (``for_detail``). Counted from the link rows of those claims, actors and themes
        (their indexes), grouped by article: scoring every article with three correlated
        counts took 1.4 s on PostgreSQL and 0.7 s on SQLite at 100,000 articles, each time
        the kept ranking was renewed after an editorial write."""
        from django.db import connections

        from .articles import Article  # articles.py imports this module: resolve at call time
        from .claims import Citation  # claims.py imports Article: resolve at call time

        claim_ids = {citation.claim_id for citation in article.citations.all()}
        actor_ids = {mention.actor_id for mention in article.article_actors.all()}
        theme_ids = {theme.pk for theme in article.themes.all()}
        links = []  # (SQL of link rows, its parameters, its article column, what it counts)
        if claim_ids:  # a claim cited twice in a piece is shared once
            rows = (Citation.objects.verified().filter(claim_id__in=claim_ids)
                    .order_by().values("article_id", "claim_id").distinct())
            links.append((*rows.query.sql_with_params(), "article_id", "claims"))
        # An actor or theme counts with its RELATED_FAN_OUT most recently added pieces
        # (highest keys) only, each read in order from its index: one named by every piece
        # would otherwise put the whole site into the sum (129 ms at 100,000 pieces on
        # SQLite, on each article's first view after any write). Below that many pieces per
        # actor or theme the ranking is exact; claims are cited by few pieces and count in full.
        shown = (ArticleActor.Origin.DETECTED, ArticleActor.Origin.MANUAL)  # ``mentioned()``, one index range each
        for origin in shown:
            for sql, params in _compiled_for_each(
                lambda key, origin=origin: ArticleActor.objects.filter(actor_id=key, origin=origin)
                .order_by("-article_id").values("article_id")[:RELATED_FAN_OUT],
                sorted(actor_ids),
            ):
                links.append((sql, params, "article_id", "actors"))
        article_type = ContentType.objects.filter(app_label="articles", model="article").values("pk")[:1]
        for sql, params in _compiled_for_each(
            lambda key: ThemedItem.objects.filter(tag_id=key, content_type_id=Subquery(article_type))
            .order_by("-object_id").values("object_id")[:RELATED_FAN_OUT],
            sorted(theme_ids),
        ):
            links.append((sql, params, "object_id", "themes"))
        if not links:
            return []
        kinds = ("claims", "actors", "themes")
        parts, params = [], []
        for number, (sql, part_params, column, kind) in enumerate(links):
            counts = ", ".join(f"{int(kind == each)} AS {each}" for each in kinds)
            parts.append(f"SELECT link{number}.{column} AS article_id, {counts} FROM ({sql}) AS link{number}")  # noqa: S608 - fixed names and compiled querysets
            params += part_params
        candidates, candidate_params = (
            self.exclude(pk=article.pk).order_by().values("id", "published_on").query.sql_with_params()
        )
        sql = f"""
            SELECT shared.article_id, shared.claims, shared.actors, shared.themes
            FROM (SELECT article_id, SUM(claims) AS claims, SUM(actors) AS actors, SUM(themes) AS themes
                  FROM ({" UNION ALL ".join(parts)}) AS links GROUP BY article_id) AS shared
            JOIN ({candidates}) AS candidate ON candidate.id = shared.article_id
            ORDER BY 3 * shared.claims + 2 * shared.actors + shared.themes DESC,
                     candidate.published_on DESC NULLS LAST, candidate.id DESC
            LIMIT %s
        """  # noqa: S608 - fixed names and compiled querysets
        with connections[self.db].cursor() as cursor:
            cursor.execute(sql, [*params, *candidate_params, limit])
            ranked = cursor.fetchall()
        if not ranked:
            return []
        found = {a.pk: a for a in Article.objects.filter(pk__in=[row[0] for row in ranked]).select_related("publication")}
        related = []
        for key, claims, actors, themes in ranked:
            other = found.get(key)
            if other is None:
                continue  # deleted between the two queries
            other.shared_claims, other.shared_actors, other.shared_themes = int(claims), int(actors), int(themes)
            other.relatedness = 3 * other.shared_claims + 2 * other.shared_actors + other.shared_themes
            related.append(other)
        return related
