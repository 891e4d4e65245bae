"""The article form's inline rows: the byline, round-up contributions, actors
mentioned, citations, source markers and corrections (used by ``ArticleAdmin``)."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.admin.citation_forms import CitationFormSet, CitationInlineForm
from articles.admin.labels import LabelledFieldsMixin
from articles.models import (
    ArticleActor,
    ArticleAuthor,
    Citation,
    Contribution,
    Correction,
    SourceMarker,
)


class ArticleAuthorInline(LabelledFieldsMixin, admin.TabularInline):
    model = ArticleAuthor
    extra = 1
    autocomplete_fields = ["author"]
    verbose_name_plural = _("Byline (in order)")


class ContributionInline(LabelledFieldsMixin, admin.StackedInline):
    model = Contribution
    extra = 0
    autocomplete_fields = ["author"]
    verbose_name_plural = _("Contributions (round-ups: one section per expert)")


class ArticleActorInline(LabelledFieldsMixin, admin.TabularInline):
    model = ArticleActor
    extra = 0
    autocomplete_fields = ["actor"]
    readonly_fields = ["mentions"]
    verbose_name_plural = (
        _("Actors mentioned (detected on save; add one by hand, or set “Removed by an editor” to hide one)")
    )


class CitationInline(LabelledFieldsMixin, admin.TabularInline):
    """Quotes are checked against the text being saved (body and contributions as
    submitted), on the add form too; a quote an edit removed is not an error: the
    save goes through and the citation is listed as needing review."""

    model = Citation
    form = CitationInlineForm
    formset = CitationFormSet
    extra = 0
    autocomplete_fields = ["claim"]
    fields = ["claim", "quote", "stance", "note", "anchor", "review"]
    readonly_fields = ["anchor", "review"]

    @admin.display(description=_("review"))
    def review(self, obj):
        if obj is None or obj.pk is None or not obj.needs_review:
            return "—"
        return format_html(
            '<a href="{}"><strong>{}</strong>: {}</a>',
            reverse("admin:articles_citation_change", args=[obj.pk]),
            gettext("Needs review"),
            gettext("choose the passage"),
        )


class SourceMarkerInline(LabelledFieldsMixin, admin.TabularInline):
    model = SourceMarker
    extra = 0
    fields = ["order", "anchor", "context", "url"]
    verbose_name_plural = _("Source links marked [↗] in the original")


class CorrectionInline(admin.TabularInline):
    model = Correction
    extra = 0
    fields = ["made_at", "kind", "text"]
    verbose_name_plural = (
        _("Corrections and updates (shown to readers under the piece; the newest is its “last modified” date)")
    )
