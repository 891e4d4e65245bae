"""Share links: plain links to each network's own share page, built on the server.

No script, image or request to another host is part of our pages: a reader who
follows one of these links leaves for that site like any other link. The page's
address (canonical, without its query string) is also shown in a read-only
field to copy by hand.

``{% share_links title as links %}`` gives (label, href) pairs for the current
page; ``{% share_links title url=... as links %}`` for another address. No queries.
"""

from urllib.parse import quote, urlencode

from django import template
from django.utils.translation import gettext_lazy as _

from articles.pages.jsonld import page_url

register = template.Library()


def share_targets(*, url: str, title: str) -> list[tuple[str, str]]:
    """(label, href) for e-mail, X, Facebook, LinkedIn, Telegram and WhatsApp."""

    def query(**params):
        return urlencode(params, quote_via=quote)

    return [
        (_("E-mail"), "mailto:?" + query(subject=title, body=url)),
        ("X", "https://x.com/intent/post?" + query(text=title, url=url)),
        ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + query(u=url)),
        ("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?" + query(url=url)),
        ("Telegram", "https://t.me/share/url?" + query(url=url, text=title)),
        ("WhatsApp", "https://wa.me/?" + query(text=f"{title} {url}")),
    ]


@register.simple_tag(takes_context=True)
def share_links(context, title, url=""):
    if not url:
        request = context.get("request")
        url = page_url(request) if request is not None else ""
    return {"url": url, "links": share_targets(url=url, title=str(title))} if url else None
