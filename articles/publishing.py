"""
The one write path for articles, and the workflow services.

``save_article`` saves an article's text and brings everything derived from it
up to date in the same transaction (rendered HTML, citation anchors, actor
mentions). The admin (change and add forms, history reverts, bulk actions), the
importer, the launch loader and the shell's services all end in
``refresh_derived``/``save_article``; nothing else recomputes them. Each
``save_article`` also queues a (debounced) rebuild of the open-data dump.

Re-anchoring reads the HTML the saves just stored and never renders Markdown, so
a save renders the text once whatever the number of citations, and runs a fixed
number of queries: one read of the contributions, one of the citations, and one
bulk update of those whose anchor moved or that now need review.

Status changes only through ``change_status`` (and the four named services
that call it): the moves in ``TRANSITIONS`` and the permission each needs, and
for publishing the readiness rules (``readiness_problems``). The change form,
admin actions, history reverts, the importer, the launch loader and commands
all end there; ``Article.save`` refuses a status set any other way.
"""

import datetime
import functools

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .mentions import refresh_actor_mentions
from .models import Article, ArticleAuthor, Citation, Contribution
from .newsletter import tasks as newsletter_tasks
from .opendata.tasks import schedule_rebuild
from .rendering import anchoring

ANCHOR_FIELDS = ["anchor", "position", "prefix", "suffix", "occurrences", "needs_review"]


def stored_document(*, article: Article) -> anchoring.Document:
    """The article's text as last saved (body and contributions), from stored HTML: no rendering."""
    contributions = Contribution.objects.filter(article=article).order_by("order").values_list("order", "body_html")
    return anchoring.Document([("", article.body_html)] + [(f"c{order}-", html) for order, html in contributions])


@transaction.atomic
def reanchor_citations(*, article: Article) -> list[Citation]:
    """Find every citation of ``article`` again in its saved text; returns those that
    need review (their words are gone), in text order.

    A citation whose words are still there follows them wherever they moved (its
    context picks the right one of repeated phrases); one whose words are gone,
    or remain only in another passage that its context does not single out
    (``anchoring.follow``), needs review and is hidden from readers until an
    editor confirms a passage.
    """
    document = stored_document(article=article)
    citations = list(Citation.objects.filter(article=article).select_related("claim").order_by("position", "pk"))
    changed = []
    for citation in citations:
        citation.article = article  # no query per citation for str() or links
        if citation.apply_anchor(document):
            changed.append(citation)
    if changed:
        Citation.objects.bulk_update(changed, ANCHOR_FIELDS)
    article.forget_text()
    return [citation for citation in citations if citation.needs_review]


@transaction.atomic
def refresh_derived(*, article: Article) -> list[Citation]:
    """Recompute what is derived from an article's text after a write of the text
    or its contributions: citation anchors and actor mentions. Returns the
    citations that need review."""
    needing_review = reanchor_citations(article=article)
    refresh_actor_mentions(article=article)
    # What is public may have changed: the open-data dump is rebuilt a little later
    # (debounced, in the worker; articles.opendata.tasks). Here, not in save_article,
    # so the admin's change form and history reverts (which save the article, then its
    # rows, then call this) queue it too.
    transaction.on_commit(schedule_rebuild, robust=True)
    return needing_review


@transaction.atomic
def save_article(*, article: Article) -> Article:
    """Validate and save an article's own fields, then ``refresh_derived``.

    ``article.citations_needing_review`` is set to the citations whose words the
    text no longer holds, so callers can tell the editor.
    """
    article.full_clean()
    article.save()
    article.citations_needing_review = refresh_derived(article=article)
    return article


@transaction.atomic
def use_passage(*, citation: Citation, quote: str, anchor: str = "") -> Citation:
    """Confirm ``quote`` (e.g. the closest passage the admin offers) as the citation's
    passage: it is checked against the current text, anchored and shown again.

    ``anchor`` is the paragraph the editor chose it in: where the same words occur
    more than once (a citation whose own words were edited while the same words
    remain elsewhere), that occurrence is the one confirmed, with its context.
    """
    document = citation.article.anchoring_document()
    chosen = anchoring.find(document, quote, within=anchor) if anchor else None
    if chosen is not None:
        citation.anchor, citation.prefix, citation.suffix = chosen.anchor, chosen.prefix[-200:], chosen.suffix[:200]
    citation.quote = quote
    citation.full_clean()
    # Anchored here, not only on save: an unchanged quote is otherwise only looked for again.
    citation.apply_anchor(document, confirming=True)
    citation.save()
    return citation


# ---------------------------------------------------------------------------
# The workflow: draft → in review → published → archived, and back to draft
# ---------------------------------------------------------------------------

Status = Article.Status
CHANGE = Article.CHANGE_PERMISSION
PUBLISH = Article.PUBLISH_PERMISSION

# Every move an article may make, and the permission it needs. Anything not
# listed is refused, for every user and every path (change form, admin actions,
# history reverts, services, the importer, the launch loader, the shell).
TRANSITIONS: dict[tuple[str, str], str] = {
    (Status.DRAFT, Status.REVIEW): CHANGE,  # a writer submits
    (Status.REVIEW, Status.DRAFT): CHANGE,  # withdrawn, or sent back for more work
    (Status.REVIEW, Status.PUBLISHED): PUBLISH,  # published now or scheduled
    (Status.PUBLISHED, Status.PUBLISHED): PUBLISH,  # a published piece without a time goes live now
    (Status.PUBLISHED, Status.ARCHIVED): PUBLISH,  # withdrawn from readers, kept
    (Status.PUBLISHED, Status.DRAFT): PUBLISH,  # taken back for rework
    (Status.ARCHIVED, Status.DRAFT): PUBLISH,  # reopened: it goes through review again
}


