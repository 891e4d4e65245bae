"""The parts of an article: its bylines, round-up contributions, the actors it
mentions and the places its original linked a source. Each names its article by
label, so this module never imports ``articles.py`` (which imports it)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actors.models import Actor

from ..rendering.markdown import markdown_problems, render_markdown
from .sources import Author


class ArticleAuthor(models.Model):
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="article_authors", verbose_name=_("article"))
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="article_credits", verbose_name=_("author"))
    order = models.PositiveSmallIntegerField(default=0, verbose_name=_("order"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="unique_article_author"),
        ]
        verbose_name = _("article author")
        verbose_name_plural = _("article authors")

    def __str__(self):
        return f"{self.author} on {self.article}"


class Contribution(models.Model):
    """One expert's section of a round-up article."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="contributions", verbose_name=_("article"))
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="contributions", verbose_name=_("author"))
    order = models.PositiveSmallIntegerField(default=1, verbose_name=_("order"))
    heading = models.CharField(max_length=300, blank=True, verbose_name=_("heading"))
    body = models.TextField(help_text=_("Markdown, as for the article body."), verbose_name=_("body"))
    body_html = models.TextField(editable=False, blank=True, verbose_name=_("body html"))

    history = HistoricalRecords(excluded_fields=["body_html"])

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["article", "order"], name="unique_contribution_order"),
        ]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")

    def __str__(self):
        return f"{self.author} in {self.article}"

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body, anchor_prefix=f"c{self.order}-")
        super().save(*args, **kwargs)

    def clean(self):
        if problems := markdown_problems(self.body):
            raise ValidationError({"body": problems})

    @property
    def anchor(self):
        return f"contribution-{self.order}"


class ArticleActorQuerySet(models.QuerySet):
    def mentioned(self):
        """Actors shown as mentioned: detected or added by hand, not removed by hand."""
        return self.filter(self.mentioned_through())

    @staticmethod
    def mentioned_through(path=""):
        """``mentioned()``'s condition, on the rows reached through ``path`` (a join from
        another model: ``"article_actors"`` from Article). A positive match, so that Django
        applies it to the same joined row as the other conditions of one ``filter()``."""
        shown = [origin for origin in ArticleActor.Origin.values if origin != ArticleActor.Origin.EXCLUDED]
        return Q(**{f"{path}__origin__in" if path else "origin__in": shown})


class ArticleActor(models.Model):
    """An actor mentioned in an article, detected automatically or set by an editor."""

    class Origin(models.TextChoices):
        DETECTED = "detected", _("Detected in the text")
        MANUAL = "manual", _("Added by an editor")
        EXCLUDED = "excluded", _("Removed by an editor")

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="article_actors", verbose_name=_("article"))
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="article_mentions", verbose_name=_("actor"))
    mentions = models.PositiveIntegerField(
        default=0, help_text=_("How often the name or an alias occurs in the text (filled automatically)."),
        verbose_name=_("mentions"),
    )
    origin = models.CharField(
        max_length=10,
        choices=Origin.choices,
        default=Origin.MANUAL,
        help_text=_("“Removed by an editor” hides a wrongly detected actor; re-detection never brings it back."),
        verbose_name=_("origin"),
    )

    objects = ArticleActorQuerySet.as_manager()
    # Editors' choices (origin) are versioned; the counts the recount writes in bulk are not.
    history = HistoricalRecords(excluded_fields=["mentions"])

    class Meta:
        ordering = ["-mentions", "actor__name"]
        constraints = [
            models.UniqueConstraint(fields=["article", "actor"], name="unique_article_actor"),
        ]
        # An actor page lists its articles most mentions first straight from this index.
        indexes = [
            models.Index(fields=["actor", "mentions"], name="articleactor_actor_mentions"),
            # An actor's articles as shown to readers (``mentioning``: pk IN these, and the
            # actor page's count), from the index alone.
            models.Index(fields=["actor", "origin", "article"], name="articleactor_actor_articles"),
        ]
        verbose_name = _("article actor")
        verbose_name_plural = _("article actors")

    def __str__(self):
        return f"{self.actor} in {self.article}"


class SourceMarker(models.Model):
    """A place where the original article linked a source (shown as [↗] in the text)."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="source_markers", verbose_name=_("article"))
    order = models.PositiveSmallIntegerField(default=1, verbose_name=_("order"))
    anchor = models.CharField(max_length=30, blank=True, help_text=_("Paragraph anchor, e.g. p3."), verbose_name=_("anchor"))
    context = models.CharField(
        max_length=300, help_text=_("The words just before the marker, so editors can find it."),
        verbose_name=_("context"),
    )
    url = models.URLField(
        _("source URL"),
        blank=True,
        max_length=500,
        help_text=_("The source's address, if known. Markers without one are listed under "
        "Source markers → “Unresolved”."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "order"]
        verbose_name = _("source marker")
        verbose_name_plural = _("source markers")

    def __str__(self):
        return f"[↗] after “{self.context}”"


class Correction(models.Model):
    """A dated correction or update of a published article, shown to readers under it.

    The newest one is the article's "last modified" date for search engines and
    the sitemap; ordinary saves (typo fixes, new cross-links) are not.
    """

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        UPDATE = "update", _("Update")

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="corrections", verbose_name=_("article"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.CORRECTION)
    made_at = models.DateTimeField(
        _("date"), default=timezone.now, help_text=_("When the correction or update was made; shown to readers.")
    )
    text = models.TextField(
        _("text"),
        help_text=_("What was wrong and what it now says, or what was added, in one or two sentences for readers."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["made_at", "pk"]
        verbose_name = _("correction or update")
        verbose_name_plural = _("corrections and updates")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.made_at:%Y-%m-%d})"
