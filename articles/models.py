"""
The editorial data model: publications, authors, articles (with round-up
contributions), themes, claims and their citations, timeline events, and
reader comments.

Public visibility has exactly one definition: ``Article.objects.published()``.
"""

import datetime
import re
from urllib.parse import unquote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager
from taggit.models import GenericTaggedItemBase, TagBase

from actors.models import Actor

from .text import normalise_space, paragraphs_of, render_markdown

_EMAIL_IN_TEXT = re.compile(r"[^@\s/]+@[^@\s/]+\.[^@\s/]+")


class DatePrecision(models.TextChoices):
    DAY = "day", "Exact day"
    MONTH = "month", "Month only"
    YEAR = "year", "Year only"


def format_partial_date(value: datetime.date | None, precision: str) -> str:
    """Human date at its known precision: '20 January 2022', 'January 2022', '2022'."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return format_date(value, "F Y")
    return format_date(value, "j F Y")


def iso_partial_date(value: datetime.date | None, precision: str) -> str:
    """Machine-readable date at its precision, for <time datetime> and JSON-LD."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


class PartialDateMixin:
    """For models with a ``<prefix>`` date and ``<prefix>_precision`` pair."""

    partial_date_field = "date"

    @property
    def date_display(self):
        field = self.partial_date_field
        return format_partial_date(getattr(self, field), getattr(self, f"{field}_precision"))

    @property
    def date_iso(self):
        field = self.partial_date_field
        return iso_partial_date(getattr(self, field), getattr(self, f"{field}_precision"))


def normalise_partial_date(value, precision):
    """Store month/year-precision dates on the first day of their period."""
    if value is None:
        return None
    if precision == DatePrecision.YEAR:
        return value.replace(month=1, day=1)
    if precision == DatePrecision.MONTH:
        return value.replace(day=1)
    return value


# --------------------------------------------------------------------------
# Themes (django-taggit with our own tag model)
# --------------------------------------------------------------------------


class Theme(TagBase):
    description = models.TextField(
        blank=True, help_text="Two or three sentences telling readers what this theme covers."
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "theme"

    def get_absolute_url(self):
        return reverse("themes:detail", kwargs={"slug": self.slug})


class ThemedItemManager(models.Manager):
    def get_by_natural_key(self, app_label, model, object_id, theme_name):
        return self.get(
            content_type__app_label=app_label,
            content_type__model=model,
            object_id=object_id,
            tag__name=theme_name,
        )


class ThemedItem(GenericTaggedItemBase):
    tag = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="tagged_items")

    # taggit's natural key is object_id alone, so a natural-key dump/load kept
    # one theme link per object id (an article's and an event's with the same
    # id, or an article's several themes, collapsed into one). A link is
    # identified by what it joins: the object's type and id, and the theme.
    objects = ThemedItemManager()

    class Meta:
        verbose_name = "themed item"
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def natural_key(self):
        return (*self.content_type.natural_key(), self.object_id, *self.tag.natural_key())

    natural_key.dependencies = ["contenttypes.contenttype", "articles.theme"]


# --------------------------------------------------------------------------
# Publications and authors
# --------------------------------------------------------------------------


