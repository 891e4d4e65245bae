"""The publishing workflow services (articles/publishing.py)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles import publishing as services
from articles.models import Article
from tests.support.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_publishing_without_a_time_makes_the_article_public_now():
    article = services.publish_article(article=ArticleFactory())
    assert article.live_from <= timezone.now()
    assert list(Article.objects.published()) == [article]


def test_publishing_for_a_future_time_schedules_it():
    later = timezone.now() + datetime.timedelta(days=2)
    article = services.publish_article(article=ArticleFactory(), live_from=later)
    article.refresh_from_db()
    assert (article.status, article.live_from) == (Article.Status.PUBLISHED, later)
    assert not Article.objects.published().exists()


def test_publishing_keeps_a_schedule_the_editor_already_set():
    later = timezone.now() + datetime.timedelta(hours=5)
    article = services.publish_article(article=ArticleFactory(live_from=later))
    assert article.live_from == later


def test_archiving_and_returning_to_draft_hide_the_article():
    article = ArticleFactory(published=True)
    services.archive_article(article=article)
    assert not Article.objects.published().exists()
    services.publish_article(article=article)
    services.unpublish_article(article=article)
    assert Article.objects.get().status == Article.Status.DRAFT


def test_an_invalid_article_is_not_published_and_nothing_is_saved():
    article = ArticleFactory(series="", series_number=None)
    Article.objects.filter(pk=article.pk).update(series_number=608)
    article.refresh_from_db()
    with pytest.raises(ValidationError, match="series name"):
        services.publish_article(article=article)
    assert Article.objects.get().status == Article.Status.DRAFT


def test_review_is_a_state_readers_never_see():
    article = services.submit_for_review(article=ArticleFactory())
    assert article.status == Article.Status.REVIEW
    assert not Article.objects.published().exists()
