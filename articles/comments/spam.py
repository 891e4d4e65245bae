"""
Spam signals, after WordPress's moderation rules.

A comment with two or more links, or containing a blocklist term (editable in
the admin; matched case-insensitively anywhere in the name, email or text), is
still stored as pending, with the reasons in ``Comment.spam_reasons`` so the
moderators' queue can filter and sort on them. Nothing is dropped silently.
"""

import re

from articles.models import BlocklistTerm

MAX_LINKS = 1  # two or more links flag the comment
# Each alternative consumes a whole link, so the parts of one link
# ("https://www.…", '<a href="http://…">', "[url=http://…]") count once.
_LINK = re.compile(
    r"""href\s*=\s*["']?[^\s"'>]*"""  # an HTML link with its address
    r"|\[url\b[^\]]*\][^\[\s]*"  # a BBCode link with its address or text
    r"""|(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>"'\[\]]*""",  # a bare address
    re.IGNORECASE,
)


def count_links(text: str) -> int:
    """How many links ``text`` holds (HTML, BBCode or bare addresses)."""
    return len(_LINK.findall(text))


def spam_reasons(*, name: str, email: str, body: str) -> str:
    """A short, human-readable list of reasons, or "" when nothing looks wrong."""
    reasons = []
    links = count_links(body) + count_links(name)
    if links > MAX_LINKS:
        reasons.append(f"{links} links")
    haystack = "\n".join([name, email, body]).casefold()
    matched = [
        term for term in BlocklistTerm.objects.values_list("term", flat=True)
        if term.strip() and term.strip().casefold() in haystack
    ]
    if matched:
        reasons.append("blocklist: " + ", ".join(matched))
    return "; ".join(reasons)[:300]
