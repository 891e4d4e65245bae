"""Admin for what commentary is filed under: themes, publications, authors, timeline events."""

from django.contrib import admin
from django.db.models import Count

from articles.models import (
    Author,
    Event,
    Publication,
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
    list_display = ["name", "url", "aliases", "article_count"]
    search_fields = ["name", "description", "aliases"]
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
