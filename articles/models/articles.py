"""Articles, their bylines, round-up contributions, actor mentions and source markers.

Public visibility has exactly one definition: ``Article.objects.published()``.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery
from django.db.models.expressions import ResolvedOuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from actors.models import Actor
from kzportal.links import url_for

from ..rendering import anchoring
from ..rendering.markdown import markdown_problems, paragraphs_of, render_markdown, render_sections
from .comments import Comment
from .dates import DatePrecision, PartialDateMixin, normalise_partial_date
from .events import Event
from .expressions import SubqueryCount
from .parts import ArticleActor, ArticleAuthor, Contribution, Correction, SourceMarker
from .sources import Author, Publication
from .themes import ThemedItem, ThemesManager


def _outer(target):
    """A rule's target one subquery deeper: an ``OuterRef`` given for the article
    query must reach one level further out from inside its ``Exists``."""
    if isinstance(target, OuterRef | ResolvedOuterRef):
        return OuterRef(target)
    return target


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


class ArticleQuerySet(models.QuerySet):
    def published(self, *, at=None):
        """The single definition of what readers may see.

        Status "published" and a "live from" time that has come. Every public
        view, feed, sitemap, search and count starts here. ``at``: the moment to
        judge by (default now).
        """
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

    def by_author(self, author=None, *, slug=None):
        """Articles an author wrote: on the byline or in a round-up contribution."""
        match = {"author__slug": slug} if slug is not None else {"author": _outer(author)}
        return self.filter(
            self._linked(ArticleAuthor.objects.filter(**match), author)
            | self._linked(Contribution.objects.filter(**match), author)
        )

    def mentioning(self, actor=None, *, slug=None):
        """Articles that mention an actor (detected or added by hand, not removed by hand)."""
        match = {"actor__slug": slug} if slug is not None else {"actor": _outer(actor)}
        return self.filter(self._linked(ArticleActor.objects.mentioned().filter(**match), actor))

    def tagged(self, theme=None, *, slug=None):
        """Articles an editor filed under a theme."""
        match = {"tag__slug": slug} if slug is not None else {"tag": _outer(theme)}
        # The content type as a value looked up once (not a join): joined, PostgreSQL
        # guessed a theme had a few hundred articles and checked each one in turn.
        article_type = ContentType.objects.filter(app_label="articles", model="article").values("pk")[:1]
        return self.filter(
            self._linked(
                ThemedItem.objects.filter(content_type=Subquery(article_type), **match),
                theme,
                "object_id",
            )
        )

    def from_publication(self, publication=None, *, slug=None):
        """Articles first published by a publication."""
        return self.filter(**({"publication__slug": slug} if slug is not None else {"publication": publication}))

    def discussing(self, event=None, *, slug=None):
        """Articles an editor linked to a timeline event."""
        match = {"event__slug": slug} if slug is not None else {"event": _outer(event)}
        return self.filter(self._linked(Article.events.through.objects.filter(**match), event))

    def citing(self, claim):
        """Articles that quote a claim (any stance), by verified citations only: one that
        needs review is not shown to readers, so it counts for nothing."""
        from .claims import Citation  # claims.py imports Article: resolve at call time

        return self.filter(self._linked(Citation.objects.verified().filter(claim=_outer(claim)), claim))

    def count_per(self, kind):
        """``SubqueryCount`` of these articles per row of the model being annotated:
        ``Author.objects.annotate(article_count=Article.objects.published().count_per("author"))``.

        The one way every page, facet and hub counts "published articles of X".
        ``kind`` is "author", "actor", "theme", "publication", "claim" or "event".

        Counted from the row's own links (indexed by the row), each linked article looked up
        by key in these articles: the work grows with the row's links, not with the site
        (asked as "these articles that link to the row", every article was visited per row).
        """
        from .claims import Citation  # claims.py imports Article: resolve at call time

        row = OuterRef("pk")

        def linked(links, column="article"):
            # Distinct articles: a claim cited twice in a piece, or two contributions, count once.
            inside = Exists(self.order_by().filter(pk=OuterRef(column)))
            return SubqueryCount(links.filter(inside).order_by().values(column).distinct())

        if kind == "publication":
            return SubqueryCount(self.from_publication(row).values("pk"))
        if kind == "author":
            # Bylines, plus round-up contributions to pieces the author has no byline on.
            bylines = ArticleAuthor.objects.filter(author=row)
            contributions = Contribution.objects.filter(author=row).exclude(
                Exists(ArticleAuthor.objects.filter(author=OuterRef("author"), article=OuterRef("article")))
            )
            return linked(bylines) + linked(contributions)
        links = {
            "actor": lambda: (ArticleActor.objects.mentioned().filter(actor=row), "article"),
            "theme": lambda: (
                ThemedItem.objects.filter(content_type__app_label="articles", content_type__model="article", tag=row),
                "object_id",
            ),
            "claim": lambda: (Citation.objects.verified().filter(claim=row), "article"),
            "event": lambda: (Article.events.through.objects.filter(event=row), "article"),
        }
        if kind not in links:
            raise ValueError(f"no count rule for {kind!r}")
        return linked(*links[kind]())

    def counts_per(self, kind) -> dict:
        """{pk of X: number of these articles} for every X that has any: the whole-site twin
        of ``count_per`` (the same rules), as GROUP BY queries over the link tables instead of
        a correlated count per row, for hubs and facets that count every article at once.
        One query (two for authors: bylines and round-up contributions)."""
        from django.db.models import Count

        from .claims import Citation  # claims.py imports Article: resolve at call time

        ids = self.order_by().values("pk")
        if kind == "publication":
            rows = self.order_by().filter(publication__isnull=False).values_list("publication").annotate(n=Count("pk"))
            return dict(rows)
        if kind == "actor":
            rows = ArticleActor.objects.mentioned().filter(article__in=ids).values_list("actor")
            return dict(rows.order_by().annotate(n=Count("article")))
        if kind == "theme":
            rows = ThemedItem.objects.filter(
                content_type__app_label="articles", content_type__model="article", object_id__in=ids
            ).values_list("tag")
            return dict(rows.order_by().annotate(n=Count("object_id", distinct=True)))
        if kind == "event":
            rows = Article.events.through.objects.filter(article__in=ids).values_list("event")
            return dict(rows.order_by().annotate(n=Count("article", distinct=True)))
        if kind == "claim":
            rows = Citation.objects.verified().filter(article__in=ids).values_list("claim")
            return dict(rows.order_by().annotate(n=Count("article", distinct=True)))
        if kind == "author":
            # ``count_per``'s rule: bylines, plus round-up contributions to pieces the author
            # has no byline on, each piece once. Counted by the database: reading every
            # (author, piece) pair into Python took 18 MiB and 0.57 s at 100,000 articles,
            # on the first list request after each write, in every worker.
            bylines = ArticleAuthor.objects.filter(article__in=ids).values_list("author")
            counts = dict(bylines.order_by().annotate(n=Count("article", distinct=True)))
            others = Contribution.objects.filter(article__in=ids).exclude(
                Exists(ArticleAuthor.objects.filter(author=OuterRef("author"), article=OuterRef("article")))
            )
            for author, n in others.values_list("author").order_by().annotate(n=Count("article", distinct=True)):
                counts[author] = counts.get(author, 0) + n
            return counts
        raise ValueError(f"no count rule for {kind!r}")

    def visible_to(self, user):
        """What ``user`` may see on the public site: readers the published articles;
        users who may preview (``Article.may_preview``: the preview permission, held by
        Editors) every article, as a preview. Plain staff status, and the permission to
        change articles, grant nothing here: a Moderator or a Writer sees what readers see."""
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

    def with_last_correction(self):
        """``last_corrected_at``: when the newest correction or update was made (None if none)."""
        newest = Correction.objects.filter(article=OuterRef("pk")).order_by("-made_at", "-pk").values("made_at")[:1]
        return self.annotate(last_corrected_at=Subquery(newest))

    def by_date(self):
        return self.order_by("-published_on", "-live_from", "-pk")


class Article(PartialDateMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    class Origin(models.TextChoices):
        ELSEWHERE = "elsewhere", _("First published elsewhere (name the publication)")
        UNNAMED = "unnamed", _("First published elsewhere; the source names no publication")
        ORIGINAL = "original", _("Original to this site")

    PUBLISH_PERMISSION = "articles.publish_article"
    CHANGE_PERMISSION = "articles.change_article"
    # Seeing a piece on the public pages before readers do (the page, its print view and
    # social card). Its own permission, not "change": writing a piece is not deciding how
    # it looks to readers, and a role may preview without publishing.
    PREVIEW_PERMISSION = "articles.preview_article"
    # The states a user who may change articles but not publish them (a Writer) works in.
    WRITERS_STATES = (Status.DRAFT, Status.REVIEW)

    partial_date_field = "published_on"

    title = models.CharField(max_length=300, verbose_name=_("title"))
    slug = models.SlugField(
        max_length=200, unique=True, help_text=_("The article's web address; do not change it once published."),
        verbose_name=_("slug"),
    )
    standfirst = models.TextField(
        blank=True, help_text=_("One or two sentences under the headline that tell readers what the piece argues."),
        verbose_name=_("standfirst"),
    )
    body = models.TextField(
        blank=True,
        help_text=_("Markdown. Paragraphs are separated by a blank line; “## ” starts a subheading. "
        "For round-ups, put the editor's introduction here and each expert's answer in a contribution."),
        verbose_name=_("body"),
    )
    body_html = models.TextField(editable=False, blank=True, verbose_name=_("body html"))

    publication = models.ForeignKey(
        Publication, on_delete=models.PROTECT, null=True, blank=True, related_name="articles",
        verbose_name=_("publication"),
    )
    series = models.CharField(max_length=200, blank=True, help_text=_("E.g. “GP Short Notes”."), verbose_name=_("series"))
    series_number = models.PositiveIntegerField(null=True, blank=True, help_text=_("E.g. 608."), verbose_name=_("series number"))
    authors = models.ManyToManyField(
        Author, through="ArticleAuthor", related_name="articles", blank=True,
        verbose_name=_("authors"),
    )
    original_url = models.URLField(
        _("original URL"), blank=True, max_length=500, help_text=_("Where the piece was first published.")
    )
    origin = models.CharField(
        _("origin"),
        max_length=10,
        choices=Origin.choices,
        default=Origin.ELSEWHERE,
        help_text=_(
            "Where the piece comes from. A piece first published elsewhere needs its publication "
            "(or, if the source page names none, this choice says so) and a rights note before it "
            "can be published here."
        ),
    )
    rights = models.TextField(
        _("rights"),
        blank=True,
        help_text=_(
            "For a piece first published elsewhere: the licence it was published under, or the "
            "permission to republish it (who gave it, when, how). If neither is known, say so: "
            "publishing needs this note to be filled in, and true."
        ),
    )

    published_on = models.DateField(
        _("date published"),
        null=True,
        blank=True,
        help_text=_("The date the original was published. Leave empty rather than guess."),
    )
    published_on_precision = models.CharField(
        _("date precision"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    date_note = models.TextField(
        blank=True,
        help_text=_("If the date is inferred from the text rather than printed, explain the inference. Shown to readers."),
        verbose_name=_("date note"),
    )
    editorial_note = models.TextField(
        blank=True,
        help_text=_("Shown to readers, e.g. “The original page has no headline; the title is ours.”"),
        verbose_name=_("editorial note"),
    )

    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True,
        verbose_name=_("status"),
    )
    live_from = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        help_text=_("A published article appears from this time on. Set a future time to schedule it; "
        "left empty, publishing sets it to now."),
        verbose_name=_("live from"),
    )

    themes = TaggableManager(through=ThemedItem, manager=ThemesManager, blank=True, related_name="articles")
    actors = models.ManyToManyField(
        Actor, through="ArticleActor", related_name="articles", blank=True,
        verbose_name=_("actors"),
    )
    events = models.ManyToManyField(
        Event, blank=True, related_name="articles", help_text=_("Timeline events this piece discusses."),
        verbose_name=_("events"),
    )
    language = models.CharField(
        max_length=10,
        default="en",
        choices=[("en", "English"), ("ru", "Русский"), ("kk", "Қазақша")],
        help_text=_("The language this text is written in. An article is one text in one language."),
        verbose_name=_("language"),
    )
    translations = models.ManyToManyField(
        "self",
        blank=True,
        symmetrical=True,
        help_text=_("The same text in other languages; readers see “Also in: …” linking to the published ones."),
        verbose_name=_("translations"),
    )
    comments_open = models.BooleanField(
        default=True, help_text=_("Untick to close this article to new reader comments."),
        verbose_name=_("comments open"),
    )
    source_hash = models.CharField(
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("Fingerprint of the imported source text, so re-imports are recognised."),
        verbose_name=_("source hash"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    objects = ArticleQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["body_html"])

    class Meta:
        ordering = ["-published_on", "-live_from", "-pk"]
        indexes = [
            models.Index(fields=["status", "live_from"]),
            # Lists newest first, and previous/next neighbours (walked from the article
            # outwards), use this instead of sorting every article.
            # (status first: SQLite then filters published rows and walks the date order in one
            # index, stopping at the page, instead of sorting every published article.)
            models.Index(fields=["status", "published_on", "live_from", "id"], name="article_date_order"),
            # Lists and counts per publication, newest first: like article_date_order, within one
            # publication (status before the date, so a page and a count of its published pieces
            # come from the index alone, without reading any article's row).
            models.Index(fields=["publication", "status", "published_on", "live_from", "id"], name="article_pub_date_order"),
            # "Is this article published, and of when?" by key, answered from the index alone:
            # filters by theme/actor/author (``pk IN (links)``), counts per row (``count_per``),
            # public citations and a hub's page of keys look up every linked article this way.
            # On SQLite the table row is no help: status, live_from and published_on come after
            # the body, so reading them walks the body's overflow pages.
            models.Index(fields=["id", "status", "live_from", "published_on"], name="article_published_by_key"),
        ]
        permissions = [
            ("publish_article", "Can publish, schedule, archive and withdraw articles"),
            ("preview_article", "Can preview unpublished articles on the public site"),
        ]
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Status moves only through articles.publishing.change_status, which checks
        # the move, the user's permission and (for publishing) readiness, then sets
        # ``_workflow_move``. A row loaded from the database whose status was set by
        # anything else is refused here, whatever the path.
        stored = getattr(self, "_stored_status", None)
        if stored is not None and self.status != stored and not getattr(self, "_workflow_move", False):
            raise ValidationError(
                {"status": _("The status changes only through the publishing workflow (articles.publishing).")}
            )
        self.body_html = render_markdown(self.body)
        self.published_on = normalise_partial_date(self.published_on, self.published_on_precision)
        super().save(*args, **kwargs)
        self._stored_status = self.status
        self._workflow_move = False

    def get_absolute_url(self):
        return url_for("articles:detail", slug=self.slug)

    def clean(self):
        errors = {}
        if self.status == self.Status.PUBLISHED and not self.title.strip():
            errors["title"] = "A published article needs a title."
        if self.series_number and not self.series:
            errors["series"] = "Give the series name for this number."
        if problems := markdown_problems(self.body):
            errors["body"] = problems
        if errors:
            raise ValidationError(errors)

    @classmethod
    def from_db(cls, db, field_names, values):
        article = super().from_db(db, field_names, values)
        article._stored_status = article.__dict__.get("status")
        return article

    def refresh_from_db(self, *args, **kwargs):
        super().refresh_from_db(*args, **kwargs)
        fields = kwargs.get("fields") or (args[1] if len(args) > 1 else None)
        if fields is None or "status" in fields:
            self._stored_status = self.status

    def may_change(self, user) -> bool:
        """Whether ``user`` may edit this article in the admin in its current state:
        publishers always; users who may change articles but not publish them
        (Writers) only drafts and pieces in review. Previewing is ``may_preview``."""
        if user is None or not user.is_active or not user.is_staff:
            return False
        if user.has_perm(self.PUBLISH_PERMISSION):
            return True
        return user.has_perm(self.CHANGE_PERMISSION) and (self.pk is None or self.status in self.WRITERS_STATES)

    @classmethod
    def may_preview(cls, user) -> bool:
        """THE rule for seeing unpublished pieces on the public site: an active staff
        user with the preview permission (Editors; superusers). ``visible_to`` and every
        public view that widens ``published()`` go through it."""
        return bool(user is not None and user.is_active and user.is_staff and user.has_perm(cls.PREVIEW_PERMISSION))

    def last_modified(self):
        """When readers last saw the piece change: its newest correction or update, else
        when it was published here (``live_from``). Ordinary saves do not count. Reads
        ``last_corrected_at`` (``with_last_correction``) or the prefetched corrections."""
        if hasattr(self, "last_corrected_at"):
            corrected = self.last_corrected_at
        else:
            corrected = max((c.made_at for c in self.corrections.all()), default=None)
        return corrected or self.live_from

    @property
    def is_published(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.live_from is not None
            and self.live_from <= timezone.now()
        )

    def sections(self):
        """(anchor prefix, rendered HTML) for the body and each contribution, in order.

        Rendered from the current Markdown rather than the stored HTML, so a
        citation validated in the same admin save as a body edit is checked
        against the text the editor is saving, not the previous version. The
        admin sets ``pending_contributions`` to the (order, body) pairs being
        saved with it; otherwise the saved contributions are read.
        """
        pending = getattr(self, "pending_contributions", None)
        if pending is None:
            pending = [(c.order, c.body) for c in self.contributions.all()] if self.pk else []
        return render_sections(self.body, sorted(pending))

    def anchoring_document(self) -> anchoring.Document:
        """The text citations are matched against (``sections``), worked out once per
        instance and text: validating and saving many citations renders it once."""
        pending = getattr(self, "pending_contributions", None)
        key = (self.body, None if pending is None else tuple(sorted(pending)))
        cached = getattr(self, "_anchoring_document", None)
        if cached is None or cached[0] != key:
            cached = (key, anchoring.Document(self.sections()))
            self._anchoring_document = cached
        return cached[1]

    def forget_text(self):
        """Drop the memoised text (after contributions were saved or deleted)."""
        self._anchoring_document = None

    def paragraphs(self):
        """(anchor, plain text) for every paragraph of the body and contributions."""
        return [p for _, section_html in self.sections() for p in paragraphs_of(section_html)]

    def locate(self, quote: str):
        """(anchor, paragraph index) of ``quote`` in the text, or None (``anchoring.find``)."""
        match = anchoring.find(self.anchoring_document(), quote)
        return None if match is None else (match.anchor, match.position)
