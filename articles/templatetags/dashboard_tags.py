"""The editors' dashboard on the admin index (``articles.admin.dashboard``)."""

from django import template

from articles.admin.dashboard import dashboard_for

register = template.Library()


@register.simple_tag
def editorial_dashboard(user) -> list:
    """The dashboard sections ``user`` may see (two queries per section)."""
    return dashboard_for(user)
