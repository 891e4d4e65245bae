"""The admin index's count of citations waiting for an editor to confirm their passage."""

from django import template

from articles.models import Citation

register = template.Library()


@register.simple_tag
def citations_needing_review_count() -> int:
    """How many citations readers do not see because their words left the text (one query)."""
    return Citation.objects.needing_review().count()
