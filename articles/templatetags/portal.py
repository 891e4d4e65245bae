"""Template tags for the public site's layout: site name, canonical URL, the
navigation's current section and JSON-LD script tags.

None of them touches the database, and all of them work without a request in
the context (the 500 page is rendered without one).
"""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# The same escapes as Django's ``json_script``: nothing in the data can close
# the <script> element or open a comment, whatever an editor typed.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def site_name():
    return getattr(settings, "KZ_SITE_NAME", "kzportal")


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's absolute URL without its query string ("" without a request)."""
    request = context.get("request")
    if request is None:
        return ""
    return request.build_absolute_uri(request.path)


@register.simple_tag(takes_context=True)
def nav_current(context, section):
    """The ``aria-current`` attribute for a navigation link to ``section``:
    "page" on the section's own page, "true" on a page inside it, else nothing."""
    path = getattr(context.get("request"), "path", "")
    if path == section:
        return mark_safe(' aria-current="page"')
    if path.startswith(section):
        return mark_safe(' aria-current="true"')
    return ""


@register.filter(is_safe=True)
def jsonld(value):
    """A ``<script type="application/ld+json">`` element holding ``value``.

    Escaped like ``json_script``, so editor-written text cannot break out of
    the element.
    """
    if not value:
        return ""
    data = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(data))  # noqa: S308


@register.simple_tag(takes_context=True)
def breadcrumb_jsonld(context, crumbs):
    """The breadcrumbs shown on the page as a schema.org BreadcrumbList script (absolute URLs)."""
    from articles.pages.jsonld import breadcrumb_list

    request = context.get("request")
    if request is None or not crumbs:
        return ""
    return jsonld(breadcrumb_list(crumbs, request))
