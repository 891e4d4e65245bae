"""Admin for articles: bylines, round-up contributions, actors, citations and source
markers inline; bulk actions through ``articles.publishing``.

The inlines are in ``article_inlines``, the changelist filters in ``article_filters``,
the admin log of a revert's rows in ``article_revert_log``."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles import publishing, reverts
from articles.admin.article_filters import ActorFilter, AuthorFilter, MineFilter, ThemeFilter, WhenFilter
from articles.admin.article_inlines import (
    ArticleActorInline,
    ArticleAuthorInline,
    CitationInline,
    ContributionInline,
    CorrectionInline,
    SourceMarkerInline,
)
from articles.admin.article_revert_log import _log_row_changes, _row_message
from articles.admin.citation_forms import CitationFormSet
from articles.admin.labels import LabelledFieldsMixin
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

WORKFLOW_FIELDS = ["status", "live_from"]


def _run_move(modeladmin, request, queryset, status, done):
    """Move each selected article to ``status`` through ``publishing.change_status``
    (the one place moves are checked), naming every article refused and why, and
    write one admin log entry per article naming the fields the move changed."""
    changed = 0
    for article in queryset:
        before = snapshot(article, WORKFLOW_FIELDS)
        try:
            publishing.change_status(article=article, status=status, by=request.user)
        except ValidationError as error:
            modeladmin.message_user(
                request,
                _("“%(article)s” was not changed: %(reasons)s")
                % {"article": article, "reasons": " ".join(error.messages)},
                messages.ERROR,
            )
        else:
            changed += 1
            moved = [name for name in WORKFLOW_FIELDS if getattr(article, name) != before[name]]
            log_changes(user=request.user, changes=[(article, moved)], skip_unchanged=False)
    if changed:
        modeladmin.message_user(request, _("%(count)d article(s) %(done)s.") % {"count": changed, "done": done},
                                messages.SUCCESS)



@admin.register(Article)
class ArticleAdmin(LabelledFieldsMixin, ThemeChoiceMixin, EditorialHistoryAdmin):
    revert_guarded_fields = WORKFLOW_FIELDS
    # A revert restores the rows too (articles.reverts), listed on its confirmation page.
    object_history_form_template = "admin/articles/article/object_history_form.html"
    # A deleted article is not brought back by a revert: its rows, comments and workflow
    # state are gone with it (and its save needs the stored row).
    revert_restores_deleted = False
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
    list_filter = ["status", WhenFilter, MineFilter, ThemeFilter, AuthorFilter, ActorFilter, "publication", "origin", "language", "comments_open"]
    search_fields = ["title", "standfirst", "body", "authors__name"]
    date_hierarchy = "live_from"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["publication", "events", "translations"]
    list_select_related = ["publication"]
    inlines = [
        ArticleAuthorInline,
        ContributionInline,
        ArticleActorInline,
        CitationInline,
        SourceMarkerInline,
        CorrectionInline,
    ]
    actions = ["submit_for_review", "publish", "archive", "unpublish"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "body"]}),
        (
            _("Source"),
            {
                "fields": [
                    "publication",
                    ("series", "series_number"),
                    "original_url",
                    "origin",
                    "rights",
                    ("published_on", "published_on_precision"),
                    "date_note",
                    "editorial_note",
                    "language",
                ]
            },
        ),
        (_("Publishing"), {"fields": ["readiness", ("status", "live_from"), "comments_open"]}),
        (_("Cross-links"), {"fields": ["themes", "events"]}),
        (_("Translations"), {"fields": ["translations"]}),
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

    @admin.display(description=_("date"), ordering="published_on")
    def date_shown(self, obj):
        return obj.date_display or "—"

    @admin.display(description=_("live"), boolean=True)
    def is_live(self, obj):
        return obj.is_published

    @admin.display(description=_("pending comments"), ordering="pending_total")
    def pending_comments(self, obj):
        return obj.pending_total

    @admin.action(description=_("Publish selected articles in review (now, or at their scheduled time)"),
                  permissions=["publish"])
    def publish(self, request, queryset):
        _run_move(self, request, queryset, Article.Status.PUBLISHED, _("published"))

    @admin.action(description=_("Send selected drafts to review"))
    def submit_for_review(self, request, queryset):
        _run_move(self, request, queryset, Article.Status.REVIEW, _("sent to review"))

    @admin.action(description=_("Archive selected published articles (hide from readers)"), permissions=["publish"])
    def archive(self, request, queryset):
        _run_move(self, request, queryset, Article.Status.ARCHIVED, _("archived"))

    @admin.action(description=_("Return selected articles to draft"))
    def unpublish(self, request, queryset):
        _run_move(self, request, queryset, Article.Status.DRAFT, _("returned to draft"))

    # -- who may do what: the rules live on Article and in articles.publishing ----

    def has_publish_permission(self, request):
        return request.user.has_perm(Article.PUBLISH_PERMISSION)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or obj.may_change(request.user)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # "View on site" of a piece readers cannot see yet is a preview: offered only to
        # those who may preview, not a link to a 404.
        response = super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)
        if obj is not None and not obj.is_published and not Article.may_preview(request.user):
            response.context_data["has_absolute_url"] = False  # a TemplateResponse: rendered later
        return response

    def get_readonly_fields(self, request, obj=None):
        fields = ["readiness", *super().get_readonly_fields(request, obj)]
        if not self.has_publish_permission(request):
            fields.append("live_from")  # scheduling is part of publishing
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        # On a revert, ``obj`` is the old version: the moves open are those from the article as stored.
        current = getattr(request, "kz_revert_stored", None) if getattr(request, "kz_reverting", False) else None
        allowed = publishing.allowed_statuses(article=current or obj, by=request.user)

        class WorkflowForm(form):
            """The status field offers only the moves this user may make from here."""

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                if "status" in self.fields:
                    self.fields["status"].choices = [c for c in Article.Status.choices if c[0] in allowed]
                    self.fields["status"].help_text = _(
                        "Draft → in review → published → archived, and back to draft. Publishing needs the "
                        "publish permission and a piece that is ready (see “Ready to publish?”)."
                    )

        return WorkflowForm

    @admin.display(description=_("Ready to publish?"))
    def readiness(self, obj):
        if obj is None or obj.pk is None:
            return _("Save the draft first; then this lists anything publishing still needs.")
        problems = publishing.readiness_problems(article=obj)
        if not problems:
            return _("Yes: it has an author, a date, its origin and rights, and no citation needs review.")
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((p,) for p in problems)))

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
        # The status field is a request for a workflow move, made through
        # publishing.change_status once the inlines are saved (save_related): the
        # form itself stores the status the article has in the database. A history
        # revert restores content only: status and schedule stay as they are unless
        # the editor changed them on the revert form and confirmed it
        # (EditorialHistoryAdmin.revert_guarded_fields).
        target = obj.status
        stored_status = Article.Status.DRAFT
        if change:
            stored_status = Article.objects.filter(pk=obj.pk).values_list("status", flat=True).get()
        reverting = getattr(request, "kz_reverting", False)
        unscheduled = target == Article.Status.PUBLISHED and obj.live_from is None
        obj.status = obj._stored_status = stored_status
        obj._status_requested = target if (target != stored_status or unscheduled) else None
        super().save_model(request, obj, form, change)
        if reverting:
            # A revert saves the article without inlines (no save_related): its rows are put
            # back here, then re-anchored, recounted and moved, through the one write path.
            plan = getattr(request, "kz_revert_plan", None)
            if plan is None:
                needing_review = publishing.refresh_derived(article=obj)
            else:
                request.kz_revert_rows, needing_review = reverts.revert_rows(article=obj, plan=plan)
                _log_row_changes(request.user, request.kz_revert_rows)
            self._report_review(request, needing_review)
            self._move(request, obj)

    def revert_plan(self, request, stored, version):
        return reverts.plan_revert(article=stored, version=version, by=request.user)

    def construct_change_message(self, request, form, formsets, add=False):
        message = super().construct_change_message(request, form, formsets, add)
        rows = getattr(request, "kz_revert_rows", None)
        if rows is None:
            return message
        # In the admin's own format for inline rows, so the history reads as for any save.
        return list(message) + [_row_message(change) for change in rows]

    def response_change(self, request, obj):
        rows = getattr(request, "kz_revert_rows", None)
        if rows:
            counts = {action: sum(1 for c in rows if c.action == action) for action in (reverts.RESTORE, reverts.CHANGE, reverts.REMOVE)}
            self.message_user(
                request,
                _("Rows put back as they were: %(restored)d restored, %(changed)d changed back, %(removed)d removed.")
                % {"restored": counts[reverts.RESTORE], "changed": counts[reverts.CHANGE], "removed": counts[reverts.REMOVE]},
                messages.SUCCESS,
            )
        return super().response_change(request, obj)

    def _move(self, request, obj):
        target = getattr(obj, "_status_requested", None)
        if not target:
            return
        obj._status_requested = None
        try:
            publishing.change_status(article=obj, status=target, by=request.user)
        except ValidationError as error:
            self.message_user(
                request,
                format_html(
                    "{} <ul>{}</ul>",
                    _("Your changes were saved, but the article stays %(status)s and was not made %(target)s:")
                    % {"status": obj.get_status_display().lower(), "target": Article.Status(target).label.lower()},
                    format_html_join("", "<li>{}</li>", ((m,) for m in error.messages)),
                ),
                messages.ERROR,
            )

    def save_related(self, request, form, formsets, change):
        """After the inlines (contributions, citations, actor rows) are saved, bring
        citation anchors and actor mentions up to date through the one write path,
        and name each citation whose words the text no longer holds.

        Rows an editor added by hand or marked “Removed by an editor” are kept as they are.
        """
        super().save_related(request, form, formsets, change)
        self._report_review(request, publishing.refresh_derived(article=form.instance))
        self._move(request, form.instance)

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
                ngettext(
                    "Saved. {count} citation is no longer found in the text and is hidden from readers "
                    "until you choose its passage again: {links}",
                    "Saved. {count} citations are no longer found in the text and are hidden from readers "
                    "until you choose their passages again: {links}",
                    len(citations),
                ),
                count=len(citations),
                links=links,
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
