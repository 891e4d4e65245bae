"""
The publications and authors an import is credited to: found, or (authors only) created.

A publication is matched by slug, name or alias (a name or a web domain) and is
never created by an import; an author is found by slug or created from the byline.
``_fit`` shortens a value to its model field's length, with a warning.
"""

from urllib.parse import urlsplit

from django.utils.text import slugify

from ..models import Author, Publication
from .parser import ParsedAuthor, ParsedCommentary


def _fit(value: str, model, field: str, warnings: list[str]) -> str:
    limit = model._meta.get_field(field).max_length
    if limit and len(value) > limit:
        warnings.append(
            f"{model._meta.verbose_name} {field} shortened to {limit} characters: “{value[:40]}…”"
        )
        return value[: limit - 1].rstrip() + "…"
    return value


def known_publication_names() -> list[str]:
    """Every name and alias editors gave their publications (what the parser may recognise)."""
    names: list[str] = []
    for name, aliases in Publication.objects.values_list("name", "aliases"):
        names.append(name)
        names.extend(line.strip() for line in aliases.splitlines() if line.strip())
    return names


def _domain(url: str) -> str:
    host = (urlsplit(url).hostname or "") if "//" in url else url.strip().lower()
    return host.lower().removeprefix("www.")


def find_publication(value: str) -> Publication | None:
    """The publication ``value`` names: its slug, name or an alias (a name or a domain)."""
    value = (value or "").strip()
    if not value:
        return None
    found = Publication.objects.filter(slug=value).first()
    if found:
        return found
    folded = value.casefold()
    domain = _domain(value) if "." in value else ""
    for publication in Publication.objects.all():
        names = [publication.name, *publication.alias_list]
        if any(n.casefold() == folded for n in names):
            return publication
        if domain:
            domains = {_domain(publication.url)} if publication.url else set()
            domains |= {_domain(a) for a in publication.alias_list if "." in a and " " not in a}
            if domain in domains or any(domain.endswith("." + d) for d in domains if d):
                return publication
    return None


def _publication(
    parsed: ParsedCommentary, explicit: Publication | None, url: str, warnings: list[str], evidence: list
) -> Publication | None:
    """Matched, never created: given by the editor, named by the page, or by the page's domain."""
    if explicit is not None:
        evidence.append(("publication", "given by the editor (--publication)"))
        return explicit
    if parsed.publication:
        found = find_publication(parsed.publication)
        if found:
            return found
    if url:
        found = find_publication(_domain(url))
        if found:
            evidence.append(("publication", f"the original URL’s domain {_domain(url)}"))
            return found
    if parsed.publication_candidates or url:
        candidates = [f"“{c}”" for c, _ in parsed.publication_candidates]
        if url:
            candidates.append(f"the domain {_domain(url)}")
        warnings.append(
            "publication left empty: " + ", ".join(candidates) + " match no publication you have — "
            "add it (or an alias) in the admin, or pass --publication"
        )
    return None


def _author(parsed: ParsedAuthor, warnings: list[str]) -> Author:
    """Found by slug (and then left as the editors keep it), or created."""
    slug = slugify(parsed.name)[:200]
    found = Author.objects.filter(slug=slug).first()
    if found:
        return found
    author = Author(
        name=_fit(parsed.name, Author, "name", warnings),
        slug=slug,
        affiliation=_fit(parsed.affiliation, Author, "affiliation", warnings),
        social=_fit(parsed.handle, Author, "social", warnings),
        bio=parsed.bio,
    )
    author.full_clean()
    author.save()
    return author
