"""
The moderators' workplace: the comment queue and the spam blocklist.

Moderators (comment view/change, blocklist) and Editors (everything) reach
these pages; other staff get 403 and anonymous visitors the login page.
Every status change, bulk or single, goes through
``services.moderate`` so who and when are recorded, every decision is kept
(shown under the comment) and each changed comment gets its own admin log entry.
What a reader wrote (name, email, text, article) is read-only for every role:
nobody adds, rewrites or deletes a comment in the admin; a comment is hidden by
rejecting it or marking it as spam.
"""

from django.contrib import admin, messages
from django.db.models import Case, IntegerField, Value, When
from django.template.defaultfilters import linebreaksbr
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.models import BlocklistTerm, Comment
from kzportal.history import log_changes

from . import services

WRITER_FIELDS = ["article", "name", "email", "body"]
ALWAYS_READONLY = ["submitted_at", "moderated_by", "moderated_at", "spam_reasons", "ip_hash", "fingerprint"]


class LikelySpamFilter(admin.SimpleListFilter):
    title = _("likely spam")
    parameter_name = "likely_spam"

    def lookups(self, request, model_admin):
        return [("yes", _("Likely spam")), ("no", _("No spam signals"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(spam_reasons="")
        if self.value() == "no":
            return queryset.filter(spam_reasons="")
        return queryset


PENDING_FIRST = Case(
    When(status=Comment.Status.PENDING, then=Value(0)), default=Value(1), output_field=IntegerField()
)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    # What a moderator decides on, all visible at 1280 px: the whole comment with who,
    # where and when under it, its status, and the spam signals (admin-extra.css sets the widths).
    list_display = ["whole_comment", "status", "spam_signals"]
    list_display_links = None
    list_filter = ["status", LikelySpamFilter, "submitted_at"]
    search_fields = ["name", "email", "body", "article__title"]
    list_select_related = ["article"]
    ordering = [PENDING_FIRST.asc(), "submitted_at", "pk"]  # the queue: pending first, oldest first
    actions = ["approve", "reject", "mark_spam"]
    fields = [*WRITER_FIELDS, "status", *ALWAYS_READONLY, "decisions"]
    readonly_fields = [*WRITER_FIELDS, *ALWAYS_READONLY, "decisions"]
    list_per_page = 50

    class Media:
        css = {"all": ["css/admin-extra.css"]}

    @admin.display(description=_("comment"))
    def excerpt(self, obj):
        text = " ".join(obj.body.split())
        return text if len(text) <= 80 else text[:79] + "…"

    @admin.display(description=_("comment"), ordering="submitted_at")
    def whole_comment(self, obj):
        """The whole text (escaped), then a line: name, article, date, and the link to open it."""
        return format_html(
            '<div class="kz-comment-body">{}</div><p class="kz-comment-meta">{} · {} · {} · <a href="{}">{}</a></p>',
            linebreaksbr(obj.body, autoescape=True),
            obj.name,
            obj.article.title,
            obj.submitted_at.strftime("%d %b %Y %H:%M") if obj.submitted_at else "",
            f"{obj.pk}/change/",
            _("open"),
        )

    @admin.display(description=_("spam signals"), ordering="spam_reasons")
    def spam_signals(self, obj):
        if not obj.spam_reasons:
            return format_html('<span class="kz-spam-none">{}</span>', _("none"))
        return format_html('<strong class="kz-spam-yes">{}</strong> {}', _("likely spam:"), obj.spam_reasons)

    @admin.display(description=_("likely spam"), boolean=True, ordering="spam_reasons")
    def likely_spam(self, obj):
        return bool(obj.spam_reasons)

    @admin.display(description=_("moderation decisions (every one, oldest first)"))
    def decisions(self, obj):
        rows = obj.decisions.select_related("moderator") if obj and obj.pk else []
        items = format_html_join(
            "",
            "<li>{}: {} → {} ({})</li>",
            (
                (
                    date_format(timezone.localtime(d.decided_at), "DATETIME_FORMAT"),
                    d.get_previous_status_display(),
                    d.get_status_display(),
                    d.moderator or "—",
                )
                for d in rows
            ),
        )
        return format_html("<ul>{}</ul>", items) if items else "—"

    # Readers' words are theirs: no role adds, rewrites or deletes a comment here.
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        # Only the status is editable; it changes through the moderation service, which keeps
        # the decision. The comment row itself is never written from the form.
        if change and "status" in form.changed_data:
            target = obj.status
            obj.refresh_from_db()
            services.moderate(comments=[obj], status=target, moderator=request.user)
            obj.refresh_from_db()

    def save_related(self, request, form, formsets, change):
        pass  # the decisions inline is read-only

    def _moderate(self, request, queryset, status, done):
        changed = services.moderate(comments=queryset, status=status, moderator=request.user)
        log_changes(
            user=request.user,
            changes=[(comment, ["status", "moderated_by", "moderated_at"]) for comment in changed],
        )
        self.message_user(request, done(len(changed)) % {"count": len(changed)}, messages.SUCCESS)

    @admin.action(description=_("Approve selected comments (show them to readers)"), permissions=["change"])
    def approve(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.APPROVED, lambda n: ngettext(
            "%(count)d comment approved.", "%(count)d comments approved.", n))

    @admin.action(description=_("Reject selected comments"), permissions=["change"])
    def reject(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.REJECTED, lambda n: ngettext(
            "%(count)d comment rejected.", "%(count)d comments rejected.", n))

    @admin.action(description=_("Mark selected comments as spam"), permissions=["change"])
    def mark_spam(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.SPAM, lambda n: ngettext(
            "%(count)d comment marked as spam.", "%(count)d comments marked as spam.", n))


@admin.register(BlocklistTerm)
class BlocklistTermAdmin(admin.ModelAdmin):
    list_display = ["term", "note", "created_at"]
    search_fields = ["term", "note"]
