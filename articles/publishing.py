"""
The one write path for articles, and the workflow services.

``save_article`` saves an article's text and brings everything derived from it
up to date in the same transaction (rendered HTML, citation anchors, actor
mentions). The admin (change and add forms, history reverts, bulk actions), the
importer, the launch loader and the shell's services all end in
``refresh_derived``/``save_article``; nothing else recomputes them.

Re-anchoring reads the HTML the saves just stored and never renders Markdown, so
a save renders the text once whatever the number of citations, and runs a fixed
number of queries: one read of the contributions, one of the citations, and one
bulk update of those whose anchor moved or that now need review.

Status changes only through the workflow services below (publish, review,
archive, back to draft): views, admin actions and commands call these instead
of setting fields, so every path validates the same way and records history.
"""

import datetime
import functools

from django.db import transaction
from django.utils import timezone

from .mentions import refresh_actor_mentions
from .models import Article, Citation, Contribution
from .newsletter import tasks as newsletter_tasks
from .rendering import anchoring

ANCHOR_FIELDS = ["anchor", "position", "prefix", "suffix", "needs_review"]


def stored_document(*, article: Article) -> anchoring.Document:
    """The article's text as last saved (body and contributions), from stored HTML: no rendering."""
    contributions = Contribution.objects.filter(article=article).order_by("order").values_list("order", "body_html")
    return anchoring.Document([("", article.body_html)] + [(f"c{order}-", html) for order, html in contributions])


@transaction.atomic
def reanchor_citations(*, article: Article) -> list[Citation]:
    """Find every citation of ``article`` again in its saved text; returns those that
    need review (their words are gone), in text order.

    A citation whose words are still there follows them wherever they moved (its
    context picks the right one of repeated phrases); one whose words are gone
    needs review and is hidden from readers until an editor confirms a passage.
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
def use_passage(*, citation: Citation, quote: str) -> Citation:
    """Confirm ``quote`` (e.g. the closest passage the admin offers) as the citation's
    passage: it is checked against the current text, anchored and shown again."""
    citation.quote = quote
    citation.full_clean()
    citation.save()
    return citation


def _move_to(article: Article, status: str) -> Article:
    article.status = status
    return save_article(article=article)


@transaction.atomic
def publish_article(*, article: Article, live_from: datetime.datetime | None = None) -> Article:
    """Publish now, or schedule for ``live_from``; an existing schedule is kept."""
    if live_from is not None:
        article.live_from = live_from
    elif article.live_from is None:
        article.live_from = timezone.now()
    article = _move_to(article, Article.Status.PUBLISHED)
    # Newsletter subscribers who asked for "on publication" get it once it is live
    # (queued after commit; the digest sends each subscriber only what is new to them).
    transaction.on_commit(
        functools.partial(newsletter_tasks.article_published, live_from=article.live_from), robust=True
    )
    return article


@transaction.atomic
def submit_for_review(*, article: Article) -> Article:
    return _move_to(article, Article.Status.REVIEW)


@transaction.atomic
def archive_article(*, article: Article) -> Article:
    """Withdraw from the public site but keep everything, including citations."""
    return _move_to(article, Article.Status.ARCHIVED)


@transaction.atomic
def unpublish_article(*, article: Article) -> Article:
    return _move_to(article, Article.Status.DRAFT)


TRANSITIONS = {
    Article.Status.PUBLISHED: publish_article,
    Article.Status.REVIEW: submit_for_review,
    Article.Status.ARCHIVED: archive_article,
    Article.Status.DRAFT: unpublish_article,
}


def change_status(*, article: Article, status: str) -> Article:
    """Move an article to ``status`` through its workflow service (the change form's
    status field ends here, like the bulk actions)."""
    return TRANSITIONS[status](article=article)
