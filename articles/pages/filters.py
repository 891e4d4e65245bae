"""The list pages' filters (django-filter): commentary (``ArticleFilter``) and claims (``ClaimFilter``).

Both take their raw input through ``base.clean_params`` (the one input-cleaning rule).


``/articles/?theme=&actor=&author=&publication=&claim=&event=&date_after=&date_before=&q=&ordering=``,
all combinable. Choices come from one query (``facet_choices``) and hold only
what published commentary uses, with counts. A parameter that cannot be used
(unknown slug, malformed date, ...) is left out and explained in
``ArticleFilter.notices``; it never raises, and no notice repeats the input.
"""

import datetime

import django_filters
from django import forms
from django.db.models import F, Q
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from actors.models import Actor
from articles import pagecache, search
from articles.models import Article, Claim, ClaimSubject, Theme

from .base import clean_params
from .facets import FACET_LABELS, FACETS, _labelled_choices, facet_choices
from .widgets import QuickSelect

SHOWN_CHOICES = 60  # per facet list on /articles/
ORDERINGS = {
    "newest": (_("Newest first"), ("-published_on", "-live_from", "-pk")),
    "oldest": (_("Oldest first"), ("published_on", "live_from", "pk")),
    "title": (_("Title A–Z"), ("title", "pk")),
    "relevance": (_("Best match for the words"), None),
}


