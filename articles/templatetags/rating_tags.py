"""``{% rating_form_for article as rating_form %}``: an empty rating form with its signed
token (no database); ``{% rating_action_url article %}``: where it posts."""

from django import template
from django.urls import NoReverseMatch, reverse

from articles.ratings.forms import RatingForm

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
