"""Subscribers and the send history, for editors with the newsletter permissions.

Subscriptions are made only by their owners (the confirmation link), so there
is no "add"; the choices are read-only here. Deleting (one or in bulk) goes
through ``services.delete_subscriber`` and is logged.
"""

from django.contrib import admin, messages
from django.contrib.admin.models import DELETION, LogEntry
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import Dispatch, Subscriber


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "frequency", "everything", "language", "confirmed_at", "last_sent_at"]
    list_filter = ["frequency", "everything", "language", "confirmed_at"]
    search_fields = ["email"]
    date_hierarchy = "confirmed_at"
    readonly_fields = ["email", "frequency", "everything", "themes", "actors", "language", "confirmed_at", "last_sent_at"]
    fields = readonly_fields
    actions = ["delete_subscribers"]

    def has_add_permission(self, request):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.action(description=_("Delete the selected subscribers and their data"), permissions=["delete"])
    def delete_subscribers(self, request, queryset):
        subscribers = list(queryset)
        # One admin log entry per subscriber, written before the row goes (the log keeps no address).
        LogEntry.objects.log_actions(user_id=request.user.pk, queryset=subscribers, action_flag=DELETION)
        for subscriber in subscribers:
            services.delete_subscriber(subscriber=subscriber)
        count = len(subscribers)
        self.message_user(request, ngettext("%d subscriber deleted.", "%d subscribers deleted.", count) % count,
                          messages.SUCCESS)

    def delete_model(self, request, obj):
        services.delete_subscriber(subscriber=obj)


@admin.register(Dispatch)
class DispatchAdmin(admin.ModelAdmin):
    list_display = ["started_at", "frequency", "recipients", "failures", "finished_at"]
    list_filter = ["frequency", "started_at"]
    date_hierarchy = "started_at"
    readonly_fields = ["frequency", "started_at", "finished_at", "recipients", "failures", "articles"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
