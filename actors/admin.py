from django.contrib import admin, messages
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from kzportal.history import EditorialHistoryAdmin

from .models import Actor, ActorAlias, ActorRelation

RECOUNT_UNDER_WAY = _(
    "This actor's names changed, so their mentions in the commentary are being recounted in the "
    "background. Actor pages and counts show the new numbers within a few minutes."
)


class ActorAliasInline(TranslationTabularInline):
    model = ActorAlias
    extra = 1
    verbose_name = _("alias")
    verbose_name_plural = _("Aliases (other names the commentary uses; mentions of them count for this actor)")


class ActorRelationInline(admin.TabularInline):
    model = ActorRelation
    fk_name = "subject"
    extra = 1
    autocomplete_fields = ["object"]
    verbose_name_plural = _("Relations (this actor … the other actor)")


@admin.register(Actor)
class ActorAdmin(TranslationAdmin, EditorialHistoryAdmin):
    # TranslationAdmin: English, Russian and Kazakh fields side by side (actors/translation.py).
    list_display = ["name", "kind", "role", "alias_count", "relation_count", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["name_en", "name_ru", "name_kk", "slug", "aliases__name_en", "aliases__name_ru", "aliases__name_kk", "role_en", "role_ru", "role_kk"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ActorAliasInline, ActorRelationInline]
    fieldsets = [
        (None, {"fields": ["kind", "name", "slug", "role", "description"]}),
        (_("Linked data"), {"fields": ["wikidata_id"], "classes": ["collapse"]}),
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        names_changed = not change or "name" in form.changed_data or any(
            formset.model is ActorAlias and formset.has_changed() for formset in formsets
        )
        if names_changed:
            # The recount itself runs in the task worker once this save commits.
            messages.info(request, RECOUNT_UNDER_WAY)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                alias_total=Count("aliases", distinct=True),
                relation_total=Count("relations", distinct=True),
            )
        )

    @admin.display(description=_("aliases"), ordering="alias_total")
    def alias_count(self, obj):
        return obj.alias_total

    @admin.display(description=_("relations"), ordering="relation_total")
    def relation_count(self, obj):
        return obj.relation_total


@admin.register(ActorRelation)
class ActorRelationAdmin(EditorialHistoryAdmin):
    list_display = ["subject", "kind", "object", "start_date", "end_date", "ended"]
    list_filter = ["kind", "ended"]
    search_fields = ["subject__name_en", "subject__name_ru", "subject__name_kk", "object__name_en", "object__name_ru", "object__name_kk", "note"]
    autocomplete_fields = ["subject", "object"]
    list_select_related = ["subject", "object"]