def _label(status: str) -> str:
    return str(Status(status).label).lower()


def _refuse(*reasons) -> ValidationError:
    return ValidationError([ValidationError(reason) for reason in reasons])


def move_problems(*, article: Article, status: str, by) -> list[str]:
    """Why ``by`` may not move ``article`` to ``status`` (empty when it may).

    ``by`` is the user asking, or ``None`` for the system itself (the importer,
    the launch loader, a command): the system is bound by the same moves and
    readiness rules, only not by a user's permissions.
    """
    current = article.status if article.pk else Status.DRAFT
    needed = TRANSITIONS.get((current, status))
    if needed is None:
        allowed = [_label(target) for (source, target) in TRANSITIONS if source == current and target != current]
        return [
            _("A piece that is %(current)s cannot become %(target)s; from %(current)s it can only become: "
              "%(allowed)s.")
            % {"current": _label(current), "target": _label(status), "allowed": ", ".join(allowed)}
        ]
    if by is not None and not (by.is_active and by.has_perm(needed)):
        if needed == PUBLISH:
            return [_("You do not have the permission to publish, archive or withdraw articles: an editor does that.")]
        return [_("You do not have the permission to change articles.")]
    return []


def allowed_statuses(*, article: Article | None, by) -> list[str]:
    """The statuses ``by`` may choose for ``article`` (its own included): the
    change form's status choices."""
    current = article.status if article is not None and article.pk else Status.DRAFT
    targets = {current}
    for (source, target), needed in TRANSITIONS.items():
        if source == current and (by is None or by.has_perm(needed)):
            targets.add(target)
    return [value for value in Status.values if value in targets]


def readiness_problems(*, article: Article) -> list[str]:
    """What a piece lacks before it may be published (empty when it is ready):
    an author, a date, its publication (or an explicit origin saying it has none
    or is original to this site), a rights note for a third-party piece, and
    citations whose passage is confirmed. A fixed number of queries."""
    problems = []
    if not article.title.strip():
        problems.append(_("It has no title."))
    has_author = (
        ArticleAuthor.objects.filter(article=article).exists()
        or Contribution.objects.filter(article=article).exists()
    )
    if not has_author:
        problems.append(_("It has no author: add one to the byline (or a contribution with its author)."))
    if article.published_on is None:
        problems.append(_("It has no date: give the date it was first published."))
    third_party = article.origin != Article.Origin.ORIGINAL
    if article.origin == Article.Origin.ELSEWHERE and article.publication_id is None:
        problems.append(
            _("It names no publication: give the publication that first published it, or set its origin "
              "(“original to this site”, or “the source names no publication”).")
        )
    if third_party and not article.rights.strip():
        problems.append(
            _("It is a third-party piece with no rights note: give the licence or the permission to "
              "republish it (or say that none is known).")
        )
    needing_review = list(
        Citation.objects.filter(article=article, needs_review=True).order_by("position", "pk").values_list("quote", flat=True)
    )
    if needing_review:
        quotes = "; ".join(f"“{quote[:60]}”" for quote in needing_review)
        problems.append(
            ngettext(
                "%(count)d citation needs review (its words are no longer in the text): %(quotes)s.",
                "%(count)d citations need review (their words are no longer in the text): %(quotes)s.",
                len(needing_review),
            )
            % {"count": len(needing_review), "quotes": quotes}
        )
    return problems


def change_status(
    *, article: Article, status: str, by, live_from: datetime.datetime | None = None
) -> Article:
    """Move ``article`` to ``status``: THE one place a status changes.

    Refused with a ``ValidationError`` listing every reason when the move is not
    in ``TRANSITIONS``, when ``by`` (a user, or ``None`` for the system) lacks
    the move's permission, or, for publishing, when the piece is not ready
    (``readiness_problems``; citation anchors are brought up to date first, so
    a text changed behind the write path's back is caught). Publishing without
    a time makes the piece public now; ``live_from`` schedules it; an existing
    schedule is kept.
    """
    if problems := move_problems(article=article, status=status, by=by):
        raise _refuse(*problems)
    if status == Status.PUBLISHED:
        if article.pk:
            refresh_derived(article=article)
        if problems := readiness_problems(article=article):
            raise _refuse(*problems)
    previous = article.status, article.live_from
    with transaction.atomic():
        if status == Status.PUBLISHED:
            if live_from is not None:
                article.live_from = live_from
            elif article.live_from is None:
                article.live_from = timezone.now()
        article.status = status
        article._workflow_move = True
        try:
            save_article(article=article)
        except Exception:
            article.status, article.live_from = previous
            article._workflow_move = False
            raise
        if status == Status.PUBLISHED:
            # Newsletter subscribers who asked for "on publication" get it once it is live
            # (queued after commit; the digest sends each subscriber only what is new to them).
            transaction.on_commit(
                functools.partial(newsletter_tasks.article_published, live_from=article.live_from), robust=True
            )
        return article


def publish_article(*, article: Article, by, live_from: datetime.datetime | None = None) -> Article:
    """Publish now, or schedule for ``live_from``; an existing schedule is kept."""
    return change_status(article=article, status=Status.PUBLISHED, by=by, live_from=live_from)


def submit_for_review(*, article: Article, by) -> Article:
    return change_status(article=article, status=Status.REVIEW, by=by)


def archive_article(*, article: Article, by) -> Article:
    """Withdraw from the public site but keep everything, including citations."""
    return change_status(article=article, status=Status.ARCHIVED, by=by)


def unpublish_article(*, article: Article, by) -> Article:
    """Back to draft (from review, published or archived)."""
    return change_status(article=article, status=Status.DRAFT, by=by)
