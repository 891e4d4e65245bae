"""Timeline events."""

from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from actors.models import Actor
from kzportal.links import url_for

from .dates import DatePrecision, PartialDateMixin, normalise_partial_date
from .themes import ThemedItem, ThemesManager


class EventQuerySet(models.QuerySet):
    def for_timeline(self, *, shown=None):
        """Events with their actors and the published commentary discussing each.

        ``event.published_articles`` holds only ``Article.objects.published()``, newest
        first: the ``shown`` newest where a page lists them (so a page does not grow with
        the commentary; ``event.published_article_count`` counts them all), every one
        where ``shown`` is None (the API's own pages bound that).
        """
        from .articles import Article  # articles.py imports Event: resolve at call time

        published = Article.objects.published()
        articles = published.select_related("publication").by_date()
        if shown is not None:
            articles = articles[:shown]
        return (
            self.annotate(published_article_count=published.count_per("event"))
            .prefetch_related(
                Prefetch("actors", queryset=Actor.objects.order_by("name")),
                Prefetch("articles", queryset=articles, to_attr="published_articles"),
            )
            .order_by("date", "title")
        )


class Event(PartialDateMixin, models.Model):
    title = models.CharField(max_length=300, verbose_name=_("title"))
    slug = models.SlugField(max_length=200, unique=True, verbose_name=_("slug"))
    date = models.DateField(help_text=_("For month or year precision, any day in that period."), verbose_name=_("date"))
    date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY,
        verbose_name=_("date precision"),
    )
    description = models.TextField(blank=True, verbose_name=_("description"))
    actors = models.ManyToManyField(Actor, blank=True, related_name="events", verbose_name=_("actors"))
    themes = TaggableManager(through=ThemedItem, manager=ThemesManager, blank=True, related_name="events")
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    objects = EventQuerySet.as_manager()
    # ``history`` (with the actors) is registered in articles/translation.py, once the
    # per-language columns exist, so it records every language.

    class Meta:
        ordering = ["date", "title"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self):
        return f"{self.date_display}: {self.title}"

    def save(self, *args, **kwargs):
        self.date = normalise_partial_date(self.date, self.date_precision)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return url_for("timeline") + f"#event-{self.slug}"
