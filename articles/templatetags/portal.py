"""Template tags for the public site's layout: site name, canonical URL, the
navigation's current section and JSON-LD script tags.

None of them touches the database, and all of them work without a request in
the context (the 500 page is rendered without one).
"""

import json
import unicodedata
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import get_script_prefix
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_from_path

from kzportal.links import url_for

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
    from articles.pages.jsonld import page_url

    request = context.get("request")
    if request is None:
        return ""
    return page_url(request)


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


# Sections with one address in every language (``unprefixed_urlpatterns`` in articles/urls.py): no switcher.
UNPREFIXED_NAMESPACES = {"data", "api"}


def _unprefixed(path_info):
    """``/ru/actors/x/`` -> ``/actors/x/`` (an English address is already unprefixed).

    Leading slashes are one: ``//host/x`` (a reader can ask for it and get our 404 page)
    would be a link to another host, and ``//[`` an address nothing can parse."""
    code = get_language_from_path(path_info)
    if code and code != settings.LANGUAGE_CODE and path_info.startswith(f"/{code}/"):
        path_info = path_info[len(code) + 1 :]
    return "/" + path_info.lstrip("/")


def _kept_query(params):
    """The search words and page number, if plainly readable; never anything
    else a visitor put in the address (it would be echoed into every link)."""
    kept = {}
    words = params.get("q", "")
    if words and len(words) <= 200 and not any(unicodedata.category(ch) in ("Cc", "Cf") for ch in words):
        kept["q"] = words
    page = params.get("page", "")
    if page.isascii() and page.isdigit() and len(page) < 6:
        kept["page"] = page
    return urlencode(kept)


@register.simple_tag(takes_context=True)
def language_versions(context):
    """This page in every language, for the switcher and the hreflang links.

    A list of dicts: ``code``, ``name`` (the language's own name), ``path``
    (with the query string, so a reader keeps their search or filters),
    ``url`` (absolute, without the query string: the hreflang target) and
    ``current``. Slugs are the same in every language, so only the prefix
    changes. Empty without a request (the 500 page).
    """
    request = context.get("request")
    if request is None:
        return []
    rest = _unprefixed(request.path_info)
    match = getattr(request, "resolver_match", None)
    if match is not None and match.namespaces and match.namespaces[0] in UNPREFIXED_NAMESPACES:
        return []  # one address for every language (the open data page)
    prefix = get_script_prefix().rstrip("/")
    query = _kept_query(request.GET)
    current = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    versions = []
    for code, name in settings.LANGUAGES:
        path = prefix + (rest if code == settings.LANGUAGE_CODE else f"/{code}{rest}")
        versions.append({
            "code": code,
            "name": name,
            "path": f"{path}?{query}" if query else path,
            "url": request.build_absolute_uri(path),
            "current": code == current,
        })
    return versions


@register.simple_tag(takes_context=True)
def breadcrumb_jsonld(context, crumbs):
    """The breadcrumbs shown on the page as a schema.org BreadcrumbList script (absolute URLs)."""
    from articles.pages.jsonld import breadcrumb_list

    request = context.get("request")
    if request is None or not crumbs:
        return ""
    return jsonld(breadcrumb_list(crumbs, request))


@register.simple_tag
def link(viewname, **kwargs):
    """``{% url %}`` remembered per process (``kzportal.links.url_for``): for the
    addresses every page prints (the header, navigation and footer: 15 a page)."""
    return url_for(viewname, **kwargs)
