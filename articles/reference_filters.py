"""The claims list filters (django-filter): theme, actor, verdict and order.

Bad parameters never raise: an unknown slug, a verdict that does not exist, a
value with a control character or bidi override, or one far too long is
dropped, the other filters still apply, and ``notices`` says in plain words
what was ignored. Filters use
``pk__in`` subqueries, never joins, so annotated counts stay right.
"""

import django_filters
from django.db.models import F, Q

from actors.models import Actor

from . import search
from .models import Claim, ClaimSubject, Theme

MAX_VALUE_LENGTH = 200
NOT_ASSESSED = "none"

ORDERINGS = {
    "date": ("Date made (earliest first)", [F("made_on").asc(nulls_last=True), "slug"]),
    "-date": ("Date made (latest first)", [F("made_on").desc(nulls_last=True), "slug"]),
    "cited": ("Most cited in commentary", ["-cited_in", F("made_on").asc(nulls_last=True), "slug"]),
    "disputed": ("Most disputed", ["-dispute_count", "-cited_in", "slug"]),
}


class ClaimFilter(django_filters.FilterSet):
    theme = django_filters.ModelChoiceFilter(
        label="Theme",
        queryset=Theme.objects.order_by("name"),
        to_field_name="slug",
        method="filter_theme",
        empty_label="Any theme",
        error_messages={"invalid_choice": "There is no theme “%(value)s”, so that filter was ignored."},
    )
    actor = django_filters.ModelChoiceFilter(
        label="Actor (who made it or whom it is about)",
        queryset=Actor.objects.order_by("name"),
        to_field_name="slug",
        method="filter_actor",
        empty_label="Any actor",
        error_messages={"invalid_choice": "There is no actor “%(value)s”, so that filter was ignored."},
    )
    verdict = django_filters.ChoiceFilter(
        label="Verdict",
        choices=[*Claim.Verdict.choices, (NOT_ASSESSED, "Not assessed")],
        method="filter_verdict",
        empty_label="Any verdict",
        error_messages={"invalid_choice": "There is no verdict “%(value)s”, so that filter was ignored."},
    )
    order = django_filters.ChoiceFilter(
        label="Order",
        choices=[(key, label) for key, (label, _) in ORDERINGS.items()],
        method="order_by",
        empty_label=None,
        error_messages={"invalid_choice": "“%(value)s” is not a way to order claims; showing them by date."},
    )

    class Meta:
        model = Claim
        fields = ["theme", "actor", "verdict", "order"]

    def __init__(self, data=None, *args, **kwargs):
        self.dropped = []
        if data is not None:
            data = data.copy()
            for name in self.base_filters:
                value = data.get(name)
                if value is None:
                    continue
                cleaned = search.without_controls(value)
                if cleaned != value.strip() or len(value) > MAX_VALUE_LENGTH:
                    data.pop(name)
                    self.dropped.append(f"The {name} filter was not understood and was ignored.")
                elif cleaned:
                    data[name] = cleaned
                else:
                    data.pop(name)
        super().__init__(data, *args, **kwargs)

    @property
    def notices(self):
        """Plain-language messages about ignored parameters (escaped when rendered)."""
        if not self.is_bound:
            return []
        messages = list(self.dropped)
        for errors in self.errors.values():
            messages.extend(str(error) for error in errors)
        return messages

    @property
    def active(self):
        """The filters that applied, as (label, value label) pairs, for the results heading."""
        if not self.is_bound or not hasattr(self.form, "cleaned_data"):
            return []
        active = []
        for name in ("theme", "actor", "verdict"):
            value = self.form.cleaned_data.get(name)
            if value:
                if name == "verdict":
                    value = dict(self.filters["verdict"].extra["choices"]).get(value, value)
                active.append((self.filters[name].label, str(value)))
        return active

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not (self.is_bound and self.form.cleaned_data.get("order")):
            queryset = self.order_by(queryset, "order", "date")
        return queryset

    def filter_theme(self, queryset, name, value):
        return queryset.filter(pk__in=Claim.objects.filter(themes=value).values("pk"))

    def filter_actor(self, queryset, name, value):
        about = ClaimSubject.objects.filter(actor=value).values("claim")
        return queryset.filter(Q(claimant_actor=value) | Q(pk__in=about))

    def filter_verdict(self, queryset, name, value):
        return queryset.filter(verdict="" if value == NOT_ASSESSED else value)

    def order_by(self, queryset, name, value):
        _, ordering = ORDERINGS.get(value or "date", ORDERINGS["date"])
        return queryset.order_by(*ordering)
