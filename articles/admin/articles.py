"""Admin for articles: bylines, round-up contributions, actors, citations and source
markers inline; bulk actions through ``articles.publishing``."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from articles import publishing
from articles.admin.citation_forms import CitationFormSet, CitationInlineForm
from articles.models import (
    Article,
    ArticleActor,
    ArticleAuthor,
    Citation,
    Comment,
    Contribution,
    SourceMarker,
)


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

    @admin.display(description="review")
    def review(self, obj):
        if obj is None or obj.pk is None or not obj.needs_review:
            return "—"
        return format_html(
            '<a href="{}"><strong>Needs review</strong>: choose the passage</a>',
            reverse("admin:articles_citation_change", args=[obj.pk]),
        )


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

    def get_urls(self):
        from django.urls import path

        from articles.admin.importing import import_view

        return [
            path(
                "import/",
                self.admin_site.admin_view(lambda request: import_view(self, request)),
                name="articles_article_import",
            ),
            *super().get_urls(),
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
        _run_service(self, request, queryset, publishing.publish_article, "published")

    @admin.action(description="Send selected articles to review")
    def submit_for_review(self, request, queryset):
        _run_service(self, request, queryset, publishing.submit_for_review, "sent to review")

    @admin.action(description="Archive selected articles (hide from readers)")
    def archive(self, request, queryset):
        _run_service(self, request, queryset, publishing.archive_article, "archived")

    @admin.action(description="Return selected articles to draft")
    def unpublish(self, request, queryset):
        _run_service(self, request, queryset, publishing.unpublish_article, "returned to draft")

    def _create_formsets(self, request, obj, change):
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        contributions = next((f for f in formsets if f.model is Contribution), None)
        for formset in formsets:
            if isinstance(formset, CitationFormSet):
                formset.contribution_formset = contributions
        return formsets, inline_instances

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # A revert saves the article without inlines, so save_model re-anchors itself.
        request.kz_reverting = True
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        # The status field is a request for a workflow move, made through the
        # workflow services once the inlines are saved (save_related): the form
        # itself stores the status the article had.
        target = obj.status
        stored = form.initial.get("status", Article.Status.DRAFT) if change else Article.Status.DRAFT
        unscheduled = target == Article.Status.PUBLISHED and obj.live_from is None
        obj.status = stored
        obj._status_requested = target if (target != stored or unscheduled) else None
        super().save_model(request, obj, form, change)
        if getattr(request, "kz_reverting", False):
            self._report_review(request, publishing.refresh_derived(article=obj))
            self._move(obj)

    def _move(self, obj):
        target = getattr(obj, "_status_requested", None)
        if target:
            obj._status_requested = None
            publishing.change_status(article=obj, status=target)

    def save_related(self, request, form, formsets, change):
        """After the inlines (contributions, citations, actor rows) are saved, bring
        citation anchors and actor mentions up to date through the one write path,
        and name each citation whose words the text no longer holds.

        Rows an editor added by hand or marked “Removed by an editor” are kept as they are.
        """
        super().save_related(request, form, formsets, change)
        self._report_review(request, publishing.refresh_derived(article=form.instance))
        self._move(form.instance)

    def _report_review(self, request, citations):
        if not citations:
            return
        links = format_html_join(
            "; ",
            '<a href="{}">“{}”</a> ({})',
            (
                (
                    reverse("admin:articles_citation_change", args=[c.pk]),
                    c.quote if len(c.quote) <= 80 else c.quote[:79] + "…",
                    c.claim.statement[:80],
                )
                for c in citations
            ),
        )
        self.message_user(
            request,
            format_html(
                "Saved. {} citation{} no longer found in the text and hidden from readers until you "
                "choose its passage again: {}",
                len(citations),
                "s are" if len(citations) > 1 else " is",
                links,
            ),
            messages.WARNING,
        )

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