class Publication(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    url = models.URLField("site URL", blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("publications:detail", kwargs={"slug": self.slug})


class Author(models.Model):
    name = models.CharField(
        max_length=200, help_text="As the author writes it, with diacritics: “Alica Kizeková”."
    )
    slug = models.SlugField(max_length=200, unique=True)
    affiliation = models.CharField(
        max_length=300,
        blank=True,
        help_text="Affiliation or role line exactly as the publication printed it.",
    )
    bio = models.TextField(blank=True)
    social = models.CharField(
        "social handle or URL",
        max_length=200,
        blank=True,
        help_text="A public handle such as @AlicaKizekova, or a profile URL. Never an email address.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("authors:detail", kwargs={"slug": self.slug})

    @property
    def public_social(self):
        """The social handle or URL as readers may see it: never anything holding an
        email address, even inside a URL (query string, userinfo, %40)."""
        value = (self.social or "").strip()
        return "" if _EMAIL_IN_TEXT.search(unquote(value)) else value

    @property
    def public_social_url(self):
        value = self.public_social
        return value if value.lower().startswith(("http://", "https://")) else ""

    def clean(self):
        if "@" in self.social and "." in self.social.split("@", 1)[1] and not self.social.startswith("http"):
            raise ValidationError({"social": "Give a public handle or URL, not an email address."})


# --------------------------------------------------------------------------
# Timeline events (declared before Article, which links to them)
# --------------------------------------------------------------------------


class SubqueryCount(Subquery):
    """COUNT(*) of a correlated subquery: counts without joins, so they never multiply."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _count)"
    output_field = IntegerField()


class EventQuerySet(models.QuerySet):
    def for_timeline(self):
        """Events with their actors and the published commentary discussing each.

        ``event.published_articles`` holds only ``Article.objects.published()``.
        """
        return self.prefetch_related(
            Prefetch("actors", queryset=Actor.objects.order_by("name")),
            Prefetch(
                "articles",
                queryset=Article.objects.published().select_related("publication").by_date(),
                to_attr="published_articles",
            ),
        ).order_by("date", "title")


class Event(PartialDateMixin, models.Model):
    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    date = models.DateField(help_text="For month or year precision, any day in that period.")
    date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    description = models.TextField(blank=True)
    actors = models.ManyToManyField(Actor, blank=True, related_name="events")
    themes = TaggableManager(through=ThemedItem, blank=True, related_name="events")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["date", "title"]

    def __str__(self):
        return f"{self.date_display}: {self.title}"

    def save(self, *args, **kwargs):
        self.date = normalise_partial_date(self.date, self.date_precision)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("timeline") + f"#event-{self.slug}"


# --------------------------------------------------------------------------
# Articles
# --------------------------------------------------------------------------


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """The single definition of what readers may see.

        Status "published" and a "live from" time that has come. Every public
        view, feed, sitemap, search and count starts here.
        """
        return self.filter(status=Article.Status.PUBLISHED, live_from__lte=timezone.now())

    def visible_to(self, user):
        """Readers see published articles; staff may preview every state."""
        if user is not None and user.is_active and user.is_staff:
            return self.all()
        return self.published()

    def for_list(self):
        """Everything a list item shows: publication, ordered authors, themes,
        and ``approved_comment_count`` (a correlated count, so joins added by
        filters never multiply it)."""
        approved = Comment.objects.approved().filter(article=OuterRef("pk")).values("pk")
        return (
            self.select_related("publication")
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
        citations with their claims (``article.citations.all()``, in text
        order), timeline events, approved comments (``article.approved_comments``)
        and the previous/next published article (``with_neighbours``).
        """
        return (
            self.for_list()
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
                Prefetch(
                    "citations",
                    queryset=Citation.objects.select_related("claim").order_by("position", "pk"),
                ),
                Prefetch("events", queryset=Event.objects.order_by("date", "title")),
                Prefetch(
                    "comments",
                    queryset=Comment.objects.approved().order_by("submitted_at", "pk"),
                    to_attr="approved_comments",
                ),
            )
            .with_neighbours()
        )

    def with_neighbours(self):
        """Annotate the published articles just before and after each one by
        ``published_on`` (ties broken by id): ``previous_slug``/``previous_title``
        (older) and ``next_slug``/``next_title`` (newer). Subqueries in the same
        SELECT, so no extra queries; undated articles have no neighbours."""
        dated = Article.objects.published().filter(published_on__isnull=False)
        older = dated.filter(
            Q(published_on__lt=OuterRef("published_on"))
            | Q(published_on=OuterRef("published_on"), pk__lt=OuterRef("pk"))
        ).order_by("-published_on", "-pk")
        newer = dated.filter(
            Q(published_on__gt=OuterRef("published_on"))
            | Q(published_on=OuterRef("published_on"), pk__gt=OuterRef("pk"))
        ).order_by("published_on", "pk")
        return self.annotate(
            previous_slug=Subquery(older.values("slug")[:1]),
            previous_title=Subquery(older.values("title")[:1]),
            next_slug=Subquery(newer.values("slug")[:1]),
            next_title=Subquery(newer.values("title")[:1]),
        )

    def related_to(self, article, limit=5):
        """Other articles ranked by what they share with ``article``: claims
        cited (weight 3), actors mentioned (2), themes (1). One query.

        Reads ``article``'s citations, actors and themes from its prefetched
        relations (``for_detail``); each row gets ``shared_claims``,
        ``shared_actors``, ``shared_themes`` and ``relatedness``. Chain it on
        ``published()``.
        """
        claim_ids = {citation.claim_id for citation in article.citations.all()}
        actor_ids = {mention.actor_id for mention in article.article_actors.all()}
        theme_ids = {theme.pk for theme in article.themes.all()}
        if not (claim_ids or actor_ids or theme_ids):
            return self.none()
        shared_claims = SubqueryCount(
            Citation.objects.filter(article=OuterRef("pk"), claim_id__in=claim_ids)
            .order_by()
            .values("claim_id")
            .distinct()
        )
        shared_actors = SubqueryCount(
            ArticleActor.objects.mentioned()
            .filter(article=OuterRef("pk"), actor_id__in=actor_ids)
            .values("pk")
        )
        shared_themes = SubqueryCount(
            ThemedItem.objects.filter(
                content_type__app_label="articles",
                content_type__model="article",
                object_id=OuterRef("pk"),
                tag_id__in=theme_ids,
            ).values("pk")
        )
        return (
            self.exclude(pk=article.pk)
            .select_related("publication")
            .annotate(
                shared_claims=shared_claims,
                shared_actors=shared_actors,
                shared_themes=shared_themes,
            )
            .annotate(relatedness=F("shared_claims") * 3 + F("shared_actors") * 2 + F("shared_themes"))
            .filter(relatedness__gt=0)
            .order_by("-relatedness", "-published_on", "-pk")[:limit]
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

    def by_date(self):
        return self.order_by("-published_on", "-live_from", "-pk")


class Article(PartialDateMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"
        ARCHIVED = "archived", "Archived"

    partial_date_field = "published_on"

    title = models.CharField(max_length=300)
    slug = models.SlugField(
        max_length=200, unique=True, help_text="The article's web address; do not change it once published."
    )
    standfirst = models.TextField(
        blank=True, help_text="One or two sentences under the headline that tell readers what the piece argues."
    )
    body = models.TextField(
        blank=True,
        help_text="Markdown. Paragraphs are separated by a blank line; “## ” starts a subheading. "
        "For round-ups, put the editor's introduction here and each expert's answer in a contribution.",
    )
    body_html = models.TextField(editable=False, blank=True)

    publication = models.ForeignKey(
        Publication, on_delete=models.PROTECT, null=True, blank=True, related_name="articles"
    )
    series = models.CharField(max_length=200, blank=True, help_text="E.g. “GP Short Notes”.")
    series_number = models.PositiveIntegerField(null=True, blank=True, help_text="E.g. 608.")
    authors = models.ManyToManyField(
        Author, through="ArticleAuthor", related_name="articles", blank=True
    )
    original_url = models.URLField(
        "original URL", blank=True, max_length=500, help_text="Where the piece was first published."
    )

    published_on = models.DateField(
        "date published",
        null=True,
        blank=True,
        help_text="The date the original was published. Leave empty rather than guess.",
    )
    published_on_precision = models.CharField(
        "date precision", max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    date_note = models.TextField(
        blank=True,
        help_text="If the date is inferred from the text rather than printed, explain the inference. Shown to readers.",
    )
    editorial_note = models.TextField(
        blank=True,
        help_text="Shown to readers, e.g. “The original page has no headline; the title is ours.”",
    )

    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    live_from = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        help_text="A published article appears from this time on. Set a future time to schedule it; "
        "left empty, publishing sets it to now.",
    )

    themes = TaggableManager(through=ThemedItem, blank=True, related_name="articles")
    actors = models.ManyToManyField(
        Actor, through="ArticleActor", related_name="articles", blank=True
    )
    events = models.ManyToManyField(
        Event, blank=True, related_name="articles", help_text="Timeline events this piece discusses."
    )
    language = models.CharField(max_length=10, default="en", help_text="Language code, e.g. en, ru, kk.")
    comments_open = models.BooleanField(
        default=True, help_text="Untick to close this article to new reader comments."
    )
    source_hash = models.CharField(
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="Fingerprint of the imported source text, so re-imports are recognised.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["body_html"])

    class Meta:
        ordering = ["-published_on", "-live_from", "-pk"]
        indexes = [models.Index(fields=["status", "live_from"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        self.published_on = normalise_partial_date(self.published_on, self.published_on_precision)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.status == self.Status.PUBLISHED and not self.title.strip():
            errors["title"] = "A published article needs a title."
        if self.series_number and not self.series:
            errors["series"] = "Give the series name for this number."
        if self.status == self.Status.PUBLISHED and self.live_from is None:
            # Publishing without a time means "now"; a future time schedules it.
            self.live_from = timezone.now()
        if errors:
            raise ValidationError(errors)

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
        against the text the editor is saving, not the previous version.
        """
        sections = [("", render_markdown(self.body))]
        sections += [
            (f"c{c.order}-", render_markdown(c.body, anchor_prefix=f"c{c.order}-"))
            for c in self.contributions.all()
        ]
        return sections

    def paragraphs(self):
        """(anchor, plain text) for every paragraph of the body and contributions."""
        return [p for _, section_html in self.sections() for p in paragraphs_of(section_html)]

    def locate(self, quote: str):
        """(anchor, paragraph index) of the first paragraph containing ``quote``, or None."""
        needle = normalise_space(quote)
        if not needle:
            return None
        for index, (anchor, text) in enumerate(self.paragraphs()):
            if needle in text:
                return anchor, index
        return None


class ArticleAuthor(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="article_authors")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="article_credits")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="unique_article_author"),
        ]

    def __str__(self):
        return f"{self.author} on {self.article}"


class Contribution(models.Model):
    """One expert's section of a round-up article."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="contributions")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="contributions")
    order = models.PositiveSmallIntegerField(default=1)
    heading = models.CharField(max_length=300, blank=True)
    body = models.TextField(help_text="Markdown, as for the article body.")
    body_html = models.TextField(editable=False, blank=True)

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["article", "order"], name="unique_contribution_order"),
        ]

    def __str__(self):
        return f"{self.author} in {self.article}"

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body, anchor_prefix=f"c{self.order}-")
        super().save(*args, **kwargs)

    @property
    def anchor(self):
        return f"contribution-{self.order}"


class ArticleActorQuerySet(models.QuerySet):
    def mentioned(self):
        """Actors shown as mentioned: detected or added by hand, not removed by hand."""
        return self.exclude(origin=ArticleActor.Origin.EXCLUDED)


class ArticleActor(models.Model):
    """An actor mentioned in an article, detected automatically or set by an editor."""

    class Origin(models.TextChoices):
        DETECTED = "detected", "Detected in the text"
        MANUAL = "manual", "Added by an editor"
        EXCLUDED = "excluded", "Removed by an editor"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="article_actors")
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="article_mentions")
    mentions = models.PositiveIntegerField(
        default=0, help_text="How often the name or an alias occurs in the text (filled automatically)."
    )
    origin = models.CharField(
        max_length=10,
        choices=Origin.choices,
        default=Origin.MANUAL,
        help_text="“Removed by an editor” hides a wrongly detected actor; re-detection never brings it back.",
    )

    objects = ArticleActorQuerySet.as_manager()

    class Meta:
        ordering = ["-mentions", "actor__name"]
        constraints = [
            models.UniqueConstraint(fields=["article", "actor"], name="unique_article_actor"),
        ]

    def __str__(self):
        return f"{self.actor} in {self.article}"


class SourceMarker(models.Model):
    """A place where the original article linked a source (shown as [↗] in the text)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="source_markers")
    order = models.PositiveSmallIntegerField(default=1)
    anchor = models.CharField(max_length=30, blank=True, help_text="Paragraph anchor, e.g. p3.")
    context = models.CharField(
        max_length=300, help_text="The words just before the marker, so editors can find it."
    )
    url = models.URLField(blank=True, max_length=500, help_text="The source's address, if known.")

    class Meta:
        ordering = ["article", "order"]

    def __str__(self):
        return f"[↗] after “{self.context}”"


# --------------------------------------------------------------------------
# Claims and citations
# --------------------------------------------------------------------------


class ClaimQuerySet(models.QuerySet):
    # Citation stances grouped so agreement and dispute read at a glance.
    STANCE_GROUPS = {
        "agree": ("asserts", "supports"),
        "report": ("reports",),
        "dispute": ("qualifies", "disputes"),
    }

    def for_list(self):
        return self.select_related("claimant_actor", "claimant_author")

    def with_stance_counts(self):
        """``cited_in`` (published articles citing the claim) and ``<group>_count`` per stance group.

        Correlated subqueries over published articles only, so the counts stay
        right whatever else the queryset joins or filters.
        """
        published = Citation.objects.filter(
            claim=OuterRef("pk"), article__in=Article.objects.published()
        )
        counts = {
            f"{group}_count": SubqueryCount(published.filter(stance__in=stances).values("pk"))
            for group, stances in self.STANCE_GROUPS.items()
        }
        cited_in = SubqueryCount(published.order_by().values("article").distinct())
        return self.annotate(cited_in=cited_in, **counts)

    def for_index(self):
        """The claims list: claimant and published citation counts."""
        return self.for_list().with_stance_counts()

    def for_detail(self):
        """A claim page: every citation in a published article (``claim.published_citations``),
        with the article's publication, bylines and round-up contributions."""
        citations = (
            Citation.objects.filter(article__in=Article.objects.published())
            .select_related("article__publication")
            .prefetch_related(
                Prefetch(
                    "article__article_authors",
                    queryset=ArticleAuthor.objects.select_related("author").order_by("order"),
                ),
                Prefetch(
                    "article__contributions",
                    queryset=Contribution.objects.select_related("author").only(
                        "pk", "article_id", "order", "heading", "author__name", "author__slug"
                    ),
                ),
            )
            .order_by("article__published_on", "article__pk", "position", "pk")
        )
        return self.for_list().prefetch_related(
            "themes",
            Prefetch("about", queryset=Actor.objects.order_by("name")),
            Prefetch("citations", queryset=citations, to_attr="published_citations"),
        )

    def involving_actor(self, actor):
        """Claims the actor made or that are about it; ``is_about`` says which."""
        about = ClaimSubject.objects.filter(actor=actor)
        return self.filter(Q(claimant_actor=actor) | Q(pk__in=about.values("claim"))).annotate(
            is_about=Exists(about.filter(claim=OuterRef("pk")))
        )


class Claim(PartialDateMixin, models.Model):
    class Verdict(models.TextChoices):
        SUPPORTED = "supported", "Supported"
        PARTLY_SUPPORTED = "partly_supported", "Partly supported"
        DISPUTED = "disputed", "Disputed"
        UNSUPPORTED = "unsupported", "Unsupported"
        MISLEADING = "misleading", "Misleading"
        FALSE = "false", "False"

    partial_date_field = "made_on"

    statement = models.TextField(help_text="The claim in our own neutral words.")
    slug = models.SlugField(max_length=200, unique=True)
    claimant_actor = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims_made",
        help_text="Who made the claim, if an actor (a government, a leader...).",
    )
    claimant_author = models.ForeignKey(
        Author,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims_made",
        help_text="…or the expert, if the claim is the commentator's own.",
    )
    made_on = models.DateField("date made", null=True, blank=True)
    made_on_precision = models.CharField(
        "date precision", max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    about = models.ManyToManyField(
        Actor, through="ClaimSubject", related_name="claims_about", blank=True
    )
    themes = TaggableManager(through=ThemedItem, blank=True, related_name="claims")
    source_url = models.URLField("source URL", blank=True, max_length=500)
    verdict = models.CharField(
        max_length=20, choices=Verdict.choices, blank=True, help_text="Leave empty if not assessed."
    )
    rationale = models.TextField(
        blank=True, help_text="Why the verdict: what the commentary and sources show."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClaimQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["made_on", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(claimant_actor__isnull=True) | Q(claimant_author__isnull=True),
                name="claim_has_one_claimant",
            ),
        ]

    def __str__(self):
        return self.statement[:80]

    def save(self, *args, **kwargs):
        self.made_on = normalise_partial_date(self.made_on, self.made_on_precision)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("claims:detail", kwargs={"slug": self.slug})

    @property
    def claimant(self):
        return self.claimant_actor or self.claimant_author

    def clean(self):
        errors = {}
        if self.claimant_actor_id and self.claimant_author_id:
            errors["claimant_author"] = "Choose either an actor or an author as claimant, not both."
        elif not self.claimant_actor_id and not self.claimant_author_id:
            errors["claimant_actor"] = "Who made this claim? Choose an actor or an author."
        if self.verdict and not self.rationale.strip():
            errors["rationale"] = "Explain the verdict for readers."
        if errors:
            raise ValidationError(errors)


class ClaimSubject(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="subjects")
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="claim_subjects")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["claim", "actor"], name="unique_claim_subject"),
        ]

    def __str__(self):
        return f"{self.claim} — about {self.actor}"


