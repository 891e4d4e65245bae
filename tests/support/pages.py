"""Small helpers for reading rendered public pages in tests."""

import json
import re
from html.parser import HTMLParser


def text(response):
    return response.content.decode()


def jsonld_blocks(response, *, breadcrumbs=False):
    """The page's JSON-LD blocks, parsed: about the page's subject, or (``breadcrumbs=True``)
    only the BreadcrumbList that every page with breadcrumbs carries."""
    blocks = [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', text(response), re.S)
    ]
    return [block for block in blocks if (block.get("@type") == "BreadcrumbList") == breadcrumbs]


class Outline(HTMLParser):
    """Collects headings, landmarks and selected attributes of a page."""

    def __init__(self):
        super().__init__()
        self.headings = []
        self.tags = []
        self.meta = {}
        self.links = []
        self._heading = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = [int(tag[1]), ""]
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta[key] = attrs.get("content", "")
        if tag == "link":
            self.links.append(attrs)

    def handle_endtag(self, tag):
        if self._heading is not None and tag == f"h{self._heading[0]}":
            self.headings.append(tuple(self._heading))
            self._heading = None

    def handle_data(self, data):
        if self._heading is not None:
            self._heading[1] += data

    def count(self, tag, **attrs):
        return sum(
            1 for name, have in self.tags if name == tag and all(have.get(k) == v for k, v in attrs.items())
        )


def outline(response):
    parser = Outline()
    parser.feed(text(response))
    return parser
