"""
Write a parsed commentary into the database as a draft article.

``import_commentary`` is the only write path for imports (the management
command calls it). An import is identified by ``Article.source_hash``, the
SHA-256 of the normalised source text: importing the same text again finds
the article and changes nothing, so an article an editor has worked on since
is never overwritten. A changed text is a new source and becomes a new draft.
"""

import hashlib
import itertools
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from .. import publishing
from ..comments.services import import_comment
from ..models import (
    Article,
    ArticleAuthor,
    Author,
    Contribution,
    Publication,
    SourceMarker,
)
from .parser import HEADING, Block, ParsedAuthor, ParsedCommentary, normalise_text, parse_commentary

# Display name of reader comments copied from the original page, which
# prints no names.
IMPORTED_COMMENT_NAME = "Reader of the original page"
UNTITLED_NOTE = "The original page has no headline; the title is ours."

CREATED = "created"
UNCHANGED = "unchanged"

# What an editor should do about a parser warning, appended to it.
_ADVICE = {
    "no date stated": "set it in the admin if you can find it; leave it empty rather than guess",
    "no publication stated": "choose the publication in the admin if you know it",
    "no author found": "add the byline in the admin",
}


# Moving an article through the workflow (publishing it, archiving it) is not
# editing it: a launch article is saved as a draft and then published. Nor is
# recording its origin and the rights to republish it, which publishing needs.
_WORKFLOW_FIELDS = ("status", "live_from", "updated_at", "origin", "rights")


class CommentaryImportError(ValueError):
    """The text cannot become an article (e.g. it has no paragraphs)."""


@dataclass(frozen=True)
class ImportResult:
    source_name: str
    status: str  # CREATED or UNCHANGED
    dry_run: bool
    title: str
    slug: str
    article_id: int | None  # None on a dry run that would create
    edited_since_import: bool  # for UNCHANGED: an editor has changed it since (publishing is not a change)
    parsed: ParsedCommentary
    warnings: tuple[str, ...]

    @property
    def changed(self) -> bool:
        return self.status == CREATED


def source_hash(text: str) -> str:
    """The identity of an imported text: SHA-256 of its normalised form."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def blocks_to_markdown(blocks: tuple[Block, ...]) -> str:
    """Paragraphs separated by blank lines; headings as ``## ``."""
    parts = []
    for block in blocks:
        text = escape_markdown(block.text)
        parts.append(f"## {text}" if block.kind == HEADING else text)
    return "\n\n".join(parts)


def escape_markdown(text: str) -> str:
    """Keep plain text plain under Markdown (the ``[↗]`` markers stay as they are)."""
    text = text.replace("\\", "\\\\")
    for char in "*_`":
        text = text.replace(char, "\\" + char)
    text = text.replace("<", "&lt;")
    if text[:1] in "#>+-":
        text = "\\" + text
    head, sep, rest = text.partition(". ")
    if sep and head.isdigit():
        text = f"{head}\\. {rest}"  # would start a numbered list
    return text


def _fit(value: str, model, field: str, warnings: list[str]) -> str:
    limit = model._meta.get_field(field).max_length
    if limit and len(value) > limit:
        warnings.append(
            f"{model._meta.verbose_name} {field} shortened to {limit} characters: “{value[:40]}…”"
        )
        return value[: limit - 1].rstrip() + "…"
    return value


