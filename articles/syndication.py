"""What every feed of the site shares (the article feeds in ``pages/feeds.py`` and the
comment feeds in ``comments/feeds.py``); imports nothing from ``articles``."""

from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.contrib.syndication.views import add_domain


class AbsoluteIdsMixin:
    """Entry ids (Atom ``<id>``) and RSS ``<guid>``s as absolute URLs of this site.

    RFC 4287 wants every id an absolute IRI, and a feed reader keys entries by them
    across feeds; Django makes links absolute but leaves ``item_guid`` as given. The
    domain is the request's, like the links Django builds, so nothing is stored per
    request on the (shared) feed instance. A feed without authors on every entry
    names the site as its author (RFC 4287 4.1.1)."""

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        domain = get_current_site(request).domain
        for item in feed.items:
            if item.get("unique_id"):
                item["unique_id"] = add_domain(domain, item["unique_id"], request.is_secure())
        return feed

    def author_name(self, obj=None):
        return getattr(settings, "KZ_SITE_NAME", "kzportal")
