"""Admin for claims and the citations that quote them."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Exists, OuterRef
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from articles import publishing
from articles.admin.labels import LabelledFieldsMixin
from articles.admin.theme_choice import ThemeChoiceMixin
from articles.models import (
    Citation,
    Claim,
    ClaimSubject,
    Theme,
    ThemedItem,
)
from articles.rendering import anchoring
from kzportal.history import EditorialHistoryAdmin, log_changes, snapshot


class ClaimSubjectInline(LabelledFieldsMixin, admin.TabularInline):
    model = ClaimSubject
    extra = 1
    autocomplete_fields = ["actor"]
    verbose_name_plural = _("About (actors the claim concerns)")


class ClaimCitationInline(LabelledFieldsMixin, admin.StackedInline):
    model = Citation
    extra = 0
    autocomplete_fields = ["article"]
    fields = ["article", "quote", "stance", "note", "anchor", "needs_review"]
    readonly_fields = ["anchor", "needs_review"]


class ClaimThemeFilter(admin.SimpleListFilter):
    """Claims filed under a theme; only themes that have claims are offered."""

    title = _("theme")
    parameter_name = "theme"

    def lookups(self, request, model_admin):
        claims = ThemedItem.objects.filter(
            content_type__app_label="articles", content_type__model="claim", tag=OuterRef("pk")
        )
        used = Theme.objects.filter(Exists(claims)).order_by("name")
        return [(str(pk), name) for pk, name in used.values_list("pk", "name")]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        if not self.value().isdigit():
            return queryset.none()
        return queryset.filter(themes__pk=int(self.value()))


@admin.register(Claim)
class ClaimAdmin(LabelledFieldsMixin, ThemeChoiceMixin, TranslationAdmin, EditorialHistoryAdmin):
    # TranslationAdmin: English, Russian and Kazakh fields side by side (articles/translation.py).
    list_display = ["short_statement", "claimant_shown", "date_shown", "verdict", "citation_count"]
    list_filter = [
        ("claimant_actor", admin.RelatedOnlyFieldListFilter),
        ("claimant_author", admin.RelatedOnlyFieldListFilter),
        ClaimThemeFilter,
        "verdict",
        "made_on_precision",
    ]
    search_fields = ["statement_en", "statement_ru", "statement_kk", "slug", "claimant_actor__name_en", "claimant_actor__name_ru", "claimant_actor__name_kk", "claimant_author__name"]
    date_hierarchy = "made_on"
    autocomplete_fields = ["claimant_actor", "claimant_author"]
    list_select_related = ["claimant_actor", "claimant_author"]
    inlines = [ClaimSubjectInline, ClaimCitationInline]
    fieldsets = [
        (None, {"fields": ["statement", "slug"]}),
        (_("Who and when"), {"fields": ["claimant_actor", "claimant_author", ("made_on", "made_on_precision"), "source_url"]}),
        (_("Assessment"), {"fields": ["verdict", "rationale"]}),
        (_("Cross-links"), {"fields": ["themes"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(citation_total=Count("citations"))

    @admin.display(description=_("statement"), ordering="statement")
    def short_statement(self, obj):
        return obj.statement if len(obj.statement) <= 100 else obj.statement[:99] + "…"

    @admin.display(description=_("claimant"))
    def claimant_shown(self, obj):
        return obj.claimant or "—"

    @admin.display(description=_("date"), ordering="made_on")
    def date_shown(self, obj):
        return obj.date_display or "—"

    @admin.display(description=_("citations"), ordering="citation_total")
    def citation_count(self, obj):
        return obj.citation_total


def _closest(citation):
    """The passage of the article's current text most like the citation's quote."""
    return anchoring.closest_passage(citation.article.anchoring_document(), citation.quote)


def _use_closest(citation) -> str | None:
    """Confirm the closest passage as the citation's quote; None if done, else why not."""
    closest = _closest(citation)
    if closest is None:
        return gettext("no passage of the text is close to its quote: edit the quote by hand")
    try:
        publishing.use_passage(citation=citation, quote=closest.passage, anchor=closest.anchor)
    except ValidationError as error:
        return "; ".join(error.messages)
    return None


