import datetime
import itertools

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from articles.models import Article
from tests.support.factories import ArticleFactory, AuthorFactory, ThemeFactory

NOW = timezone.now()
LIVE_FROM = {
    "past": NOW - datetime.timedelta(hours=1),
    "future": NOW + datetime.timedelta(hours=1),
    "unset": None,
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "live_from"), list(itertools.product(Article.Status.values, LIVE_FROM))
)
def test_published_shows_only_published_articles_whose_time_has_come(status, live_from):
    article = Article.objects.create(
        title="T", slug="t", status=status, live_from=LIVE_FROM[live_from]
    )
    expected = status == Article.Status.PUBLISHED and live_from == "past"
    assert Article.objects.published().filter(pk=article.pk).exists() is expected
    assert article.is_published is expected


@pytest.mark.django_db
def test_scheduled_article_appears_once_its_time_passes():
    article = ArticleFactory(status=Article.Status.PUBLISHED, live_from=NOW + datetime.timedelta(minutes=5))
    assert not Article.objects.published().exists()
    Article.objects.filter(pk=article.pk).update(live_from=NOW - datetime.timedelta(seconds=1))
    assert list(Article.objects.published()) == [article]


@pytest.mark.django_db
def test_staff_see_every_state_but_readers_only_published(django_user_model):
    ArticleFactory(published=True)
    ArticleFactory()  # draft
    staff = django_user_model.objects.create_user("s", is_staff=True)
    assert Article.objects.visible_to(staff).count() == 2
    assert Article.objects.visible_to(AnonymousUser()).count() == 1
    assert Article.objects.visible_to(None).count() == 1


@pytest.mark.django_db
def test_for_list_loads_authors_and_themes_in_a_fixed_number_of_queries(django_assert_num_queries):
    theme = ThemeFactory()
    for _ in range(6):
        article = ArticleFactory(published=True, authors=[AuthorFactory(), AuthorFactory()])
        article.themes.add(theme)
    with django_assert_num_queries(3):
        rows = [
            (a.publication.name, [aa.author.name for aa in a.article_authors.all()], [t.name for t in a.themes.all()])
            for a in Article.objects.published().for_list()
        ]
    assert len(rows) == 6
    assert all(len(authors) == 2 for _, authors, _ in rows)
