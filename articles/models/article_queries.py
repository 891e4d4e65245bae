"""ArticleQuerySet: ``published()`` (the one definition of public), the "whose commentary"
filters, the counts per author/actor/theme/..., and the named query plans (list, detail, API,
neighbours, periods). The related-articles ranking is mixed in from ``related_articles``.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery
from django.db.models.expressions import ResolvedOuterRef
from django.utils import timezone

from .comments import Comment
from .dates import DatePrecision, period_start
from .events import Event
from .expressions import SubqueryCount
from .parts import ArticleActor, ArticleAuthor, Contribution, Correction, SourceMarker
from .related_articles import RelatedArticlesMixin
from .themes import ThemedItem


def _outer(target):
    """A rule's target one subquery deeper: an ``OuterRef`` given for the article
    query must reach one level further out from inside its ``Exists``."""
    if isinstance(target, OuterRef | ResolvedOuterRef):
        return OuterRef(target)
    return target


def _links(kind):
    """What links an article to a row of ``kind``: the one definition of "whose commentary"
    that the filters (``by_author``...), the counts (``count_per``, ``counts_per``) and
    ``any_per`` all read. A list of (link rows, the row's field, the article's column).

    An author's pieces are their bylines plus the round-up contributions to pieces without
    their byline, so the two never overlap and their counts add up. An actor's are the
    mentions detected or added by hand, not removed by hand; a claim's, the verified
    citations (one that needs review is not shown to readers)."""
    from .articles import Article  # articles.py imports this module: resolve at call time
    from .claims import Citation  # claims.py imports Article: resolve at call time

    if kind == "author":
        contributions = Contribution.objects.exclude(
            Exists(ArticleAuthor.objects.filter(author=OuterRef("author"), article=OuterRef("article")))
        )
        return [(ArticleAuthor.objects.all(), "author", "article"), (contributions, "author", "article")]
    if kind == "actor":
        return [(ArticleActor.objects.mentioned(), "actor", "article")]
    if kind == "theme":
        # The content type as a value looked up once (not a join): joined, PostgreSQL
        # guessed a theme had a few hundred articles and checked each one in turn.
        article_type = ContentType.objects.filter(app_label="articles", model="article").values("pk")[:1]
        return [(ThemedItem.objects.filter(content_type=Subquery(article_type)), "tag", "object_id")]
    if kind == "event":
        return [(Article.events.through.objects.all(), "event", "article")]
    if kind == "claim":
        return [(Citation.objects.verified(), "claim", "article")]
    raise ValueError(f"no link rule for {kind!r}")


class ArticleQuerySet(RelatedArticlesMixin, models.QuerySet):
    def published(self, *, at=None):
        """The single definition of what readers may see.

        Status "published" and a "live from" time that has come. Every public
        view, feed, sitemap, search and count starts here. ``at``: the moment to
        judge by (default now).
        """
        from .articles import Article  # articles.py imports this module: resolve at call time

        return self.filter(status=Article.Status.PUBLISHED, live_from__lte=at or timezone.now())

    # -- whose commentary: one definition each, used by pages, filters, facets,
    # feeds, sitemaps and counts. Each takes an object, a primary key or an
    # ``OuterRef`` to the actor/author/theme/publication/claim, or ``slug=``.

    @staticmethod
    def _linked(links, target, column="article"):
        """The condition "has a row in ``links``" (one link table's rows, already matched to
        ``target``, the actor/author/theme/... asked about).

        For a given target, ``pk IN (its links)``: the database reads the target's links once
        from their index, then checks each article against that set (or walks the links and
        looks each article up by key), instead of probing the link table, and the tables it
        joins, once for every article. For an ``OuterRef`` (a rule used per row of another
        query) the set depends on the row: a correlated ``EXISTS``."""
        if isinstance(target, OuterRef | ResolvedOuterRef):
            return Q(Exists(links.filter(**{column: OuterRef("pk")})))
        return Q(pk__in=links.values(column))

    def _whose(self, kind, target, slug):
        condition = Q()
        for links, row, column in _links(kind):
            match = {f"{row}__slug": slug} if slug is not None else {row: _outer(target)}
            condition |= self._linked(links.filter(**match), target, column)
        return self.filter(condition)

    def by_author(self, author=None, *, slug=None):
        """Articles an author wrote: on the byline or in a round-up contribution."""
        return self._whose("author", author, slug)

    def mentioning(self, actor=None, *, slug=None):
        """Articles that mention an actor (detected or added by hand, not removed by hand)."""
        return self._whose("actor", actor, slug)

    def tagged(self, theme=None, *, slug=None):
        """Articles an editor filed under a theme."""
        return self._whose("theme", theme, slug)

    def from_publication(self, publication=None, *, slug=None):
        """Articles first published by a publication."""
        return self.filter(**({"publication__slug": slug} if slug is not None else {"publication": publication}))

    def discussing(self, event=None, *, slug=None):
        """Articles an editor linked to a timeline event."""
        return self._whose("event", event, slug)

    def citing(self, claim):
        """Articles that quote a claim (any stance), by verified citations only: one that
        needs review is not shown to readers, so it counts for nothing."""
        return self._whose("claim", claim, None)

    def count_per(self, kind):
        """``SubqueryCount`` of these articles per row of the model being annotated:
        ``Author.objects.annotate(article_count=Article.objects.published().count_per("author"))``.

        The one way every page, facet and hub counts "published articles of X".
        ``kind`` is "author", "actor", "theme", "publication", "claim" or "event".

        Counted from the row's own links (indexed by the row), each linked article looked up
        by key in these articles: the work grows with the row's links, not with the site
        (asked as "these articles that link to the row", every article was visited per row).
        """
        if kind == "publication":
            return SubqueryCount(self.from_publication(OuterRef("pk")).values("pk"))
        total = None
        for links, row, column in _links(kind):
            # Distinct articles: a claim cited twice in a piece, or two contributions, count once.
            inside = Exists(self.order_by().filter(pk=OuterRef(column)))
            count = SubqueryCount(
                links.filter(**{row: OuterRef("pk")}).filter(inside).order_by().values(column).distinct()
            )
            total = count if total is None else total + count
        return total

    def any_per(self, kind):
        """The condition "the row has at least one of these articles", for
        ``Actor.objects.filter(Article.objects.published().any_per("actor"))`` (the sitemaps):
        ``count_per``'s rule as ``EXISTS``, which stops at the first article.

        Each ``EXISTS`` starts from the row's own links (indexed by the row) and asks of each
        linked article, by primary key, whether it is one of these. Asked the other way round
        (these articles that link to the row) the database walks every article per row."""
        if kind == "publication":
            return Q(Exists(self.order_by().filter(publication=OuterRef("pk"))))
        condition = Q()
        for links, row, column in _links(kind):
            inside = Exists(self.order_by().filter(pk=OuterRef(column)))
            condition |= Q(Exists(links.filter(**{row: OuterRef("pk")}).filter(inside)))
        return condition

    def counts_per(self, kind) -> dict:
        """{pk of X: number of these articles} for every X that has any: the whole-site twin
        of ``count_per`` (the same rules), as GROUP BY queries over the link tables instead of
        a correlated count per row, for hubs and facets that count every article at once.
        One query (two for authors: bylines and round-up contributions)."""
        from django.db.models import Count

        if kind == "publication":
            rows = self.order_by().filter(publication__isnull=False).values_list("publication").annotate(n=Count("pk"))
            return dict(rows)
        # Counted by the database: reading every (author, piece) pair into Python took
        # 18 MiB and 0.57 s at 100,000 articles, on the first list request after each write.
        ids = self.order_by().values("pk")
        counts = {}
        for links, row, column in _links(kind):
            rows = links.filter(**{f"{column}__in": ids}).values_list(row).order_by()
            for key, n in rows.annotate(n=Count(column, distinct=True)):
                counts[key] = counts.get(key, 0) + n
        return counts

    def visible_to(self, user):
        """What ``user`` may see on the public site: readers the published articles;
        users who may preview (``Article.may_preview``: the preview permission, held by
        Editors) every article, as a preview. Plain staff status, and the permission to
        change articles, grant nothing here: a Moderator or a Writer sees what readers see."""
        from .articles import Article  # articles.py imports this module: resolve at call time

        if Article.may_preview(user):
            return self.all()
        return self.published()

    def for_list(self):
        """Everything a list item shows: publication, ordered authors, themes,
        and ``approved_comment_count`` (a correlated count, so joins added by
        filters never multiply it); not the text, which a card never shows (a
        thousand-word body and its HTML per row)."""
        approved = Comment.objects.approved().filter(article=OuterRef("pk")).values("pk")
        return (
            self.select_related("publication")
            .defer("body", "body_html")
            .annotate(approved_comment_count=SubqueryCount(approved))
            .prefetch_related(
                Prefetch(
                    "article_authors",
                    queryset=ArticleAuthor.objects.select_related("author").order_by("order"),
                ),
                "themes",
            )
        )

    def for_detail(self):
        """An article page: everything ``for_list`` loads, plus round-up
        contributions, actors mentioned (most mentions first), source markers,
        corrections and updates (oldest first),
        verified citations with their claims (``article.citations.all()``, in
        text order; none that needs review), timeline events, approved comments (``article.approved_comments``)
        the published translations (``article.published_translations``)
        and the previous/next published article (``with_neighbours``).
        """
        from .articles import Article  # articles.py imports this module: resolve at call time
        from .claims import Citation  # claims.py imports Article: resolve at call time

        return (
            self.for_list()
            .defer(None)  # the page shows the text
            .prefetch_related(
                Prefetch(
                    "contributions",
                    queryset=Contribution.objects.select_related("author").order_by("order"),
                ),
                Prefetch(
                    "article_actors",
                    queryset=ArticleActor.objects.mentioned().select_related("actor"),
                ),
                Prefetch("source_markers", queryset=SourceMarker.objects.order_by("order", "pk")),
                Prefetch("corrections", queryset=Correction.objects.order_by("made_at", "pk")),
                Prefetch(
                    "citations",
                    queryset=Citation.objects.verified().select_related("claim").order_by("position", "pk"),
                ),
                Prefetch("events", queryset=Event.objects.order_by("date", "title")),
                Prefetch(
                    "comments",
                    queryset=Comment.objects.approved().order_by("submitted_at", "pk"),
                    to_attr="approved_comments",
                ),
                # "Also in: Русский · Қазақша": the published translations only.
                Prefetch(
                    "translations",
                    queryset=Article.objects.published().only("pk", "slug", "language", "title").order_by("language"),
                    to_attr="published_translations",
                ),
            )
            .with_neighbours()
        )

    def for_api(self):
        """An article as open data (``articles.api``): everything ``for_list`` loads,
        plus round-up contributions, actors mentioned, verified citations (none that
        needs review) and timeline events. A fixed number of queries per page."""
        from .claims import Citation  # claims.py imports Article: resolve at call time

        return (
            self.for_list()
            .prefetch_related(
                Prefetch(
                    "contributions",
                    queryset=Contribution.objects.select_related("author").defer("body", "body_html").order_by("order"),
                ),
                Prefetch(
                    "article_actors",
                    queryset=ArticleActor.objects.mentioned().select_related("actor"),
                ),
                Prefetch(
                    "citations",
                    queryset=Citation.objects.verified().order_by("position", "pk"),
                ),
                Prefetch("events", queryset=Event.objects.order_by("date", "title")),
            )
        )

    def with_neighbours(self):
        """Annotate the published articles just before and after each one by
        ``published_on`` (ties broken by id): ``previous_slug``/``previous_title``
        (older) and ``next_slug``/``next_title`` (newer). Subqueries in the same
        SELECT, so no extra queries; undated articles have no neighbours."""
        from .articles import Article  # articles.py imports this module: resolve at call time

        dated = Article.objects.published().filter(published_on__isnull=False)
        # A range on published_on with the same-day rows left out (not an OR), so the date
        # index is walked from the article outwards and stops at the first.
        older = (
            dated.filter(published_on__lte=OuterRef("published_on"))
            .exclude(published_on=OuterRef("published_on"), pk__gte=OuterRef("pk"))
            .order_by("-published_on", "-pk")
        )
        newer = (
            dated.filter(published_on__gte=OuterRef("published_on"))
            .exclude(published_on=OuterRef("published_on"), pk__lte=OuterRef("pk"))
            .order_by("published_on", "pk")
        )
        return self.annotate(
            previous_slug=Subquery(older.values("slug")[:1]),
            previous_title=Subquery(older.values("title")[:1]),
            next_slug=Subquery(newer.values("slug")[:1]),
            next_title=Subquery(newer.values("title")[:1]),
        )

    def in_period(self, year, month=None, day=None):
        """Articles dated within a year, month or day, at their precision: a
        month-precision article belongs to its month and year but to no day;
        a year-precision one only to its year."""
        qs = self.filter(published_on__year=year)
        if month is not None:
            qs = qs.filter(published_on__month=month).exclude(published_on_precision=DatePrecision.YEAR)
        if day is not None:
            qs = qs.filter(published_on__day=day, published_on_precision=DatePrecision.DAY)
        return qs

    def dated_from(self, day):
        """Articles whose date reaches ``day`` or later: a month- or year-precision date
        covers its whole period, so it is kept if its period reaches ``day``."""
        return self.filter(
            Q(published_on_precision=DatePrecision.DAY, published_on__gte=day)
            | Q(published_on_precision=DatePrecision.MONTH, published_on__gte=period_start(day, DatePrecision.MONTH))
            | Q(published_on_precision=DatePrecision.YEAR, published_on__gte=period_start(day, DatePrecision.YEAR))
        )

    def dated_until(self, day):
        """Articles dated ``day`` or earlier (month and year dates are stored on the first
        day of their period, so one whose period starts by ``day`` is kept)."""
        return self.filter(published_on__lte=day)

    def with_last_correction(self):
        """``last_corrected_at``: when the newest correction or update was made (None if none)."""
        newest = Correction.objects.filter(article=OuterRef("pk")).order_by("-made_at", "-pk").values("made_at")[:1]
        return self.annotate(last_corrected_at=Subquery(newest))

    def by_date(self):
        return self.order_by("-published_on", "-live_from", "-pk")