class ArticleFilterForm(forms.Form):
    """Leaves out what it cannot use and says why in ``notices``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.notices = []

    def clean(self):
        cleaned = super().clean()
        after, before = cleaned.get("date_after"), cleaned.get("date_before")
        if after and before and after > before:
            cleaned["date_after"], cleaned["date_before"] = before, after
            self.notices.append(_("The “from” date was later than the “until” date, so the two were swapped."))
        return cleaned


def _lower(text):
    return lazy(lambda value: str(value).lower(), str)(text)


def _facet_error(label):
    return {"invalid_choice": format_lazy(_("There is no {label} by that name in the published commentary."), label=_lower(label))}


class ArticleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Words"),
        method="filter_q",
        widget=forms.TextInput(attrs={"type": "search", "maxlength": search.MAX_QUERY_LENGTH}),
    )
    theme = django_filters.ChoiceFilter(
        widget=QuickSelect,
        label=FACET_LABELS["theme"], method="filter_theme", empty_label=_("Any theme"),
        error_messages=_facet_error("theme"),
    )
    actor = django_filters.ChoiceFilter(
        widget=QuickSelect,
        label=FACET_LABELS["actor"], method="filter_actor", empty_label=_("Any actor"),
        error_messages=_facet_error("actor"),
    )
    author = django_filters.ChoiceFilter(
        widget=QuickSelect,
        label=FACET_LABELS["author"], method="filter_author", empty_label=_("Any author"),
        error_messages=_facet_error("author"),
    )
    publication = django_filters.ChoiceFilter(
        widget=QuickSelect,
        label=FACET_LABELS["publication"], method="filter_publication", empty_label=_("Any publication"),
        error_messages=_facet_error("publication"),
    )
    claim = django_filters.ChoiceFilter(
        widget=QuickSelect,
        label=FACET_LABELS["claim"], method="filter_claim", empty_label=_("Any claim"),
        error_messages={"invalid_choice": _("There is no claim with that number in the published commentary.")},
    )
    event = django_filters.ChoiceFilter(
        widget=QuickSelect,
        label=FACET_LABELS["event"], method="filter_event", empty_label=_("Any event"),
        error_messages=_facet_error("event"),
    )
    date_after = django_filters.DateFilter(
        label=_("Published from"),
        method="filter_date_after",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "“Published from” needs a date like 2022-01-05."},
    )
    date_before = django_filters.DateFilter(
        label=_("Published until"),
        method="filter_date_before",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "“Published until” needs a date like 2022-01-31."},
    )
    ordering = django_filters.ChoiceFilter(
        widget=QuickSelect,
        label=_("Order"),
        method="filter_ordering",
        choices=[(key, label) for key, (label, _) in ORDERINGS.items()],
        empty_label=None,
        error_messages={"invalid_choice": _("That order is not available, so the newest come first.")},
    )

    class Meta:
        model = Article
        form = ArticleFilterForm
        fields = ["q", "theme", "actor", "author", "publication", "claim", "event", "date_after", "date_before", "ordering"]

    def __init__(self, data=None, *args, **kwargs):
        shortened, dropped = False, []
        if data is not None:
            # Unknown parameters (page, utm_*...) are simply not ours; empty ones are "any".
            data, dropped = clean_params(data, self.base_filters, free_text=("q",))
            if "q" in data:
                # Shortened before the form sees it, so the page never echoes a huge value.
                data["q"], shortened = search.clean_query(data["q"])
        super().__init__(data, *args, **kwargs)
        # Counts over every published article: kept until the next editorial write.
        # Held in the worker too: every author and publication, read whole by each request.
        self.facets = pagecache.remember("facets", facet_choices, per_language=True, held=True)  # labels are translated
        for facet in FACETS:
            # A function, not a list: the form copies its fields (deepcopy) for every request,
            # and a list of every author and publication was copied item by item (5 ms at 10,000).
            self.filters[facet].extra["choices"] = _labelled_choices(self.facets[facet])
        # Only now may the form be built: its fields need the choices above.
        for name in dropped:
            self.form.notices.append(
                gettext("The {label} filter was not understood and was left out.").format(label=str(self.filters[name].label).lower())
            )
        if shortened:
            self.form.notices.append(
                gettext("Your search words were too long, so only the first {count} characters were used.").format(
                    count=search.MAX_QUERY_LENGTH
                )
            )
        self._cap_shown_choices()

    def _cap_shown_choices(self):
        """Every facet value stays valid in the URL, but a list shows at most
        ``SHOWN_CHOICES`` of them (those with the most commentary, plus the one chosen), so
        the page does not grow with the number of authors or publications; each hub page
        links to its own filtered list."""
        for facet in FACETS:
            items = self.facets[facet]
            if len(items) <= SHOWN_CHOICES:
                continue
            chosen = self.data.get(facet) if self.is_bound else None
            keep = {key for key, _, _, _ in sorted(items, key=lambda item: -item[2])[:SHOWN_CHOICES]}
            keep.add(chosen)
            field = self.form.fields[facet]
            field.widget.choices = [choice for choice in field.choices if choice[0] in keep or choice[0] == ""]

    # -- the filters -------------------------------------------------------

    def filter_q(self, queryset, name, value):
        if not value or not search.terms_of(value):
            return queryset
        return search.filter_articles(queryset, value)

    def _pk(self, facet, value):
        """The primary key of a facet's chosen value (the field accepted it, so it is among
        the facet's choices). Given as a constant, not matched by slug in the SQL: at
        100,000 articles PostgreSQL's plan for a theme and an actor matched by slug probed
        every article of the theme for the actor, 65 ms per query, against 15-20 ms."""
        return next(pk for key, _, _, pk in self.facets[facet] if key == value)

    def filter_theme(self, queryset, name, value):
        return queryset.tagged(self._pk("theme", value))

    def filter_actor(self, queryset, name, value):
        return queryset.mentioning(self._pk("actor", value))

    def filter_author(self, queryset, name, value):
        return queryset.by_author(self._pk("author", value))

    def filter_publication(self, queryset, name, value):
        return queryset.from_publication(self._pk("publication", value))

    def filter_claim(self, queryset, name, value):
        return queryset.citing(value)

    def filter_event(self, queryset, name, value):
        return queryset.discussing(self._pk("event", value))

    def filter_date_after(self, queryset, name, value):
        return queryset.dated_from(value)

    def filter_date_before(self, queryset, name, value):
        return queryset.dated_until(value)

    def filter_ordering(self, queryset, name, value):
        return queryset  # applied last, in ``qs``, whatever the parameter order

    # -- results -----------------------------------------------------------

    @property
    def qs(self):
        queryset = super().qs
        ordering = self.current("ordering") or "newest"
        if ordering == "relevance":
            if self.current("q") and search.terms_of(self.current("q")):
                return queryset.order_by("-search_rank", "-published_on", "-pk")
            ordering = "newest"
        return queryset.order_by(*ORDERINGS[ordering][1])

    def current(self, name):
        """The cleaned value of a filter that is in use, or None."""
        if not self.is_bound:
            return None
        self.form.is_valid()
        return self.form.cleaned_data.get(name) or None

    @property
    def notices(self):
        """Plain-text messages for parameters that were left out or adjusted."""
        if not self.is_bound:
            return []
        self.form.is_valid()
        messages = list(self.form.notices)
        for name, errors in self.form.errors.items():
            for error in errors:
                messages.append(error if name == "ordering" else f"{error} That filter was left out.")
        return messages

    @property
    def active(self):
        """[(label, shown value, name)] for the filters in use, for a summary line."""
        if not self.is_bound:
            return []
        self.form.is_valid()
        out = []
        for name in self.Meta.fields:
            if name == "ordering":
                continue
            value = self.form.cleaned_data.get(name)
            if not value:
                continue
            if name in FACETS:
                shown = next((label for key, label, _, _ in self.facets[name] if key == str(value)), value)
            elif isinstance(value, datetime.date):
                shown = value.strftime("%-d %B %Y")
            else:
                shown = value
            out.append((self.filters[name].label, shown, name))
        return out


# --------------------------------------------------------------------------
# Claims
# --------------------------------------------------------------------------

NOT_ASSESSED = "none"

CLAIM_ORDERINGS = {
    "date": (_("Date made (earliest first)"), [F("made_on").asc(nulls_last=True), "slug"]),
    "-date": (_("Date made (latest first)"), [F("made_on").desc(nulls_last=True), "slug"]),
    "cited": (_("Most cited in commentary"), ["-cited_in", F("made_on").asc(nulls_last=True), "slug"]),
    "disputed": (_("Most disputed"), ["-dispute_count", "-cited_in", "slug"]),
}


class ClaimFilter(django_filters.FilterSet):
    theme = django_filters.ModelChoiceFilter(
        widget=QuickSelect,
        label=_("Theme"),
        queryset=Theme.objects.order_by("name"),
        to_field_name="slug",
        method="filter_theme",
        empty_label=_("Any theme"),
        error_messages={"invalid_choice": _("There is no theme “%(value)s”, so that filter was ignored.")},
    )
    actor = django_filters.ModelChoiceFilter(
        widget=QuickSelect,
        label=_("Actor (who made it or whom it is about)"),
        queryset=Actor.objects.order_by("name"),
        to_field_name="slug",
        method="filter_actor",
        empty_label=_("Any actor"),
        error_messages={"invalid_choice": _("There is no actor “%(value)s”, so that filter was ignored.")},
    )
    verdict = django_filters.ChoiceFilter(
        widget=QuickSelect,
        label=_("Verdict"),
        choices=[*Claim.Verdict.choices, (NOT_ASSESSED, _("Not assessed"))],
        method="filter_verdict",
        empty_label=_("Any verdict"),
        error_messages={"invalid_choice": _("There is no verdict “%(value)s”, so that filter was ignored.")},
    )
    order = django_filters.ChoiceFilter(
        widget=QuickSelect,
        label=_("Order"),
        choices=[(key, label) for key, (label, _) in CLAIM_ORDERINGS.items()],
        method="order_by",
        empty_label=None,
        error_messages={"invalid_choice": _("“%(value)s” is not a way to order claims; showing them by date.")},
    )

    class Meta:
        model = Claim
        fields = ["theme", "actor", "verdict", "order"]

    def __init__(self, data=None, *args, **kwargs):
        self.dropped = []
        if data is not None:
            data, dropped = clean_params(data, self.base_filters)
            self.dropped = [f"The {name} filter was not understood and was ignored." for name in dropped]
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
        _, ordering = CLAIM_ORDERINGS.get(value or "date", CLAIM_ORDERINGS["date"])
        return queryset.order_by(*ordering)
