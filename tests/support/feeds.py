"""A feed validator for the suite: feedparser must read the feed without complaint
(``bozo``), and an Atom feed must follow RFC 4287's rules that feed readers rely on."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import feedparser

ATOM = "{http://www.w3.org/2005/Atom}"


def _absolute_iri(value):
    parts = urlsplit(value or "")
    if parts.scheme in ("http", "https"):
        return bool(parts.netloc)
    return parts.scheme == "tag" or parts.scheme == "urn"


def atom_problems(content: bytes) -> list[str]:
    """RFC 4287 section 4: what a conforming Atom feed must hold."""
    problems = []
    root = ET.fromstring(content)  # noqa: S314 - our own output
    if root.tag != f"{ATOM}feed":
        return [f"root is {root.tag}, not atom:feed"]
    for name in ("id", "title", "updated"):
        if len(root.findall(f"{ATOM}{name}")) != 1:
            problems.append(f"feed needs exactly one atom:{name}")
    if not _absolute_iri(root.findtext(f"{ATOM}id")):
        problems.append(f"feed id {root.findtext(f'{ATOM}id')!r} is not an absolute IRI")
    if not root.findall(f"{ATOM}link[@rel='self']"):
        problems.append("feed should have a rel=self link")
    feed_has_author = root.find(f"{ATOM}author/{ATOM}name") is not None
    ids = []
    for entry in root.findall(f"{ATOM}entry"):
        entry_id = entry.findtext(f"{ATOM}id")
        ids.append(entry_id)
        for name in ("id", "title", "updated"):
            if len(entry.findall(f"{ATOM}{name}")) != 1:
                problems.append(f"entry {entry_id!r} needs exactly one atom:{name}")
        if not _absolute_iri(entry_id):
            problems.append(f"entry id {entry_id!r} is not an absolute IRI")
        if not feed_has_author and entry.find(f"{ATOM}author/{ATOM}name") is None:
            problems.append(f"entry {entry_id!r} has no author and the feed names none")
        if entry.find(f"{ATOM}link[@rel='alternate']") is None and entry.find(f"{ATOM}content") is None:
            problems.append(f"entry {entry_id!r} needs a rel=alternate link or content")
        for link in entry.findall(f"{ATOM}link"):
            if not _absolute_iri(link.get("href")):
                problems.append(f"entry link {link.get('href')!r} is relative")
    if len(set(ids)) != len(ids):
        problems.append("entry ids repeat")
    return problems


def rss_problems(content: bytes) -> list[str]:
    """RSS 2.0: every guid and link absolute (a guid is compared across feeds)."""
    problems = []
    root = ET.fromstring(content)  # noqa: S314 - our own output
    for item in root.iter("item"):
        for name in ("guid", "link"):
            value = item.findtext(name)
            if value is not None and not _absolute_iri(value):
                problems.append(f"{name} {value!r} is not absolute")
    return problems


def feed_problems(content: bytes) -> list[str]:
    parsed = feedparser.parse(content)
    problems = [f"feedparser: {parsed.bozo_exception}"] if parsed.bozo else []
    if parsed.version.startswith("atom"):
        problems += atom_problems(content)
    else:
        problems += rss_problems(content)
    return problems
