"""Themes: django-taggit with our own tag model, so a theme has a description and a page."""

from django.db import models
from django.db.models.query import QuerySet
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from taggit.managers import _TaggableManager
from taggit.models import GenericTaggedItemBase, TagBase

from kzportal.links import url_for


class Theme(TagBase):
    description = models.TextField(
        blank=True, help_text=_("Two or three sentences telling readers what this theme covers."),
        verbose_name=_("description"),
    )

    # ``history`` is registered in articles/translation.py, once the per-language
    # columns exist, so it records every language.

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def get_absolute_url(self):
        return url_for("themes:detail", slug=self.slug)


class ThemedItemManager(models.Manager):
    def get_by_natural_key(self, app_label, model, object_id, theme_name):
        return self.get(
            content_type__app_label=app_label,
            content_type__model=model,
            object_id=object_id,
            tag__name=theme_name,
        )


class ThemedItem(GenericTaggedItemBase):
    tag = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="tagged_items", verbose_name=_("tag"))

    # taggit's natural key is object_id alone, so a natural-key dump/load kept
    # one theme link per object id (an article's and an event's with the same
    # id, or an article's several themes, collapsed into one). A link is
    # identified by what it joins: the object's type and id, and the theme.
    objects = ThemedItemManager()
    # Which themes an article, claim or event was filed under, and when that changed.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("themed item")
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            # A theme's articles (``tagged``: pk IN these object ids), from the index alone.
            models.Index(fields=["tag", "content_type", "object_id"], name="themeditem_tag_objects"),
        ]
        verbose_name_plural = _("themed items")

    def natural_key(self):
        return (*self.content_type.natural_key(), self.object_id, *self.tag.natural_key())

    natural_key.dependencies = ["contenttypes.contenttype", "articles.theme"]


class ThemesManager(_TaggableManager):
    """``article.themes`` (and a claim's, an event's): taggit's manager with a cheaper
    prefetch. After fetching the themes of a page's articles in one query, Django asks
    each article's manager for a queryset only to store that article's themes in it;
    taggit builds a full filtered query for that (about a third of a millisecond per
    article, more than the prefetch query itself). Here the instances being prefetched
    get a bare queryset instead. Everything else is taggit's."""

    def get_prefetch_querysets(self, instances, querysets=None):
        prefetch = super().get_prefetch_querysets(instances, querysets)
        for instance in instances:
            instance._themes_prefetching = True
        return prefetch

    def get_queryset(self, extra_filters=None):
        if self.instance is not None and self.instance.__dict__.pop("_themes_prefetching", False):
            return QuerySet(model=self.through.tag_model())
        return super().get_queryset(extra_filters)


# --------------------------------------------------------------------------
# Publications and authors