def _unique_slug(base: str, taken_by) -> str:
    base = (slugify(base)[:180].strip("-")) or "commentary"
    taken = set(taken_by.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _publication(name: str, warnings: list[str]) -> Publication | None:
    if not name:
        return None
    slug = slugify(name)[:200] or None
    found = Publication.objects.filter(slug=slug).first() if slug else None
    if found:
        return found
    publication = Publication(name=_fit(name, Publication, "name", warnings), slug=slug)
    publication.full_clean()
    publication.save()
    return publication


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


def _placeholder_title(parsed: ParsedCommentary, source_name: str) -> str:
    names = [a.name for a in parsed.authors] or [c.author.name for c in parsed.contributions]
    if names:
        return "Untitled commentary by " + ", ".join(names)
    return f"Untitled commentary from {source_name}"


def _warnings(parsed: ParsedCommentary, title: str) -> list[str]:
    out = []
    for warning in parsed.warnings:
        if warning == "no title found":
            out.append(f"no title found — the draft is called “{title}”; write the real title in the admin")
        elif warning in _ADVICE:
            out.append(f"{warning} — {_ADVICE[warning]}")
        else:
            out.append(warning)
    return out


def import_commentary(*, text: str, source_name: str, dry_run: bool = False) -> ImportResult:
    """Import one scraped commentary as a draft article (see the module docstring).

    Raises ``CommentaryImportError`` when the text has no paragraphs, and
    ``ValidationError`` if a row fails validation; nothing is written then.
    With ``dry_run`` everything is done and validated, then rolled back.
    """
    parsed = parse_commentary(text)
    if not parsed.all_paragraphs:
        raise CommentaryImportError("no paragraphs found: is this a commentary page?")
    fingerprint = source_hash(text)

    try:
        with transaction.atomic():
            existing = Article.objects.filter(source_hash=fingerprint).first()
            if existing is not None:
                return _unchanged(existing, parsed, source_name, dry_run)
            result = _create(parsed, fingerprint, source_name, dry_run)
            if dry_run:
                transaction.set_rollback(True)
            return result
    except IntegrityError as error:
        # A concurrent import of the same text won the race: that is "unchanged".
        existing = Article.objects.filter(source_hash=fingerprint).first()
        if existing is not None:
            return _unchanged(existing, parsed, source_name, dry_run)
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise CommentaryImportError(f"could not be saved ({reason}); run the import again") from error


def _unchanged(existing: Article, parsed: ParsedCommentary, source_name: str, dry_run: bool) -> ImportResult:
    return ImportResult(
        source_name=source_name,
        status=UNCHANGED,
        dry_run=dry_run,
        title=existing.title,
        slug=existing.slug,
        article_id=existing.pk,
        edited_since_import=_edited_since_import(existing),
        parsed=parsed,
        warnings=(),
    )


def _edited_since_import(article: Article) -> bool:
    """Whether a save after the first changed more than the article's workflow state."""
    records = list(article.history.order_by("history_date", "history_id"))
    return any(
        newer.diff_against(older, excluded_fields=_WORKFLOW_FIELDS).changes
        for older, newer in itertools.pairwise(records)
    )


def _create(parsed: ParsedCommentary, fingerprint: str, source_name: str, dry_run: bool) -> ImportResult:
    title = parsed.title or _placeholder_title(parsed, source_name)
    warnings = _warnings(parsed, title)
    title = _fit(title, Article, "title", warnings)

    article = Article(
        title=title,
        slug=_unique_slug(title, Article.objects.all()),
        body=blocks_to_markdown(parsed.body),
        publication=_publication(parsed.publication, warnings),
        series=_fit(parsed.series_name, Article, "series", warnings),
        series_number=parsed.series_number,
        published_on=parsed.date,
        editorial_note="" if parsed.title else UNTITLED_NOTE,
        status=Article.Status.DRAFT,
        source_hash=fingerprint,
    )
    if parsed.date:
        article.published_on_precision = parsed.date_precision
    # The one write path, as the launch loader: the article's own fields now, and
    # everything derived again once its parts exist (refresh_derived below).
    publishing.save_article(article=article)

    for order, parsed_author in enumerate(parsed.authors):
        credit = ArticleAuthor(article=article, author=_author(parsed_author, warnings), order=order)
        credit.full_clean()
        credit.save()

    for order, contribution in enumerate(parsed.contributions, start=1):
        row = Contribution(
            article=article,
            author=_author(contribution.author, warnings),
            order=order,
            body=blocks_to_markdown(contribution.blocks),
        )
        row.full_clean()
        row.save()

    markers = []
    for order, marker in enumerate(parsed.source_markers, start=1):
        prefix = "" if marker.contribution_index is None else f"c{marker.contribution_index + 1}-"
        markers.append(
            SourceMarker(
                article=article,
                order=order,
                anchor=f"{prefix}p{marker.paragraph_index + 1}",
                context=_fit(marker.context, SourceMarker, "context", warnings),
            )
        )
    for row in markers:
        row.full_clean()
    SourceMarker.objects.bulk_create(markers)
    for body in parsed.comments:
        import_comment(article=article, name=IMPORTED_COMMENT_NAME, body=body)

    publishing.refresh_derived(article=article)

    return ImportResult(
        source_name=source_name,
        status=CREATED,
        dry_run=dry_run,
        title=article.title,
        slug=article.slug,
        article_id=None if dry_run else article.pk,
        edited_since_import=False,
        parsed=parsed,
        warnings=tuple(warnings),
    )
