"""
Write a parsed commentary into the database as a draft article.

``import_commentary`` is the only write path for imports (the management
command calls it). An import is identified by ``Article.source_hash``, the
SHA-256 of the normalised source text: importing the same text again finds
the article and changes nothing, so an article an editor has worked on since
is never overwritten. A changed text is a new source and becomes a new draft.
"""

import datetime as dt
import hashlib
import itertools
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from .. import publishing
from ..comments.services import import_original_comment
from ..models import (
    Article,
    ArticleAuthor,
    Contribution,
    Publication,
    SourceMarker,
)
from .html import HtmlExtractionError, extract_html, looks_like_html
from .markdown import blocks_to_markdown
from .parser import ParsedAuthor, ParsedCommentary, normalise_text, parse_commentary
from .records import _author, _domain, _fit, _publication, find_publication, known_publication_names

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
    publication: str = ""  # the matched publication's name
    original_url: str = ""
    evidence: tuple[tuple[str, str], ...] = field(default=())

    @property
    def changed(self) -> bool:
        return self.status == CREATED


def source_hash(text: str) -> str:
    """The identity of an imported text: SHA-256 of its normalised form."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def _unique_slug(base: str, taken_by) -> str:
    base = (slugify(base)[:180].strip("-")) or "commentary"
    taken = set(taken_by.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


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


@dataclass(frozen=True)
class Overrides:
    """Fields an editor corrected in the admin preview (None: keep what was detected)."""

    title: str | None = None
    standfirst: str | None = None
    authors: tuple[str, ...] | None = None
    published_on: dt.date | None = None
    date_precision: str | None = None
    original_url: str | None = None
    clear_date: bool = False


def parse_source(text: str) -> ParsedCommentary:
    """Parse a text scrape or a saved HTML page, with the publications editors have."""
    known = known_publication_names()
    if looks_like_html(text):
        try:
            body, meta = extract_html(text)
        except HtmlExtractionError as error:
            raise CommentaryImportError(str(error)) from None
        return parse_commentary(body, publications=known, meta=meta)
    return parse_commentary(text, publications=known)


def _check_url(url: str) -> str:
    url = (url or "").strip()
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise CommentaryImportError(f"“{url[:80]}” is not a web address (http:// or https://)") from None
    return url


def import_commentary(
    *,
    text: str,
    source_name: str,
    dry_run: bool = False,
    publication: Publication | str | None = None,
    url: str = "",
    approve_comments: bool = False,
    overrides: Overrides | None = None,
) -> ImportResult:
    """Import one scraped commentary (text or saved HTML page) as a draft article.

    ``publication`` (a Publication, or its slug, name or alias) and ``url``
    are what the editor states; they win over what the page says. The page's
    reader comments enter moderation as pending unless ``approve_comments``.
    Raises ``CommentaryImportError`` when the text has no paragraphs (or the
    publication or URL given is unusable), and ``ValidationError`` if a row
    fails validation; nothing is written then. With ``dry_run`` everything is
    done and validated, then rolled back.
    """
    url = _check_url(url)
    if isinstance(publication, str) and publication.strip():
        found = find_publication(publication)
        if found is None:
            raise CommentaryImportError(
                f"publication “{publication[:80]}” is not one you have; add it in the admin first"
            )
        publication = found
    elif not isinstance(publication, Publication):
        publication = None
    parsed = parse_source(text)
    if not parsed.all_paragraphs:
        raise CommentaryImportError("no paragraphs found: is this a commentary page?")
    fingerprint = source_hash(text)
    options = _Options(publication, url, approve_comments, overrides or Overrides())

    try:
        with transaction.atomic():
            existing = Article.objects.filter(source_hash=fingerprint).first()
            if existing is not None:
                return _unchanged(existing, parsed, source_name, dry_run)
            result = _create(parsed, fingerprint, source_name, dry_run, options)
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


@dataclass(frozen=True)
class _Options:
    publication: Publication | None
    url: str
    approve_comments: bool
    overrides: Overrides


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


def _create(
    parsed: ParsedCommentary, fingerprint: str, source_name: str, dry_run: bool, options: _Options
) -> ImportResult:
    fix = options.overrides
    page_title = parsed.title if fix.title is None else fix.title.strip()
    title = page_title or _placeholder_title(parsed, source_name)
    warnings = _warnings(parsed, title) if fix.title is None else [
        w for w in _warnings(parsed, title) if not w.startswith("no title found")
    ]
    evidence = list(parsed.evidence)
    title = _fit(title, Article, "title", warnings)
    original_url = options.url or (parsed.original_url if fix.original_url is None else fix.original_url)
    if options.url:
        evidence.append(("original_url", "given by the editor (--url)"))
    try:
        original_url = _check_url(original_url)
    except CommentaryImportError:
        warnings.append(f"the page’s canonical link “{original_url[:80]}” is not a web address: not used")
        original_url = ""
    publication = _publication(parsed, options.publication, original_url, warnings, evidence)
    published_on, precision = parsed.date, parsed.date_precision
    if fix.clear_date:
        published_on, precision = None, ""
    elif fix.published_on is not None:
        published_on, precision = fix.published_on, fix.date_precision or "day"

    article = Article(
        title=title,
        slug=_unique_slug(title, Article.objects.all()),
        standfirst=parsed.standfirst if fix.standfirst is None else fix.standfirst.strip(),
        body=blocks_to_markdown(parsed.body),
        publication=publication,
        series=_fit(parsed.series_name, Article, "series", warnings),
        series_number=parsed.series_number,
        original_url=_fit(original_url, Article, "original_url", warnings),
        published_on=published_on,
        editorial_note="" if page_title else UNTITLED_NOTE,
        status=Article.Status.DRAFT,
        source_hash=fingerprint,
    )
    if published_on:
        article.published_on_precision = precision
    # The one write path, as the launch loader: the article's own fields now, and
    # everything derived again once its parts exist (refresh_derived below).
    publishing.save_article(article=article)

    authors = list(parsed.authors)
    if fix.authors is not None:
        known = {a.name: a for a in parsed.authors}
        authors = [known.get(name, ParsedAuthor(name=name)) for name in fix.authors if name.strip()]
    for order, parsed_author in enumerate(authors):
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
    _import_comments(article, parsed, publication, original_url, options.approve_comments, warnings)

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
        publication=publication.name if publication else "",
        original_url=original_url,
        evidence=tuple(evidence),
    )


def _import_comments(article, parsed, publication, original_url, approve, warnings) -> None:
    """The original page's reader comments, dated as printed and labelled with that site."""
    site = (publication.name if publication else "") or _domain(original_url) or parsed.site_name
    site = site or "the original page"
    undated = 0
    dates = list(parsed.comment_dates) + [None] * (len(parsed.comments) - len(parsed.comment_dates))
    for order, (body, printed) in enumerate(zip(parsed.comments, dates, strict=True)):
        day = printed or article.published_on
        if day is None:
            undated += 1
            when = timezone.now()
        else:
            undated += printed is None
            # Noon UTC on the printed day, one second apart to keep the page's order.
            when = dt.datetime.combine(day, dt.time(12, 0), tzinfo=dt.UTC) + dt.timedelta(seconds=order)
        import_original_comment(
            article=article, name=IMPORTED_COMMENT_NAME, body=body, site=site, submitted_at=when, approve=approve
        )
    if parsed.comments:
        state = "approved (--approve-comments)" if approve else "pending moderation"
        warnings.append(f"{len(parsed.comments)} reader comment(s) from {site} imported as {state}")
    if undated:
        fallback = "the article’s date" if article.published_on else "the import time"
        warnings.append(f"{undated} reader comment(s) print no date: dated with {fallback}")
