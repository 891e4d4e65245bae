"""Claims, what they are about, and the citations that quote them in articles."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from actors.models import Actor
from kzportal.links import url_for

from .articles import Article
from .dates import DatePrecision, PartialDateMixin, normalise_partial_date
from .expressions import SubqueryCount
from .parts import ArticleAuthor, Contribution
from .sources import Author
from .themes import ThemedItem, ThemesManager


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
        """``cited_in`` (published articles citing the claim), ``passage_count`` (its public
        citations) and ``<group>_count`` per stance group.

        Correlated subqueries over public citations only (``Citation.objects.public()``), so the counts stay
        right whatever else the queryset joins or filters.
        """
        published = Citation.objects.public().filter(claim=OuterRef("pk"))
        counts = {
            f"{group}_count": SubqueryCount(published.filter(stance__in=stances).values("pk"))
            for group, stances in self.STANCE_GROUPS.items()
        }
        cited_in = SubqueryCount(published.order_by().values("article").distinct())
        passage_count = SubqueryCount(published.values("pk"))
        return self.annotate(cited_in=cited_in, passage_count=passage_count, **counts)

    def for_index(self):
        """The claims list: claimant and published citation counts."""
        return self.for_list().with_stance_counts()

    def for_api(self):
        """A claim as open data (``articles.api``): claimant, stance counts, themes and
        the actors it is about, in a fixed number of queries per page."""
        return self.for_index().prefetch_related("themes", Prefetch("about", queryset=Actor.objects.order_by("name")))

    def for_detail(self):
        """A claim page: every public citation (``claim.published_citations``),
        with the article's publication, bylines and round-up contributions."""
        citations = (
            Citation.objects.public()
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
        SUPPORTED = "supported", _("Supported")
        PARTLY_SUPPORTED = "partly_supported", _("Partly supported")
        DISPUTED = "disputed", _("Disputed")
        UNSUPPORTED = "unsupported", _("Unsupported")
        MISLEADING = "misleading", _("Misleading")
        FALSE = "false", _("False")

    partial_date_field = "made_on"

    statement = models.TextField(help_text=_("The claim in our own neutral words."), verbose_name=_("statement"))
    slug = models.SlugField(max_length=200, unique=True, verbose_name=_("slug"))
    claimant_actor = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims_made",
        help_text=_("Who made the claim, if an actor (a government, a leader...)."),
        verbose_name=_("claimant actor"),
    )
    claimant_author = models.ForeignKey(
        Author,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims_made",
        help_text=_("…or the expert, if the claim is the commentator's own."),
        verbose_name=_("claimant author"),
    )
    made_on = models.DateField(_("date made"), null=True, blank=True)
    made_on_precision = models.CharField(
        _("date precision"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    about = models.ManyToManyField(
        Actor, through="ClaimSubject", related_name="claims_about", blank=True,
        verbose_name=_("about"),
    )
    themes = TaggableManager(through=ThemedItem, manager=ThemesManager, blank=True, related_name="claims")
    source_url = models.URLField(_("source URL"), blank=True, max_length=500)
    verdict = models.CharField(
        max_length=20, choices=Verdict.choices, blank=True, help_text=_("Leave empty if not assessed."),
        verbose_name=_("verdict"),
    )
    rationale = models.TextField(
        blank=True, help_text=_("Why the verdict: what the commentary and sources show."),
        verbose_name=_("rationale"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    objects = ClaimQuerySet.as_manager()
    # ``history`` is registered in articles/translation.py, once the per-language
    # columns exist, so it records every language.

    class Meta:
        ordering = ["made_on", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(claimant_actor__isnull=True) | Q(claimant_author__isnull=True),
                name="claim_has_one_claimant",
            ),
        ]
        verbose_name = _("claim")
        verbose_name_plural = _("claims")

    def __str__(self):
        return self.statement[:80]

    def save(self, *args, **kwargs):
        self.made_on = normalise_partial_date(self.made_on, self.made_on_precision)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return url_for("claims:detail", slug=self.slug)

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
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="subjects", verbose_name=_("claim"))
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="claim_subjects", verbose_name=_("actor"))

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["claim", "actor"], name="unique_claim_subject"),
        ]
        verbose_name = _("claim subject")
        verbose_name_plural = _("claim subjects")

    def __str__(self):
        return f"{self.claim} — about {self.actor}"


class CitationQuerySet(models.QuerySet):
    def verified(self):
        """Citations whose passage is confirmed in the current text (not waiting for review)."""
        return self.filter(needs_review=False)

    def public(self, *, at=None):
        """The one rule for what readers may see of citations: verified, in a published
        article. Every page, count, feed, sitemap and JSON-LD that shows or counts
        citations starts here. ``at``: the moment to judge by (default now)."""
        # Each citation's article looked up by key (EXISTS), not ``article IN (every published
        # article)``: that list was built for each count of each claim on a claims list.
        return self.verified().filter(Exists(Article.objects.published(at=at).filter(pk=OuterRef("article"))))

    def needing_review(self):
        return self.filter(needs_review=True)


