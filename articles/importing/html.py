"""
Saved web pages (HTML) for the importer: main text and metadata.

``looks_like_html(text)`` tells a saved page from a plain-text scrape, and
``extract_html(html)`` runs it through trafilatura (main text, reader
comments, title, author, site name, canonical URL, description) and htmldate
(the publication date from the page's markup only: ``extensive_search`` is
off, so a date is never guessed from running text). It returns the text for
``parse_commentary`` and a ``meta`` dict that the parser uses where the text
is silent, so a page goes through the same clean-up and review as a text.

Pure: no Django, no database, no network (nothing is ever fetched).
"""

from __future__ import annotations

import datetime as dt
import logging
import re

_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.I | re.S)
_HTML_ANYWHERE = re.compile(r"<(?:html|body|article|main)[\s>]", re.I)

# trafilatura logs every page it finds thin; the importer reports in its own words.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


class HtmlExtractionError(ValueError):
    """The page has no main text that could be found."""


def looks_like_html(text: str) -> bool:
    head = text[:2048]
    return bool(_HTML_START.match(head) or (_HTML_ANYWHERE.search(head) and "</" in text))


def _clean_title(title: str, sitename: str) -> str:
    title = title.strip()
    if sitename:
        for sep in (" | ", " - ", " – ", " — ", " :: "):
            suffix = f"{sep}{sitename}"
            if title.casefold().endswith(suffix.casefold()):
                return title[: -len(suffix)].strip()
    return title


def _split_authors(author: str) -> list[str]:
    parts = re.split(r"\s*;\s*|\s*,\s*|\s+and\s+|\s*&\s*", author or "")
    return [p.strip() for p in parts if p.strip()]


def extract_html(html: str) -> tuple[str, dict]:
    """``(text, meta)`` for a saved page; ``HtmlExtractionError`` when it has no main text."""
    import htmldate
    import trafilatura

    document = trafilatura.bare_extraction(
        html,
        include_comments=True,
        include_tables=False,
        with_metadata=True,
        favor_recall=True,
        deduplicate=False,
    )
    if document is None:
        raise HtmlExtractionError("no main text found in this HTML page")
    data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    text = (data.get("text") or "").strip()
    if not text:
        raise HtmlExtractionError("no main text found in this HTML page")
    comments = (data.get("comments") or "").strip()
    if comments:
        text = f"{text}\n\nComments\n\n{comments}"

    sitename = (data.get("sitename") or "").strip()
    authors = _split_authors(data.get("author") or "")
    title = _clean_title(data.get("title") or "", sitename)
    for name in authors:
        # "Headline | Jane Doe": some sites put the columnist's name after the headline.
        for sep in (" | ", " - ", " – ", " — "):
            if title.endswith(sep + name):
                title = title[: -len(sep + name)].strip()
    meta: dict = {
        "title": title,
        "authors": authors,
        "url": (data.get("url") or "").strip(),
        "description": (data.get("description") or "").strip(),
        "sitename": sitename,
        "hostname": (data.get("hostname") or "").strip(),
    }
    found = htmldate.find_date(html, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    if found:
        try:
            meta["date"] = dt.date.fromisoformat(found)
            meta["date_text"] = found
        except ValueError:
            pass
    # Paragraph breaks: the parser reads one paragraph per line, with blank lines between.
    text = "\n\n".join(line.strip() for line in text.split("\n") if line.strip())
    return text, meta
