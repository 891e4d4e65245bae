"""
Actors: the countries, organisations, people and groups the commentary is about.

This app stands alone: it never imports from ``articles`` (articles depend on
actors, not the reverse).
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kzportal.links import url_for


class ActorQuerySet(models.QuerySet):
    def for_detail(self):
        """An actor page's own fields and aliases (article-dependent parts live in articles)."""
        return self.prefetch_related("aliases")


class Actor(models.Model):
    class Kind(models.TextChoices):
        COUNTRY = "country", _("Country")
        ORGANISATION = "organisation", _("Organisation")
        PERSON = "person", _("Person")
        GROUP = "group", _("Group")
        PLACE = "place", _("Place")

    kind = models.CharField(max_length=20, choices=Kind.choices, db_index=True, verbose_name=_("kind"))
    name = models.CharField(
        max_length=200,
        help_text=_("The name readers know, with correct diacritics, e.g. “Kassym-Jomart Tokayev”."),
        verbose_name=_("name"),
    )
    slug = models.SlugField(
        max_length=200, unique=True, help_text=_("Used in the actor's web address; keep it stable."),
        verbose_name=_("slug"),
    )
    role = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Role or title as the commentary gives it, e.g. “President of Kazakhstan”."),
        verbose_name=_("role"),
    )
    description = models.TextField(
        blank=True, help_text=_("One or two sentences for readers, based on the commentary."),
        verbose_name=_("description"),
    )
    wikidata_id = models.CharField(
        _("Wikidata ID"),
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^Q[1-9][0-9]*$", "A Wikidata ID looks like Q232.")],
        help_text=_("Optional, e.g. Q232 for Kazakhstan. Used to link the actor to Wikidata in search-engine data."),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    # ``history`` is registered in actors/translation.py, once the per-language columns
    # exist, so it records every language.
    objects = ActorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("actor")
        verbose_name_plural = _("actors")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return url_for("actors:detail", slug=self.slug)

    @property
    def wikidata_url(self):
        return f"https://www.wikidata.org/wiki/{self.wikidata_id}" if self.wikidata_id else ""

    def names(self):
        """The name and every alias: what mention detection looks for."""
        return [self.name, *(alias.name for alias in self.aliases.all())]


class ActorAlias(models.Model):
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("actor"))
    name = models.CharField(
        max_length=200,
        help_text=_("Another name the commentary uses, e.g. “Moscow” or “the Kremlin” for Russia. "
        "Mentions of it are counted for this actor."),
        verbose_name=_("name"),
    )

    # ``history`` is registered in actors/translation.py, once the per-language columns
    # exist, so it records every language.

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("aliases")
        constraints = [
            models.UniqueConstraint(fields=["actor", "name"], name="unique_alias_per_actor"),
        ]
        verbose_name = _("actor alias")

    def __str__(self):
        return self.name


class ActorRelation(models.Model):
    class Kind(models.TextChoices):
        MEMBER_OF = "member_of", _("is a member of")
        LEADER_OF = "leader_of", _("leads")
        CHAIR_OF = "chair_of", _("chairs")
        OFFICIAL_OF = "official_of", _("holds office in")
        ALLY_OF = "ally_of", _("is an ally of")
        PARTNER_OF = "partner_of", _("is a partner of")

    subject = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="relations", verbose_name=_("subject"))
    kind = models.CharField(max_length=20, choices=Kind.choices, verbose_name=_("kind"))
    object = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="inverse_relations", verbose_name=_("object"))
    start_date = models.DateField(null=True, blank=True, help_text=_("Leave empty if the sources do not say."), verbose_name=_("start date"))
    end_date = models.DateField(null=True, blank=True, help_text=_("Leave empty while the relation holds."), verbose_name=_("end date"))
    ended = models.BooleanField(
        default=False,
        help_text=_("Tick when the relation no longer holds, even if the sources give no end date."),
        verbose_name=_("ended"),
    )
    note = models.CharField(
        max_length=300, blank=True, help_text=_("Where this is stated, e.g. which commentary says so."),
        verbose_name=_("note"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["subject__name", "kind", "object__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["subject", "kind", "object"], name="unique_actor_relation"
            ),
            models.CheckConstraint(
                condition=~Q(subject=models.F("object")), name="relation_not_to_itself"
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="relation_ends_after_start",
            ),
        ]
        verbose_name = _("actor relation")
        verbose_name_plural = _("actor relations")

    def __str__(self):
        return f"{self.subject} {self.get_kind_display()} {self.object}"

    def save(self, *args, **kwargs):
        if self.end_date is not None:
            self.ended = True
        super().save(*args, **kwargs)

    @property
    def is_current(self):
        return not self.ended

    def clean(self):
        errors = {}
        if self.subject_id and self.subject_id == self.object_id:
            errors["object"] = "An actor cannot be related to itself."
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = "The end date is before the start date."
        if errors:
            raise ValidationError(errors)
