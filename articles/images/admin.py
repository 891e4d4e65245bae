"""The image inlines: a lead image on the article form, a portrait on the author
form, an image on the actor form. The ``actors`` app does not import this: its
registered admin gets the inline from here (this app comes after it)."""

from django.contrib import admin

from actors.models import Actor
from articles.models import Article, Author

from .models import ActorImage, ArticleImage, AuthorPortrait


class _ImageInline(admin.StackedInline):
    extra = 0
    max_num = 1
    fields = ["image", "alt", "caption", "credit"]


class ArticleImageInline(_ImageInline):
    model = ArticleImage


class AuthorPortraitInline(_ImageInline):
    model = AuthorPortrait


class ActorImageInline(_ImageInline):
    model = ActorImage


for model, inline in ((Article, ArticleImageInline), (Author, AuthorPortraitInline), (Actor, ActorImageInline)):
    registered = admin.site._registry.get(model)
    if registered is not None and inline not in registered.inlines:
        registered.inlines = [*registered.inlines, inline]
