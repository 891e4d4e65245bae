"""Admin for what commentary is filed under: themes, publications, authors, timeline
events; and the upkeep lists: redirects from old addresses, source markers to resolve,
outside links checked."""

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import DELETION
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from articles import taxonomy
from articles.admin.theme_choice import ThemeChoiceMixin
from articles.models import (
    Author,
    Event,
    LinkCheck,
    Publication,
    Redirect,
    SourceMarker,
    Theme,
)
from kzportal.history import EditorialHistoryAdmin, log_note


@admin.register(Theme)
class ThemeAdmin(TranslationAdmin, EditorialHistoryAdmin):
    # TranslationAdmin: English, Russian and Kazakh fields side by side (articles/translation.py).
    list_display = ["name", "slug", "usage"]
    search_fields = ["name_en", "name_ru", "name_kk", "description_en", "description_ru", "description_kk"]
    ordering = ["name"]  # explicit: the usage count's GROUP BY drops Meta.ordering (autocomplete pages)
    prepopulated_fields = {"slug": ["name"]}
    actions = ["merge"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(usage_total=Count("tagged_items"))

    @admin.display(description=_("used on"), ordering="usage_total")
    def usage(self, obj):
        return obj.usage_total

    @admin.action(description=_("Merge the two selected themes (the old address redirects)"), permissions=["change", "delete"])
    def merge(self, request, queryset):
        themes = list(queryset.order_by("name"))
        if len(themes) != 2:
            self.message_user(request, _("Select exactly two themes to merge."), messages.ERROR)
            return None
        keep_id = request.POST.get("keep")
        if request.POST.get("confirm") == "yes" and keep_id in {str(t.pk) for t in themes}:
            keep = next(t for t in themes if str(t.pk) == keep_id)
            merge = next(t for t in themes if t is not keep)
            merged_name, merged_pk = merge.name, merge.pk
            try:
                moved = taxonomy.merge_themes(keep=keep, merge=merge)
            except ValidationError as error:
                self.message_user(request, "; ".join(error.messages), messages.ERROR)
                return None
            merge.pk = merged_pk  # deleted: its entry names the id it had
            log_note(user=request.user, obj=merge, text=f"Merged into theme “{keep.name}”.", action_flag=DELETION)
            log_note(
                user=request.user,
                obj=keep,
                text=f"Merged theme “{merged_name}” (id {merged_pk}) into this one: {moved} item(s) moved; "
                f"its address now redirects here.",
            )
            self.message_user(
                request,
                _("“%(old)s” was merged into “%(new)s”: %(count)s item(s) moved; its address redirects.")
                % {"old": merged_name, "new": keep.name, "count": moved},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Merge two themes"),
            "themes": themes,
            "opts": self.model._meta,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/articles/theme/merge.html", context)


@admin.register(Publication)
class PublicationAdmin(TranslationAdmin, EditorialHistoryAdmin):
    list_display = ["name", "url", "aliases", "article_count"]
    search_fields = ["name", "description_en", "description_ru", "description_kk", "aliases"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_total=Count("articles"))

    @admin.display(description=_("articles"), ordering="article_total")
    def article_count(self, obj):
        return obj.article_total


@admin.register(Author)
class AuthorAdmin(EditorialHistoryAdmin):
    list_display = ["name", "affiliation", "social"]
    search_fields = ["name", "affiliation"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Event)
class EventAdmin(ThemeChoiceMixin, TranslationAdmin, EditorialHistoryAdmin):
    list_display = ["title", "date_shown", "date_precision", "actor_list"]
    list_filter = ["date_precision"]
    # Every language's column: plain "title" would search only the active language's
    # column, so an editor working in Russian would not find an event by its English title.
    search_fields = ["title_en", "title_ru", "title_kk", "description_en", "description_ru", "description_kk"]
    date_hierarchy = "date"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["actors"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("actors")

    @admin.display(description=_("date"), ordering="date")
    def date_shown(self, obj):
        return obj.date_display

    @admin.display(description=_("actors"))
    def actor_list(self, obj):
        return ", ".join(actor.name for actor in obj.actors.all())


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    """Made automatically when an address changes; editors may add or correct one by hand."""

    list_display = ["old_path", "new_path", "reason", "created_at"]
    search_fields = ["old_path", "new_path"]
    readonly_fields = ["created_at"]


class ResolvedFilter(admin.SimpleListFilter):
    title = _("source address")
    parameter_name = "resolved"

    def lookups(self, request, model_admin):
        return [("no", _("Unresolved (no address yet)")), ("yes", _("Resolved"))]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(url="")
        if self.value() == "yes":
            return queryset.exclude(url="")
        return queryset


@admin.register(SourceMarker)
class SourceMarkerAdmin(EditorialHistoryAdmin):
    """Where an original linked a source ([↗]): give each marker the address it linked to."""

    list_display = ["context", "article", "anchor", "url"]
    list_editable = ["url"]
    list_filter = [ResolvedFilter]
    search_fields = ["context", "article__title", "url"]
    list_select_related = ["article"]
    fields = ["article", "order", "anchor", "context", "url"]
    readonly_fields = ["article", "order", "anchor", "context"]

    def has_add_permission(self, request):
        return False


class BrokenFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("broken", _("Broken")),
            ("ok", _("Working")),
            ("private", _("Not checked: private address")),
            ("unchecked", _("Not checked yet")),
        ]

    def queryset(self, request, queryset):
        return {
            "broken": queryset.filter(ok=False),
            "ok": queryset.filter(ok=True),
            # The checker refused to fetch it (articles.linkcheck): checked_at says when.
            "private": queryset.filter(ok__isnull=True, checked_at__isnull=False),
            "unchecked": queryset.filter(Q(ok__isnull=True), Q(checked_at__isnull=True)),
        }.get(self.value(), queryset)


@admin.register(LinkCheck)
class LinkCheckAdmin(admin.ModelAdmin):
    """Filled by ``manage.py check_links`` (and its daily task); read-only here."""

    list_display = ["url", "ok", "status_code", "error", "checked_at", "used_by"]
    list_filter = [BrokenFilter, "checked_at"]
    search_fields = ["url", "used_by"]
    ordering = ["ok", "url"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
