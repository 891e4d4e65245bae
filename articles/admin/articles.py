"""Admin for articles: bylines, round-up contributions, actors, citations and source
markers inline; bulk actions through ``articles.publishing``."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from articles import publishing
from articles.admin.citation_forms import CitationFormSet, CitationInlineForm
from articles.admin.theme_choice import ThemeChoiceMixin
from articles.models import (
    Article,
    ArticleActor,
    ArticleAuthor,
    Citation,
    Comment,
    Contribution,
    Correction,
    SourceMarker,
)
from kzportal.history import EditorialHistoryAdmin, log_changes, snapshot


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


class CorrectionInline(admin.TabularInline):
    model = Correction
    extra = 0
    fields = ["made_at", "kind", "text"]
    verbose_name_plural = (
        "Corrections and updates (shown to readers under the piece; the newest is its “last modified” date)"
    )


WORKFLOW_FIELDS = ["status", "live_from"]


def _run_service(modeladmin, request, queryset, service, done):
    """Apply a workflow service to each article, reporting failures per article, and
    write one admin log entry per article naming the fields the move changed."""
    changed = 0
    for article in queryset:
        before = snapshot(article, WORKFLOW_FIELDS)
        try:
            service(article=article)
        except ValidationError as error:
            modeladmin.message_user(
                request, f"“{article}” was not changed: {'; '.join(error.messages)}", messages.ERROR
            )
        else:
            changed += 1
            moved = [name for name in WORKFLOW_FIELDS if getattr(article, name) != before[name]]
            log_changes(user=request.user, changes=[(article, moved)], skip_unchanged=False)
    if changed:
        modeladmin.message_user(request, f"{changed} article(s) {done}.", messages.SUCCESS)


@admin.register(Article)
class ArticleAdmin(ThemeChoiceMixin, EditorialHistoryAdmin):
    revert_guarded_fields = WORKFLOW_FIELDS
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
        CorrectionInline,
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

    object_history_template = "admin/articles/article/object_history.html"
    PART_HISTORY_LIMIT = 200

    def history_view(self, request, object_id, extra_context=None):
        """The article's own versions, then every change to its inline rows (newest first)."""
        extra_context = {**(extra_context or {}), "part_changes": self._part_changes(object_id)}
        return super().history_view(request, object_id, extra_context)

    def _part_changes(self, object_id):
        from django.contrib.contenttypes.models import ContentType

        from articles.models import ThemedItem

        try:
            pk = int(object_id)
        except (TypeError, ValueError):
            return []
        article_type = ContentType.objects.get_for_model(Article)
        parts = [
            ("byline", ArticleAuthor.history.filter(article_id=pk)),
            ("contribution", Contribution.history.filter(article_id=pk)),
            ("actor", ArticleActor.history.filter(article_id=pk)),
            ("citation", Citation.history.filter(article_id=pk)),
            ("source marker", SourceMarker.history.filter(article_id=pk)),
            ("correction", Correction.history.filter(article_id=pk)),
            ("theme", ThemedItem.history.filter(object_id=pk, content_type=article_type)),
        ]
        changes = []
        for kind, records in parts:
            records = list(records.select_related("history_user").order_by("-history_date")[: self.PART_HISTORY_LIMIT])
            # Diff each version against the one before it of the same row, from this list (no query per row).
            older_first = sorted(records, key=lambda r: r.history_date)
            previous_of, last_seen = {}, {}
            for record in older_first:
                previous_of[record.history_id] = last_seen.get(record.id)
                last_seen[record.id] = record
            for record in records:
                previous = previous_of.get(record.history_id) if record.history_type == "~" else None
                delta = []
                if previous is not None:
                    helper = self.get_historical_record_context_helper(None, record)
                    delta = helper.context_for_delta_changes(record.diff_against(previous))
                changes.append({"kind": kind, "record": record, "delta": delta})
        changes.sort(key=lambda change: change["record"].history_date, reverse=True)
        return changes[: self.PART_HISTORY_LIMIT]

    def _create_formsets(self, request, obj, change):
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        contributions = next((f for f in formsets if f.model is Contribution), None)
        for formset in formsets:
            if isinstance(formset, CitationFormSet):
                formset.contribution_formset = contributions
        return formsets, inline_instances

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
        # A revert (EditorialHistoryAdmin) saves the article without inlines, so re-anchor here.
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
