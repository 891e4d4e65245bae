"""Votes and votes per article, read-only (votes come from readers; deleting one is logged)."""

from django.contrib import admin
from django.db.models import Avg, Count
from django.utils.translation import gettext_lazy as _

from .models import RatedArticle, Vote


@admin.register(Vote)
class VoteAdmin(admin.ModelAdmin):
    list_display = ["article", "score", "created_at", "updated_at"]
    list_filter = ["score", "updated_at"]
    search_fields = ["article__title"]
    list_select_related = ["article"]
    readonly_fields = ["article", "score", "client_hash", "created_at", "updated_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(RatedArticle)
class RatedArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "vote_count", "average"]
    search_fields = ["title"]
    fields = ["title", "vote_count", "average"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(vote_total=Count("votes"), vote_average=Avg("votes__score"))

    @admin.display(description=_("votes"), ordering="vote_total")
    def vote_count(self, obj):
        return obj.vote_total

    @admin.display(description=_("average"), ordering="vote_average")
    def average(self, obj):
        return "–" if obj.vote_average is None else f"{obj.vote_average:.1f}"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
