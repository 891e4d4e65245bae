"""RSS and Atom feeds over the published commentary: latest, and per theme,
actor and author. Authors appear by name only, never with an email address."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from actors.models import Actor
from articles.models import Article, Author, Theme
from articles.syndication import AbsoluteIdsMixin

from .base import KeysFirst
from .jsonld import credited_authors

FEED_LENGTH = 20


class LatestFeed(AbsoluteIdsMixin, Feed):
    title = _("kzportal: latest commentary on the Kazakhstan crisis")
    description = _("New expert commentary on the January 2022 Kazakhstan crisis.")
    description_template = None

    def link(self, obj=None):
        return reverse("articles:list")

    def base_queryset(self, obj):
        return Article.objects.published()

    def items(self, obj=None):
        # Keys first (``KeysFirst``): the newest keys come from the indexes, then only their
        # rows are read. Selecting the rows directly, a theme's or an actor's feed read the
        # row of every article it matched (4,000 for a hub at 10,000 articles) to keep 20.
        return KeysFirst(
            self.base_queryset(obj).order_by("-live_from", "-pk"),
            lambda rows: rows.select_related("publication").prefetch_related(
                "article_authors__author", "contributions__author", "themes"
            ),
        )[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.standfirst

    def item_link(self, item):
        return item.get_absolute_url()

    def item_author_name(self, item):
        return ", ".join(author.name for author in credited_authors(item)) or None

    def item_pubdate(self, item):
        return item.live_from

    def item_updateddate(self, item):
        return max(item.updated_at, item.live_from) if item.live_from else item.updated_at

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]

    def item_guid(self, item):
        # The page's URL plus the article's number (made absolute in get_feed).
        return f"{item.get_absolute_url()}#{item.pk}"

    item_guid_is_permalink = False


class AtomMixin:
    """The Atom version of a feed: the RSS description becomes the subtitle."""

    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj) if callable(self.description) else self.description


class LatestAtomFeed(AtomMixin, LatestFeed):
    pass


class ThemeFeed(LatestFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Theme, slug=slug)

    def title(self, obj):
        return _("kzportal: commentary on {name}").format(name=obj.name)

    def description(self, obj):
        return obj.description or _("Expert commentary on {name}.").format(name=obj.name)

    def link(self, obj=None):
        return obj.get_absolute_url()

    def base_queryset(self, obj):
        return Article.objects.published().tagged(obj)


class ThemeAtomFeed(AtomMixin, ThemeFeed):
    pass


class ActorFeed(LatestFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Actor, slug=slug)

    def title(self, obj):
        return _("kzportal: commentary mentioning {name}").format(name=obj.name)

    def description(self, obj):
        return _("Expert commentary that mentions {name}.").format(name=obj.name)

    def link(self, obj=None):
        return obj.get_absolute_url()

    def base_queryset(self, obj):
        return Article.objects.published().mentioning(obj)


class ActorAtomFeed(AtomMixin, ActorFeed):
    pass


class AuthorFeed(LatestFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug)

    def title(self, obj):
        return _("kzportal: commentary by {name}").format(name=obj.name)

    def description(self, obj):
        return _("Expert commentary by {name}.").format(name=obj.name)

    def link(self, obj=None):
        return obj.get_absolute_url()

    def base_queryset(self, obj):
        return Article.objects.published().by_author(obj)


class AuthorAtomFeed(AtomMixin, AuthorFeed):
    pass

