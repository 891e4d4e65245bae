"""Claims, what they are about, and the citations that quote them in articles."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from actors.models import Actor

from .articles import Article, ArticleAuthor, Contribution
from .dates import DatePrecision, PartialDateMixin, normalise_partial_date
from .expressions import SubqueryCount
from .sources import Author
from .themes import ThemedItem


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
