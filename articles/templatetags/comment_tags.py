"""Template tags for reader comments.

``{% comment_form_for article as comment_form %}`` builds an empty form (with
its signed timestamp) without touching the database; ``{% comment_action_url
article %}`` is where it posts; ``{% pending_comment_count as n %}`` is the
admin index's one query.
"""

from django import template
from django.urls import NoReverseMatch, reverse

from articles.comments.forms import CommentForm
from articles.models import Comment
from articles.pagecache import record_form_token

register = template.Library()


@register.simple_tag(takes_context=True)
def comment_form_for(context, article):
    """The empty form; its token is recorded on the request so the page cache
    stores a placeholder and issues every reader a fresh one (kzportal.pagecache)."""
    form = CommentForm(article=article)
    record_form_token(context.get("request"), article.pk, form.initial["token"])
    return form


@register.simple_tag
def comment_action_url(article):
    try:
        return reverse("comments:post", kwargs={"slug": article.slug})
    except NoReverseMatch:  # comment URLs not installed (e.g. a partial URLconf in a test)
        return ""


@register.simple_tag
def comment_feed_url(article):
    try:
        return reverse("comments:feed", kwargs={"slug": article.slug})
    except NoReverseMatch:
        return ""


@register.simple_tag
def pending_comment_count():
    return Comment.objects.pending().count()
