"""The commentary list's filters (django-filter).

``/articles/?theme=&actor=&author=&publication=&claim=&date_after=&date_before=&q=&ordering=``,
all combinable. Choices come from one query (``facet_choices``) and hold only
what published commentary uses, with counts. A parameter that cannot be used
(unknown slug, malformed date, ...) is left out and explained in
``ArticleFilter.notices``; it never raises, and no notice repeats the input.
"""

import datetime

import django_filters
from django import forms
from django.db.models import CharField, Exists, F, OuterRef, Q, TextField, Value
from django.db.models.functions import Cast, Substr

from actors.models import Actor

from . import search
from .models import (
    Article,
    ArticleActor,
    ArticleAuthor,
    Author,
    Citation,
    Claim,
    Contribution,
    DatePrecision,
    Publication,
    SubqueryCount,
    Theme,
    ThemedItem,
)

FACETS = ("theme", "actor", "author", "publication", "claim")
FACET_LABELS = {
    "theme": "Theme",
    "actor": "Actor mentioned",
    "author": "Author",
    "publication": "Publication",
    "claim": "Claim cited",
}
ORDERINGS = {
    "newest": ("Newest first", ("-published_on", "-live_from", "-pk")),
    "oldest": ("Oldest first", ("published_on", "live_from", "pk")),
    "title": ("Title A–Z", ("title", "pk")),
    "relevance": ("Best match for the words", None),
}


def _published_ids():
    return Article.objects.published().values("pk")


def facet_choices():
    """{facet: [(value, label, count)]} for every theme, actor, author,
    publication and claim that published commentary uses. One query (a UNION)."""
    published = _published_ids()

    def rows(queryset, kind, key, label, count):
        return (
            queryset.annotate(
                facet_kind=Value(kind, output_field=CharField()),
                facet_key=Cast(key, output_field=CharField()),
                facet_label=Cast(label, output_field=TextField()),
                facet_count=count,
            )
            .filter(facet_count__gt=0)
            .values_list("facet_kind", "facet_key", "facet_label", "facet_count")
            .order_by()
        )

    themes = rows(
        Theme.objects.all(),
        "theme",
        F("slug"),
        F("name"),
        SubqueryCount(
            ThemedItem.objects.filter(
                tag=OuterRef("pk"),
                content_type__app_label="articles",
                content_type__model="article",
                object_id__in=published,
            ).values("pk")
        ),
    )
    actors = rows(
        Actor.objects.all(),
        "actor",
        F("slug"),
        F("name"),
        SubqueryCount(
            ArticleActor.objects.mentioned().filter(actor=OuterRef("pk"), article__in=published).values("pk")
        ),
    )
    authors = rows(
        Author.objects.all(),
        "author",
        F("slug"),
        F("name"),
        SubqueryCount(
            Article.objects.published()
            .filter(
                Q(Exists(ArticleAuthor.objects.filter(article=OuterRef("pk"), author=OuterRef(OuterRef("pk")))))
                | Q(Exists(Contribution.objects.filter(article=OuterRef("pk"), author=OuterRef(OuterRef("pk")))))
            )
            .values("pk")
        ),
    )
    publications = rows(
        Publication.objects.all(),
        "publication",
        F("slug"),
        F("name"),
        SubqueryCount(Article.objects.published().filter(publication=OuterRef("pk")).values("pk")),
    )
    claims = rows(
        Claim.objects.all(),
        "claim",
        F("pk"),
        Substr("statement", 1, 90),
        SubqueryCount(
            Citation.objects.filter(claim=OuterRef("pk"), article__in=published)
            .order_by()
            .values("article")
            .distinct()
        ),
    )
    choices = {facet: [] for facet in FACETS}
    for kind, key, label, count in themes.union(actors, authors, publications, claims, all=True):
        choices[kind].append((key, label, count))
    for facet, items in choices.items():
        if facet == "claim":
            items.sort(key=lambda item: int(item[0]))
        else:
            items.sort(key=lambda item: item[1].casefold())
    return choices


def _period_start(value: datetime.date, precision: str) -> datetime.date:
    if precision == DatePrecision.YEAR:
        return value.replace(month=1, day=1)
    if precision == DatePrecision.MONTH:
        return value.replace(day=1)
    return value


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
            self.notices.append("The “from” date was later than the “until” date, so the two were swapped.")
        return cleaned


def _facet_error(label):
    return {"invalid_choice": f"There is no {label.lower()} by that name in the published commentary."}


class ArticleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Words",
        method="filter_q",
        widget=forms.TextInput(attrs={"type": "search", "maxlength": search.MAX_QUERY_LENGTH}),
    )
    theme = django_filters.ChoiceFilter(
        label=FACET_LABELS["theme"], method="filter_theme", empty_label="Any theme",
        error_messages=_facet_error("theme"),
    )
    actor = django_filters.ChoiceFilter(
        label=FACET_LABELS["actor"], method="filter_actor", empty_label="Any actor",
        error_messages=_facet_error("actor"),
    )
    author = django_filters.ChoiceFilter(
        label=FACET_LABELS["author"], method="filter_author", empty_label="Any author",
        error_messages=_facet_error("author"),
    )
    publication = django_filters.ChoiceFilter(
        label=FACET_LABELS["publication"], method="filter_publication", empty_label="Any publication",
        error_messages=_facet_error("publication"),
    )
    claim = django_filters.ChoiceFilter(
        label=FACET_LABELS["claim"], method="filter_claim", empty_label="Any claim",
        error_messages={"invalid_choice": "There is no claim with that number in the published commentary."},
    )
    date_after = django_filters.DateFilter(
        label="Published from",
        method="filter_date_after",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "“Published from” needs a date like 2022-01-05."},
    )
    date_before = django_filters.DateFilter(
        label="Published until",
        method="filter_date_before",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "“Published until” needs a date like 2022-01-31."},
    )
    ordering = django_filters.ChoiceFilter(
        label="Order",
        method="filter_ordering",
        choices=[(key, label) for key, (label, _) in ORDERINGS.items()],
        empty_label=None,
        error_messages={"invalid_choice": "That order is not available, so the newest come first."},
    )

    class Meta:
        model = Article
        form = ArticleFilterForm
        fields = ["q", "theme", "actor", "author", "publication", "claim", "date_after", "date_before", "ordering"]

    def __init__(self, data=None, *args, **kwargs):
        shortened = False
        if data is not None:
            # Unknown parameters (page, utm_*...) are simply not ours; empty ones are "any".
            data = {key: search.without_controls(data.get(key)) for key in self.base_filters}
            data = {key: value for key, value in data.items() if value}
            if "q" in data:
                # Shortened before the form sees it, so the page never echoes a huge value.
                data["q"], shortened = search.clean_query(data["q"])
        super().__init__(data, *args, **kwargs)
        self.facets = facet_choices()
        for facet in FACETS:
            self.filters[facet].extra["choices"] = [
                (key, f"{label} ({count})") for key, label, count in self.facets[facet]
            ]
        # Only now may the form be built: its fields need the choices above.
        if shortened:
            self.form.notices.append(
                f"Your search words were too long, so only the first {search.MAX_QUERY_LENGTH} "
                "characters were used."
            )

    # -- the filters -------------------------------------------------------

    def filter_q(self, queryset, name, value):
        if not value or not search.terms_of(value):
            return queryset
        return search.filter_articles(queryset, value)

    def filter_theme(self, queryset, name, value):
        return queryset.filter(
            Exists(
                ThemedItem.objects.filter(
                    content_type__app_label="articles",
                    content_type__model="article",
                    object_id=OuterRef("pk"),
                    tag__slug=value,
                )
            )
        )

    def filter_actor(self, queryset, name, value):
        return queryset.filter(
            Exists(ArticleActor.objects.mentioned().filter(article=OuterRef("pk"), actor__slug=value))
        )

    def filter_author(self, queryset, name, value):
        return queryset.filter(
            Q(Exists(ArticleAuthor.objects.filter(article=OuterRef("pk"), author__slug=value)))
            | Q(Exists(Contribution.objects.filter(article=OuterRef("pk"), author__slug=value)))
        )

    def filter_publication(self, queryset, name, value):
        return queryset.filter(publication__slug=value)

    def filter_claim(self, queryset, name, value):
        return queryset.filter(Exists(Citation.objects.filter(article=OuterRef("pk"), claim_id=value)))

    def filter_date_after(self, queryset, name, value):
        # A month- or year-precision date covers its whole period: keep it if
        # the period reaches the "from" date.
        return queryset.filter(
            Q(published_on_precision=DatePrecision.DAY, published_on__gte=value)
            | Q(published_on_precision=DatePrecision.MONTH, published_on__gte=_period_start(value, "month"))
            | Q(published_on_precision=DatePrecision.YEAR, published_on__gte=_period_start(value, "year"))
        )

    def filter_date_before(self, queryset, name, value):
        # Month/year dates are stored on the first day of their period.
        return queryset.filter(published_on__lte=value)

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
                shown = next((label for key, label, _ in self.facets[name] if key == str(value)), value)
            elif isinstance(value, datetime.date):
                shown = value.strftime("%-d %B %Y")
            else:
                shown = value
            out.append((self.filters[name].label, shown, name))
        return out