class Citation(models.Model):
    """A claim as an article quotes, reports, supports or disputes it.

    The passage is anchored like a W3C ``TextQuoteSelector``: ``quote`` plus the
    text just before and after it (``prefix``/``suffix``), so it is found again
    after edits (``articles.rendering.anchoring``). When its words are no longer
    in the text it ``needs_review`` and readers see it nowhere until an editor
    confirms a passage.
    """

    class Stance(models.TextChoices):
        ASSERTS = "asserts", _("Asserts")
        REPORTS = "reports", _("Reports")
        SUPPORTS = "supports", _("Supports")
        QUALIFIES = "qualifies", _("Qualifies")
        DISPUTES = "disputes", _("Disputes")

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="citations", verbose_name=_("claim"))
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="citations", verbose_name=_("article"))
    quote = models.TextField(
        help_text=_("Copy the passage as readers see it on the article page (Markdown signs such as * "
        "or [link](…) may be left in), within one paragraph: it is checked against the text and "
        "highlighted on the page."),
        verbose_name=_("quote"),
    )
    stance = models.CharField(
        max_length=10,
        choices=Stance.choices,
        help_text=_("The article's position toward the claim."),
        verbose_name=_("stance"),
    )
    note = models.CharField(max_length=300, blank=True, verbose_name=_("note"))
    anchor = models.CharField(max_length=30, blank=True, editable=False, verbose_name=_("anchor"))
    position = models.PositiveIntegerField(
        default=0, editable=False, help_text=_("Paragraph index of the quote, filled automatically."),
        verbose_name=_("position"),
    )
    prefix = models.CharField(
        max_length=200, blank=True, editable=False, help_text=_("The text just before the quote, kept to find it again."),
        verbose_name=_("prefix"),
    )
    suffix = models.CharField(
        max_length=200, blank=True, editable=False, help_text=_("The text just after the quote, kept to find it again."),
        verbose_name=_("suffix"),
    )
    occurrences = models.PositiveSmallIntegerField(
        default=1,
        editable=False,
        help_text=_("How many times the quote's words occurred in the text when it was last anchored: where "
        "they occur more than once, the citation follows only the occurrence its context singles out."),
        verbose_name=_("occurrences"),
    )
    needs_review = models.BooleanField(
        default=False,
        db_index=True,
        editable=False,
        help_text=_("The quote's words are no longer in the article's text: readers do not see this "
        "citation until an editor confirms a passage."),
        verbose_name=_("needs review"),
    )

    objects = CitationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "position", "pk"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")

    def __str__(self):
        return f"{self.article} {self.get_stance_display().lower()} “{self.quote[:60]}”"

    def save(self, *args, **kwargs):
        if self.quote_changed or not self.anchor:
            # A new or edited quote is a passage being confirmed (``clean`` checked it);
            # an unchanged one that needs review is only looked for again.
            self.apply_anchor(self.article.anchoring_document(), confirming=self.quote_changed)
        super().save(*args, **kwargs)
        self._loaded_quote = self.quote

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#{self.anchor}" if self.anchor else self.article.get_absolute_url()

    def clean(self):
        """A new or edited quote must be in the text being saved (the add form too:
        the article need not exist yet). An untouched quote whose words an edit
        removed is not an error here: the edit is saved and the citation needs review."""
        if not self.quote or not self.quote_changed:
            return
        try:
            article = self.article
        except Article.DoesNotExist:
            return  # "This field is required" is reported on the article field
        from ..rendering import anchoring

        match = anchoring.find(
            article.anchoring_document(), self.quote, prefix=self.prefix, suffix=self.suffix, anchor=self.anchor
        )
        if match is None:
            raise ValidationError(
                {
                    "quote": _(
                        "This passage does not occur in the article's text. Copy it as readers "
                        "see it on the page (typographic quotes, dashes and spacing may differ; "
                        "Markdown signs such as * may be left in), within one paragraph."
                    )
                }
            )
        if not match.told_apart:
            # Anchoring it to the first would silently cite whichever comes first.
            document = article.anchoring_document()
            anchors = sorted(
                {document.paragraphs[i].anchor for i, _s, _e in anchoring.occurrences(document, self.quote)},
                key=lambda a: document.index[a],
            )
            raise ValidationError(
                {
                    "quote": _(
                        "This passage occurs %(count)d times in the article's text (paragraphs %(anchors)s), "
                        "so it is not clear which one you cite. Quote a few more of the words before or "
                        "after it, so that it matches one place only."
                    )
                    % {"count": match.occurrences, "anchors": ", ".join(anchors)}
                }
            )

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_quote = instance.__dict__.get("quote")
        return instance

    @property
    def quote_changed(self) -> bool:
        """New, or its quote edited since it was read from the database."""
        return self._state.adding or getattr(self, "_loaded_quote", None) != self.quote

    def apply_anchor(self, document, *, confirming: bool = False) -> bool:
        """Re-anchor against ``document`` (an ``anchoring.Document``); True if a field changed.

        Found: anchor, position and context follow the passage. Not found, or
        the same words found only elsewhere (``anchoring.follow``): the citation
        needs review and loses its anchor, so nothing points at a passage that is
        not there or that nobody confirmed. ``confirming``: the quote was just
        entered (and checked by ``clean``), so its best occurrence is taken.
        """
        from ..rendering import anchoring

        context = {"prefix": self.prefix, "suffix": self.suffix, "anchor": self.anchor}
        if confirming:
            match = anchoring.find(document, self.quote, **context)
        else:
            match = anchoring.follow(document, self.quote, previously=self.occurrences, **context)
        if match is None:
            wanted = {"anchor": "", "needs_review": True}
        else:
            wanted = {
                "anchor": match.anchor,
                "position": match.position,
                "prefix": match.prefix[-200:],
                "suffix": match.suffix[:200],
                "occurrences": min(match.occurrences, 32767),
                "needs_review": False,
            }
        changed = any(getattr(self, name) != value for name, value in wanted.items())
        for name, value in wanted.items():
            setattr(self, name, value)
        return changed


# --------------------------------------------------------------------------
# Reader comments
# --------------------------------------------------------------------------
