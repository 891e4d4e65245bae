"""Admin for claims and the citations that quote them."""

from django.contrib import admin
from django.db.models import Count
from simple_history.admin import SimpleHistoryAdmin

from articles.models import (
    Citation,
    Claim,
    ClaimSubject,
)


class ClaimSubjectInline(admin.TabularInline):
    model = ClaimSubject
    extra = 1
    autocomplete_fields = ["actor"]
    verbose_name_plural = "About (actors the claim concerns)"


class ClaimCitationInline(admin.StackedInline):
    model = Citation
    extra = 0
    autocomplete_fields = ["article"]
    fields = ["article", "quote", "stance", "note", "anchor"]
    readonly_fields = ["anchor"]


@admin.register(Claim)
class ClaimAdmin(SimpleHistoryAdmin):
    list_display = ["short_statement", "claimant_shown", "date_shown", "verdict", "citation_count"]
    list_filter = ["verdict", "made_on_precision"]
    search_fields = ["statement", "slug", "claimant_actor__name", "claimant_author__name"]
    date_hierarchy = "made_on"
    autocomplete_fields = ["claimant_actor", "claimant_author"]
    list_select_related = ["claimant_actor", "claimant_author"]
    inlines = [ClaimSubjectInline, ClaimCitationInline]
    fieldsets = [
        (None, {"fields": ["statement", "slug"]}),
        ("Who and when", {"fields": ["claimant_actor", "claimant_author", ("made_on", "made_on_precision"), "source_url"]}),
        ("Assessment", {"fields": ["verdict", "rationale"]}),
        ("Cross-links", {"fields": ["themes"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(citation_total=Count("citations"))

    @admin.display(description="statement", ordering="statement")
    def short_statement(self, obj):
        return obj.statement if len(obj.statement) <= 100 else obj.statement[:99] + "…"

    @admin.display(description="claimant")
    def claimant_shown(self, obj):
        return obj.claimant or "—"

    @admin.display(description="date", ordering="made_on")
    def date_shown(self, obj):
        return obj.date_display or "—"

    @admin.display(description="citations", ordering="citation_total")
    def citation_count(self, obj):
        return obj.citation_total


@admin.register(Citation)
class CitationAdmin(SimpleHistoryAdmin):
    list_display = ["claim", "article", "stance", "quote_excerpt"]
    list_filter = ["stance"]
    search_fields = ["quote", "claim__statement", "article__title"]
    autocomplete_fields = ["claim", "article"]
    list_select_related = ["claim", "article"]

    @admin.display(description="quote")
    def quote_excerpt(self, obj):
        return obj.quote if len(obj.quote) <= 90 else obj.quote[:89] + "…"
