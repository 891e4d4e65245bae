"""The article changelist's filters: live or scheduled, worked on by me, and by
theme, author or actor mentioned (used by ``ArticleAdmin``)."""

from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actors.models import Actor
from articles.admin import dashboard
from articles.models import Article, Author, Theme


class WhenFilter(admin.SimpleListFilter):
    """Published articles that are live now, or scheduled for later."""

    title = _("when")
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [("live", _("Live now")), ("scheduled", _("Scheduled for later"))]

    def queryset(self, request, queryset):
        if self.value() == "live":
            return queryset.filter(pk__in=Article.objects.published().values("pk"))
        if self.value() == "scheduled":
            return queryset.filter(status=Article.Status.PUBLISHED, live_from__gt=timezone.now())
        return queryset


class MineFilter(admin.SimpleListFilter):
    """Articles the signed-in editor created or changed (their history names them)."""

    title = _("worked on")
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("yes", _("By me"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(pk__in=dashboard.worked_on_by(request.user).values("pk"))
        return queryset


class _ArticlesOfFilter(admin.SimpleListFilter):
    """Articles of one theme, author or actor, by the named queryset method that the
    public pages use; only values that have articles are offered, by name."""

    model = None
    method = ""

    def lookups(self, request, model_admin):
        return [(str(pk), name) for pk, name in self.values().order_by("name").values_list("pk", "name")]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        try:
            pk = int(self.value())
        except ValueError:
            return queryset.none()
        return getattr(queryset, self.method)(pk)


class ThemeFilter(_ArticlesOfFilter):
    title = _("theme")
    parameter_name = "theme"
    method = "tagged"

    def values(self):
        return Theme.objects.filter(
            Exists(Article.objects.tagged(OuterRef("pk")).values("pk"))
        )


class AuthorFilter(_ArticlesOfFilter):
    title = _("author")
    parameter_name = "author"
    method = "by_author"

    def values(self):
        return Author.objects.filter(Exists(Article.objects.by_author(OuterRef("pk")).values("pk")))


class ActorFilter(_ArticlesOfFilter):
    title = _("actor mentioned")
    parameter_name = "actor"
    method = "mentioning"

    def values(self):
        return Actor.objects.filter(Exists(Article.objects.mentioning(OuterRef("pk")).values("pk")))
