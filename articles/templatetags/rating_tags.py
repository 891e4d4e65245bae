"""``{% rating_form_for article as rating_form %}``: an empty rating form with its signed
token (no database); ``{% rating_action_url article %}``: where it posts;
``{% rating_summary article %}``: the summary paragraph (no database: reads
``rating_count``/``rating_average`` from ``with_rating``), which cached copies keep as a
hole filled per request (``articles.pagecache``)."""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

from articles.ratings.forms import RatingForm
from articles.ratings.services import summary_text

register = template.Library()


@register.simple_tag
def rating_form_for(article):
    return RatingForm(article=article)


@register.simple_tag
def rating_action_url(article):
    try:
        return reverse("ratings:post", kwargs={"slug": article.slug})
    except NoReverseMatch:
        return ""


@register.simple_tag
def rating_summary(article):
    text = summary_text(article.rating_count, article.rating_average)
    return format_html('<p class="rating-summary" data-article="{}">{}</p>', article.pk, text)
