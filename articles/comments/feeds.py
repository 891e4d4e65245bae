"""Per-article comments feed (RSS): approved comments only, never an email address."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import linebreaks_filter
from django.utils.html import escape

from articles.models import Article
from articles.syndication import AbsoluteIdsMixin

from .forms import strip_controls

FEED_SIZE = 50


class ArticleCommentsFeed(AbsoluteIdsMixin, Feed):
    def get_object(self, request, slug):
        return get_object_or_404(Article.objects.published(), slug=slug)

    def title(self, article):
        return f"Comments on “{article.title}”"

    def link(self, article):
        return f"{article.get_absolute_url()}#comments"

    def description(self, article):
        return f"Reader comments on “{article.title}”, after moderation."

    def items(self, article):
        comments = list(article.comments.approved().order_by("-submitted_at", "-pk")[:FEED_SIZE])
        for comment in comments:
            comment.article = article  # one query for the whole feed
        return comments

    def item_title(self, comment):
        # Many feed readers treat an RSS title as HTML: escape it, as Django's
        # default item_title does, so a reader's name can never become markup.
        # Control characters cannot be written in XML 1.0 (a comment edited in the admin or
        # imported may hold one): drop them rather than fail the whole feed.
        return escape(strip_controls(f"{comment.name} on “{comment.article.title}”"))

    def item_description(self, comment):
        # RSS descriptions are HTML: the reader's text is escaped (autoescape), so markup stays text.
        return linebreaks_filter(strip_controls(comment.body), autoescape=True)

    def item_link(self, comment):
        return f"{comment.article.get_absolute_url()}#comment-{comment.pk}"

    def item_guid(self, comment):
        # Absolute (AbsoluteIdsMixin): a made-up "kzportal:" scheme is no IRI a reader can trust.
        return f"{comment.article.get_absolute_url()}#comment-{comment.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, comment):
        return comment.submitted_at

    def item_author_name(self, comment):
        return strip_controls(comment.name)

    # No item_author_email: readers' addresses are never published.
