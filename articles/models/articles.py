"""Articles, their bylines, round-up contributions, actor mentions and source markers.

Public visibility has exactly one definition: ``Article.objects.published()``.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from actors.models import Actor
from kzportal.links import url_for

from ..rendering import anchoring
from ..rendering.markdown import markdown_problems, paragraphs_of, render_markdown, render_sections
from .article_queries import ArticleQuerySet
from .dates import DatePrecision, PartialDateMixin, normalise_partial_date
from .events import Event
from .sources import Author, Publication
from .themes import ThemedItem, ThemesManager


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
