"""
The one write path for articles, and the workflow services.

``save_article`` saves an article's text and brings everything derived from it
up to date in the same transaction (rendered HTML, citation anchors, actor
mentions). The admin, the importer, the launch loader and history reverts all
end in ``refresh_derived``/``save_article``; nothing else recomputes them.

Status changes only through the workflow services below (publish, review,
archive, back to draft): views, admin actions and commands call these instead
of setting fields, so every path validates the same way and records history.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from .mentions import refresh_actor_mentions
from .models import Article, Citation


def refresh_derived(*, article: Article) -> None:
    """Recompute what is derived from an article's text after a write of the text
    or its contributions: citation anchors and actor mentions."""
    for citation in Citation.objects.filter(article=article).select_related("article"):
        citation.save()  # re-locates the quote in the current text
    refresh_actor_mentions(article=article)


@transaction.atomic
def save_article(*, article: Article) -> Article:
    """Validate and save an article's own fields, then ``refresh_derived``."""
    article.full_clean()
    article.save()
    refresh_derived(article=article)
    return article


def _move_to(article: Article, status: str) -> Article:
    article.status = status
    article.full_clean()
    article.save()
    return article


@transaction.atomic
def publish_article(*, article: Article, live_from: datetime.datetime | None = None) -> Article:
    """Publish now, or schedule for ``live_from``; an existing schedule is kept."""
    if live_from is not None:
        article.live_from = live_from
    elif article.live_from is None:
        article.live_from = timezone.now()
    return _move_to(article, Article.Status.PUBLISHED)


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