class Citation(models.Model):
    """A claim as an article quotes, reports, supports or disputes it."""

    class Stance(models.TextChoices):
        ASSERTS = "asserts", "Asserts"
        REPORTS = "reports", "Reports"
        SUPPORTS = "supports", "Supports"
        QUALIFIES = "qualifies", "Qualifies"
        DISPUTES = "disputes", "Disputes"

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="citations")
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="citations")
    quote = models.TextField(
        help_text="Copy the passage exactly as it appears in the article: it is checked against "
        "the text and highlighted on the page."
    )
    stance = models.CharField(
        max_length=10,
        choices=Stance.choices,
        help_text="The article's position toward the claim.",
    )
    note = models.CharField(max_length=300, blank=True)
    anchor = models.CharField(max_length=30, blank=True, editable=False)
    position = models.PositiveIntegerField(
        default=0, editable=False, help_text="Paragraph index of the quote, filled automatically."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "position", "pk"]

    def __str__(self):
        return f"{self.article} {self.get_stance_display().lower()} “{self.quote[:60]}”"

    def save(self, *args, **kwargs):
        located = self.article.locate(self.quote)
        if located is not None:
            self.anchor, self.position = located
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#{self.anchor}" if self.anchor else self.article.get_absolute_url()

    def clean(self):
        if not self.article_id or not self.quote:
            return
        if self.article.locate(self.quote) is None:
            raise ValidationError(
                {"quote": "This passage does not occur in the article's text. Copy it exactly, "
                 "within one paragraph."}
            )


# --------------------------------------------------------------------------
# Reader comments
# --------------------------------------------------------------------------


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        SPAM = "spam", "Spam"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments")
    name = models.CharField("display name", max_length=80)
    # Never shown publicly: not on pages, feeds, structured data or any API.
    email = models.EmailField(blank=True)
    body = models.TextField()
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    submitted_at = models.DateTimeField(default=timezone.now, db_index=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderated_comments",
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    ip_hash = models.CharField(
        max_length=64, blank=True, help_text="Keyed hash of the client address; the address itself is not kept."
    )
    spam_reasons = models.CharField(
        max_length=300, blank=True, help_text="Why this comment looks like spam, if it does."
    )
    fingerprint = models.CharField(
        max_length=64, blank=True, help_text="Hash of name, email and text, to recognise resubmissions."
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "fingerprint"],
                condition=~Q(fingerprint=""),
                name="unique_comment_submission",
            ),
        ]

    def __str__(self):
        return f"{self.name} on {self.article}"


class BlocklistTerm(models.Model):
    """A word or phrase that flags a reader comment as likely spam."""

    term = models.CharField(max_length=100, unique=True, help_text="Matched case-insensitively anywhere in a comment.")
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return self.term
