"""
Writes that change an article's workflow state.

Views, admin actions and commands call these instead of setting fields, so
every path validates the same way and records history.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from .models import Article


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
