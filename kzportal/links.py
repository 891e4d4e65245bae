"""``reverse()`` remembered: the links a page prints many times over.

A list page prints an article's, its authors', its publication's and its themes'
addresses for every card, and ``reverse()`` walks the URL resolver, the language
prefix and the quoting each time (a tenth of a search page's rendering). An
address depends only on the view, its arguments, the active language, the script
prefix and the URLconf, so it is kept, per process, under all five; any settings
change (tests override URLconfs and languages) forgets them all.
"""

import functools

from django.core.signals import setting_changed
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language


# Bounded so a worker's memory stays flat however large the site: a sitemap page walks
# thousands of addresses once, while the ones every page prints stay.
@functools.lru_cache(maxsize=10_000)
def _reverse(viewname, kwargs, language, script_prefix, urlconf):
    return reverse(viewname, kwargs=dict(kwargs), urlconf=urlconf)


def url_for(viewname, **kwargs):
    """``reverse(viewname, kwargs=kwargs)`` in the current language, remembered."""
    return _reverse(viewname, tuple(sorted(kwargs.items())), get_language(), get_script_prefix(), get_urlconf())


def _forget(**_kwargs):
    _reverse.cache_clear()


setting_changed.connect(_forget, dispatch_uid="kzportal.links.forget")
