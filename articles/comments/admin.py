"""
The moderators' workplace: the comment queue and the spam blocklist.

Moderators (comment view/change, blocklist) and Editors (everything) reach
these pages; other staff get 403 and anonymous visitors the login page.
Every status change, bulk or single, goes through
``services.moderate_comments`` so who and when are recorded. What a reader
wrote (name, email, text) is read-only unless the user may also add comments,
which only Editors can.
"""

from django.contrib import admin, messages
from django.db.models import Case, IntegerField, Value, When
from django.template.defaultfilters import linebreaksbr
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles.models import BlocklistTerm, Comment

from . import services

WRITER_FIELDS = ["article", "name", "email", "body"]
ALWAYS_READONLY = ["submitted_at", "moderated_by", "moderated_at", "spam_reasons", "ip_hash", "fingerprint"]


class LikelySpamFilter(admin.SimpleListFilter):
    title = "likely spam"
    parameter_name = "likely_spam"

    def lookups(self, request, model_admin):
        return [("yes", "Likely spam"), ("no", "No spam signals")]

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
    fields = [*WRITER_FIELDS, "status", *ALWAYS_READONLY]
    autocomplete_fields = ["article"]
    list_per_page = 50

    class Media:
        css = {"all": ["css/admin-extra.css"]}

    @admin.display(description="comment")
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

    @admin.display(description="likely spam", boolean=True, ordering="spam_reasons")
    def likely_spam(self, obj):
        return bool(obj.spam_reasons)

    def may_edit_text(self, request):
        return request.user.has_perm("articles.add_comment")

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not self.may_edit_text(request):
            return [*WRITER_FIELDS, *ALWAYS_READONLY]
        return ALWAYS_READONLY

    def get_autocomplete_fields(self, request):
        return self.autocomplete_fields if self.may_edit_text(request) else []

    def save_model(self, request, obj, form, change):
        status_changed = change and "status" in form.changed_data
        super().save_model(request, obj, form, change)
        if status_changed:
            services.moderate_comments(comments=[obj], status=obj.status, moderator=request.user)

    def _moderate(self, request, queryset, status, done):
        changed = services.moderate_comments(comments=queryset, status=status, moderator=request.user)
        self.message_user(request, f"{changed} comment(s) {done}.", messages.SUCCESS)

    @admin.action(description="Approve selected comments (show them to readers)", permissions=["change"])
    def approve(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.APPROVED, "approved")

    @admin.action(description="Reject selected comments", permissions=["change"])
    def reject(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.REJECTED, "rejected")

    @admin.action(description="Mark selected comments as spam", permissions=["change"])
    def mark_spam(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.SPAM, "marked as spam")


@admin.register(BlocklistTerm)
class BlocklistTermAdmin(admin.ModelAdmin):
    list_display = ["term", "note", "created_at"]
    search_fields = ["term", "note"]
