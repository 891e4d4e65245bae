"""The editors' workplace. Bulk actions go through ``articles.services``."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .comments import admin as comments_admin  # noqa: F401  (registers the comment queue and blocklist)
from .mentions import refresh_actor_mentions
from .models import (
    Article,
    ArticleActor,
    ArticleAuthor,
    Author,
    Citation,
    Claim,
    ClaimSubject,
    Comment,
    Contribution,
    Event,
    Publication,
    SourceMarker,
    Theme,
)


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "usage"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(usage_total=Count("tagged_items"))

    @admin.display(description="used on", ordering="usage_total")
    def usage(self, obj):
        return obj.usage_total


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["name", "url", "article_count"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_total=Count("articles"))

    @admin.display(description="articles", ordering="article_total")
    def article_count(self, obj):
        return obj.article_total


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "affiliation", "social"]
    search_fields = ["name", "affiliation"]
    prepopulated_fields = {"slug": ["name"]}


class ArticleAuthorInline(admin.TabularInline):
    model = ArticleAuthor
    extra = 1
    autocomplete_fields = ["author"]
    verbose_name_plural = "Byline (in order)"


class ContributionInline(admin.StackedInline):
    model = Contribution
    extra = 0
    autocomplete_fields = ["author"]
    verbose_name_plural = "Contributions (round-ups: one section per expert)"


class ArticleActorInline(admin.TabularInline):
    model = ArticleActor
    extra = 0
    autocomplete_fields = ["actor"]
    readonly_fields = ["mentions"]
    verbose_name_plural = (
        "Actors mentioned (detected on save; add one by hand, or set “Removed by an editor” to hide one)"
    )


class CitationInline(admin.TabularInline):
    model = Citation
    extra = 0
    autocomplete_fields = ["claim"]
    fields = ["claim", "quote", "stance", "note", "anchor"]
    readonly_fields = ["anchor"]


class SourceMarkerInline(admin.TabularInline):
    model = SourceMarker
    extra = 0
    fields = ["order", "anchor", "context", "url"]
    verbose_name_plural = "Source links marked [↗] in the original"


def _run_service(modeladmin, request, queryset, service, done):
    """Apply a workflow service to each article, reporting failures per article."""
    changed = 0
    for article in queryset:
        try:
            service(article=article)
        except ValidationError as error:
            modeladmin.message_user(
                request, f"“{article}” was not changed: {'; '.join(error.messages)}", messages.ERROR
            )
        else:
            changed += 1
    if changed:
        modeladmin.message_user(request, f"{changed} article(s) {done}.", messages.SUCCESS)


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    list_display = [
        "title",
        "publication",
        "status",
        "live_from",
        "date_shown",
        "is_live",
        "pending_comments",
        "updated_at",
    ]
    list_filter = ["status", "publication", "language", "comments_open"]
    search_fields = ["title", "standfirst", "body", "authors__name"]
    date_hierarchy = "live_from"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["publication", "events"]
    list_select_related = ["publication"]
    inlines = [
        ArticleAuthorInline,
        ContributionInline,
        ArticleActorInline,
        CitationInline,
        SourceMarkerInline,
    ]
    actions = ["publish", "submit_for_review", "archive", "unpublish"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "body"]}),
        (
            "Source",
            {
                "fields": [
                    "publication",
                    ("series", "series_number"),
                    "original_url",
                    ("published_on", "published_on_precision"),
                    "date_note",
                    "editorial_note",
                    "language",
                ]
            },
        ),
        ("Publishing", {"fields": [("status", "live_from"), "comments_open"]}),
        ("Cross-links", {"fields": ["themes", "events"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                pending_total=Count("comments", filter=Q(comments__status=Comment.Status.PENDING))
            )
        )

    @admin.display(description="date", ordering="published_on")
    def date_shown(self, obj):
        return obj.date_display or "—"

    @admin.display(description="live", boolean=True)
    def is_live(self, obj):
        return obj.is_published

    @admin.display(description="pending comments", ordering="pending_total")
    def pending_comments(self, obj):
        return obj.pending_total

    @admin.action(description="Publish selected articles (now, or at their scheduled time)")
    def publish(self, request, queryset):
        _run_service(self, request, queryset, services.publish_article, "published")

    @admin.action(description="Send selected articles to review")
    def submit_for_review(self, request, queryset):
        _run_service(self, request, queryset, services.submit_for_review, "sent to review")

    @admin.action(description="Archive selected articles (hide from readers)")
    def archive(self, request, queryset):
        _run_service(self, request, queryset, services.archive_article, "archived")

    @admin.action(description="Return selected articles to draft")
    def unpublish(self, request, queryset):
        _run_service(self, request, queryset, services.unpublish_article, "returned to draft")

    def save_related(self, request, form, formsets, change):
        """After the inlines (contributions, actor rows) are saved, recount actor mentions.

        Rows an editor added by hand or marked “Removed by an editor” are kept as they are.
        """
        super().save_related(request, form, formsets, change)
        refresh_actor_mentions(article=form.instance)

    def save_formset(self, request, form, formset, change):
        if formset.model is not ArticleActor:
            return super().save_formset(request, form, formset, change)
        # Deleting a detected actor would only bring it back at the next
        # recount, so a deletion of a detected row means "removed by an editor".
        instances = formset.save(commit=False)
        for row in formset.deleted_objects:
            if row.origin == ArticleActor.Origin.DETECTED:
                row.origin = ArticleActor.Origin.EXCLUDED
                row.save(update_fields=["origin"])
            else:
                row.delete()
        for row in instances:
            row.save()
        formset.save_m2m()


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


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "date_shown", "date_precision", "actor_list"]
    list_filter = ["date_precision"]
    search_fields = ["title", "description"]
    date_hierarchy = "date"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["actors"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("actors")

    @admin.display(description="date", ordering="date")
    def date_shown(self, obj):
        return obj.date_display

    @admin.display(description="actors")
    def actor_list(self, obj):
        return ", ".join(actor.name for actor in obj.actors.all())
