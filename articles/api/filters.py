"""The API's filters: the site's own (theme, actor, author, publication, claim, date
range), plus language and ``updated_since`` for harvesting. Each uses the named
queryset methods the pages use (``tagged``, ``mentioning``, ``by_author``...), so
"whose commentary" means the same thing here as on the site.

Unlike the pages, which drop a filter they cannot use and say so, the API answers a
malformed value (a date that is not a date, an unknown verdict) with a 400 and a JSON
body naming the parameter: a program should hear that its request was wrong. An
unknown slug is a valid question with no answers: an empty list.
"""

import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField

from actors.models import Actor
from articles.models import Article, Citation, Claim, ClaimSubject, Event

SLUG_HELP = _("A slug, as in the object's page address.")
MAX_ID = 2**62


class IdFilter(django_filters.NumberFilter):
    """A stable id: a whole number, bounded so no database is asked about an id it cannot hold."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class UtcDateTimeField(IsoDateTimeField):
    """An ISO 8601 time, as UTC. ISO 8601 allows offsets up to a day, PostgreSQL only up
    to 16 hours: ``1830-04-23T22:32:48-22:50`` was a server error there."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return None
        try:
            return value.astimezone(datetime.UTC)
        except OverflowError:  # an offset that moves 0001-01-01 or 9999-12-31 out of range
            raise ValidationError(_("Enter a time between the years 1 and 9999."), code="invalid") from None


class UpdatedSinceFilter(django_filters.IsoDateTimeFilter):
    """``updated_since``, on every list: changed at or after this time."""

    field_class = UtcDateTimeField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("field_name", "updated_at")
        kwargs.setdefault("lookup_expr", "gte")
        kwargs.setdefault("help_text", _("Changed at or after this time (ISO 8601)."))
        super().__init__(*args, **kwargs)


class ArticleFilter(django_filters.FilterSet):
    slug = django_filters.CharFilter(help_text=SLUG_HELP)
    theme = django_filters.CharFilter(method="filter_theme", help_text=_("Filed under this theme (slug)."))
    actor = django_filters.CharFilter(method="filter_actor", help_text=_("Mentioning this actor (slug)."))
    author = django_filters.CharFilter(method="filter_author", help_text=_("Written by this author, on the byline or in a round-up (slug)."))
    publication = django_filters.CharFilter(method="filter_publication", help_text=_("First published there (slug)."))
    claim = IdFilter(method="filter_claim", help_text=_("Citing this claim (id)."))
    date_after = django_filters.DateFilter(method="filter_date_after", help_text=_("Published on or after this date."))
    date_before = django_filters.DateFilter(method="filter_date_before", help_text=_("Published on or before this date."))
    language = django_filters.CharFilter(help_text=_("Language code, e.g. en, ru, kk."))
    updated_since = UpdatedSinceFilter()

    class Meta:
        model = Article
        fields = ["slug", "theme", "actor", "author", "publication", "claim", "date_after", "date_before",
                  "language", "updated_since"]

    def filter_theme(self, queryset, name, value):
        return queryset.tagged(slug=value)

    def filter_actor(self, queryset, name, value):
        return queryset.mentioning(slug=value)

    def filter_author(self, queryset, name, value):
        return queryset.by_author(slug=value)

    def filter_publication(self, queryset, name, value):
        return queryset.from_publication(slug=value)

    def filter_claim(self, queryset, name, value):
        return queryset.citing(value)

    def filter_date_after(self, queryset, name, value):
        return queryset.dated_from(value)  # as on the site

    def filter_date_before(self, queryset, name, value):
        return queryset.dated_until(value)


class ClaimFilter(django_filters.FilterSet):
    slug = django_filters.CharFilter(help_text=SLUG_HELP)
    theme = django_filters.CharFilter(method="filter_theme", help_text=_("Filed under this theme (slug)."))
    actor = django_filters.CharFilter(method="filter_actor", help_text=_("Made by or about this actor (slug)."))
    author = django_filters.CharFilter(field_name="claimant_author__slug", help_text=_("Made by this author (slug)."))
    verdict = django_filters.ChoiceFilter(
        choices=[*Claim.Verdict.choices, ("none", _("Not assessed"))], method="filter_verdict"
    )
    date_after = django_filters.DateFilter(field_name="made_on", lookup_expr="gte", help_text=_("Made on or after."))
    date_before = django_filters.DateFilter(field_name="made_on", lookup_expr="lte", help_text=_("Made on or before."))
    updated_since = UpdatedSinceFilter()

    class Meta:
        model = Claim
        fields = ["slug", "theme", "actor", "author", "verdict", "date_after", "date_before", "updated_since"]

    def filter_theme(self, queryset, name, value):
        return queryset.filter(pk__in=Claim.objects.filter(themes__slug=value).values("pk"))

    def filter_actor(self, queryset, name, value):
        about = ClaimSubject.objects.filter(actor__slug=value).values("claim")
        return queryset.filter(Q(claimant_actor__slug=value) | Q(pk__in=about))

    def filter_verdict(self, queryset, name, value):
        return queryset.filter(verdict="" if value == "none" else value)


class CitationFilter(django_filters.FilterSet):
    claim = IdFilter(field_name="claim_id", help_text=_("Quoting this claim (id)."))
    article = django_filters.CharFilter(field_name="article__slug", help_text=_("In this article (slug)."))
    stance = django_filters.ChoiceFilter(choices=Citation.Stance.choices)
    author = django_filters.CharFilter(method="filter_author", help_text=_("In articles by this author (slug)."))
    actor = django_filters.CharFilter(method="filter_actor", help_text=_("In articles mentioning this actor (slug)."))
    theme = django_filters.CharFilter(method="filter_theme", help_text=_("In articles filed under this theme (slug)."))

    class Meta:
        model = Citation
        fields = ["claim", "article", "stance", "author", "actor", "theme"]

    def _in(self, queryset, articles):
        return queryset.filter(article__in=articles.values("pk"))

    def filter_author(self, queryset, name, value):
        return self._in(queryset, Article.objects.published().by_author(slug=value))

    def filter_actor(self, queryset, name, value):
        return self._in(queryset, Article.objects.published().mentioning(slug=value))

    def filter_theme(self, queryset, name, value):
        return self._in(queryset, Article.objects.published().tagged(slug=value))


class ActorFilter(django_filters.FilterSet):
    slug = django_filters.CharFilter(help_text=SLUG_HELP)
    kind = django_filters.ChoiceFilter(choices=Actor.Kind.choices)
    updated_since = UpdatedSinceFilter()

    class Meta:
        model = Actor
        fields = ["slug", "kind", "updated_since"]


class EventFilter(django_filters.FilterSet):
    slug = django_filters.CharFilter(help_text=SLUG_HELP)
    theme = django_filters.CharFilter(field_name="themes__slug", distinct=True, help_text=_("Filed under this theme (slug)."))
    actor = django_filters.CharFilter(field_name="actors__slug", distinct=True, help_text=_("Involving this actor (slug)."))
    date_after = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_before = django_filters.DateFilter(field_name="date", lookup_expr="lte")
    updated_since = UpdatedSinceFilter()

    class Meta:
        model = Event
        fields = ["slug", "theme", "actor", "date_after", "date_before", "updated_since"]


class SlugFilter(django_filters.FilterSet):
    slug = django_filters.CharFilter(help_text=SLUG_HELP)