CITATION_FIELDS = ["quote", "anchor", "position", "needs_review"]


def _moved(citation, before):
    return [name for name in CITATION_FIELDS if getattr(citation, name) != before[name]]


@admin.register(Citation)
class CitationAdmin(EditorialHistoryAdmin):
    list_display = ["claim", "article", "stance", "quote_excerpt", "needs_review"]
    list_filter = [
        "needs_review",
        "stance",
        ("article", admin.RelatedOnlyFieldListFilter),
        ("claim", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["quote", "claim__statement_en", "claim__statement_ru", "claim__statement_kk", "article__title"]
    autocomplete_fields = ["claim", "article"]
    list_select_related = ["claim", "article"]
    fields = ["claim", "article", "quote", "stance", "note", "anchor", "needs_review", "closest_passage"]
    readonly_fields = ["anchor", "needs_review", "closest_passage"]
    actions = ["use_closest_passages"]

    @admin.display(description=_("quote"))
    def quote_excerpt(self, obj):
        return obj.quote if len(obj.quote) <= 90 else obj.quote[:89] + "…"

    @admin.display(description=_("closest passage in the current text"))
    def closest_passage(self, obj):
        if obj is None or obj.pk is None or not obj.needs_review:
            return gettext("— (the quote is found in the text)")
        closest = _closest(obj)
        if closest is None:
            return gettext("No passage of the current text is close to the quote. Edit the quote by hand.")
        # A submit button of the change form, posted to the action's own URL
        # (formaction): one click, no JavaScript, CSRF token included.
        return format_html(
            "<blockquote>“{}”</blockquote><p>{}</p>"
            '<button type="submit" class="button" formaction="{}" name="_use_closest_passage" value="1">'
            "{}</button>",
            closest.passage,
            gettext("Paragraph %(anchor)s, %(score)s%% similar.") % {"anchor": closest.anchor, "score": closest.score},
            reverse("admin:articles_citation_use_closest", args=[obj.pk]),
            gettext("Use this passage"),
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/use-closest-passage/",
                self.admin_site.admin_view(self.use_closest_view),
                name="articles_citation_use_closest",
            ),
            *super().get_urls(),
        ]

    def _move_to_closest(self, request, citation) -> bool:
        """Move ``citation`` to its closest passage and log it, or tell the editor why not
        (the button on one citation and the bulk action alike). True if it moved."""
        before = snapshot(citation, CITATION_FIELDS)
        problem = _use_closest(citation)
        if problem:
            self.message_user(
                request,
                gettext("“%(quote)s” was not changed: %(problem)s.") % {"quote": citation.quote[:80], "problem": problem},
                messages.ERROR,
            )
            return False
        log_changes(user=request.user, changes=[(citation, _moved(citation, before))], skip_unchanged=False)
        return True

    def use_closest_view(self, request, pk):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        citation = get_object_or_404(Citation.objects.select_related("article", "claim"), pk=pk)
        if not self.has_change_permission(request, citation):
            raise PermissionDenied
        if self._move_to_closest(request, citation):
            self.message_user(
                request,
                gettext("The citation now quotes “%(quote)s” and is shown to readers again.") % {"quote": citation.quote[:120]},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(reverse("admin:articles_citation_change", args=[pk]))

    @admin.action(description=_("Use the closest passage for selected citations that need review"))
    def use_closest_passages(self, request, queryset):
        done = 0
        for citation in queryset.filter(needs_review=True).select_related("article", "claim"):
            done += self._move_to_closest(request, citation)
        if done:
            self.message_user(
                request,
                ngettext(
                    "%(count)d citation confirmed at its closest passage.",
                    "%(count)d citations confirmed at their closest passage.",
                    done,
                ) % {"count": done},
                messages.SUCCESS,
            )
