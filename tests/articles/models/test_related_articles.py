"""The related-articles ranking, ``related_to`` (articles/models/related_articles.py)."""

import datetime

import pytest

from articles.models import Article, ArticleActor
from tests.support.factories import (
    ActorFactory,
    ArticleFactory,
    CitationFactory,
    ClaimFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def test_related_to_ranks_in_two_queries_and_explains_what_is_shared(django_assert_num_queries):
    claim, actor, theme = ClaimFactory(), ActorFactory(), ThemeFactory()
    article = ArticleFactory(published=True)
    CitationFactory(article=article, claim=claim)
    ArticleActor.objects.create(article=article, actor=actor)
    article.themes.add(theme)
    everything = ArticleFactory(published=True)
    CitationFactory(article=everything, claim=claim)
    CitationFactory(article=everything, claim=claim, quote="Russia quickly came")  # same claim twice: counts once
    ArticleActor.objects.create(article=everything, actor=actor)
    everything.themes.add(theme)
    hidden = ArticleFactory()
    hidden.themes.add(theme)
    loaded = Article.objects.for_detail().get(pk=article.pk)

    with django_assert_num_queries(2):  # the ranking from the link rows, then the five articles
        related = list(Article.objects.published().related_to(loaded))

    assert related == [everything]
    assert (related[0].shared_claims, related[0].shared_actors, related[0].shared_themes) == (1, 1, 1)
    assert related[0].relatedness == 6


def test_related_to_an_article_sharing_nothing_is_empty_without_a_query(django_assert_num_queries):
    article = Article.objects.for_detail().get(pk=ArticleFactory(published=True).pk)
    with django_assert_num_queries(0):
        assert list(Article.objects.published().related_to(article)) == []


def test_related_to_ranks_by_what_is_shared_then_newest_with_undated_pieces_last():
    claim, actor, theme, other_theme = ClaimFactory(), ActorFactory(), ThemeFactory(), ThemeFactory()
    article = ArticleFactory(published=True)
    CitationFactory(article=article, claim=claim)
    ArticleActor.objects.create(article=article, actor=actor)
    article.themes.add(theme, other_theme)

    def sharing(*, claims=False, actors=False, themes=(), published_on=datetime.date(2022, 1, 10)):
        other = ArticleFactory(published=True, published_on=published_on)
        if claims:
            CitationFactory(article=other, claim=claim)
        if actors:
            ArticleActor.objects.create(article=other, actor=actor)
        other.themes.add(*themes)
        return other

    claim_only = sharing(claims=True)  # 3
    actor_and_theme = sharing(actors=True, themes=[theme])  # 3, older
    actor_and_theme.published_on = datetime.date(2022, 1, 5)
    actor_and_theme.save()
    two_themes = sharing(themes=[theme, other_theme])  # 2
    one_theme_new = sharing(themes=[theme], published_on=datetime.date(2022, 2, 1))  # 1, newest
    one_theme_undated = sharing(themes=[other_theme], published_on=None)  # 1, undated
    excluded_mention = sharing(themes=[theme], published_on=datetime.date(2022, 1, 1))  # 1, its actor removed by hand
    ArticleActor.objects.create(article=excluded_mention, actor=actor, origin=ArticleActor.Origin.EXCLUDED)
    sharing(themes=[])  # shares nothing
    draft = ArticleFactory()
    draft.themes.add(theme, other_theme)
    loaded = Article.objects.for_detail().get(pk=article.pk)

    related = Article.objects.published().related_to(loaded, limit=10)

    assert related == [claim_only, actor_and_theme, two_themes, one_theme_new, excluded_mention, one_theme_undated]
    assert [r.relatedness for r in related] == [3, 3, 2, 1, 1, 1]


def test_related_to_counts_each_actor_and_theme_a_piece_shares_whatever_their_number():
    """Each actor and theme of the piece is asked about on its own (the ranking compiles
    one query per kind and reuses it with each key)."""
    actors, themes = ActorFactory.create_batch(4), ThemeFactory.create_batch(4)
    article = ArticleFactory(published=True)
    for number, actor in enumerate(actors):
        origin = ArticleActor.Origin.MANUAL if number % 2 else ArticleActor.Origin.DETECTED
        ArticleActor.objects.create(article=article, actor=actor, origin=origin)
    article.themes.add(*themes)
    others = []
    for shared in range(1, 5):
        other = ArticleFactory(published=True, published_on=datetime.date(2022, 1, shared))
        for actor in actors[-shared:]:
            ArticleActor.objects.create(article=other, actor=actor)
        other.themes.add(*themes[:shared])
        others.append(other)
    loaded = Article.objects.for_detail().get(pk=article.pk)

    related = Article.objects.published().related_to(loaded, limit=10)

    assert related == others[::-1]
    assert [(r.shared_actors, r.shared_themes, r.relatedness) for r in related] == [
        (4, 4, 12), (3, 3, 9), (2, 2, 6), (1, 1, 3)
    ]


def test_an_actor_or_theme_named_everywhere_weighs_only_its_most_recently_added_pieces(monkeypatch):
    from articles.models import related_articles as article_models

    monkeypatch.setattr(article_models, "RELATED_FAN_OUT", 3)  # the site's 500, at a test's scale
    claim, hub, theme = ClaimFactory(), ActorFactory(), ThemeFactory()
    article = ArticleFactory(published=True)
    CitationFactory(article=article, claim=claim)
    ArticleActor.objects.create(article=article, actor=hub)
    article.themes.add(theme)
    older_with_claim = ArticleFactory(published=True, published_on=datetime.date(2022, 1, 2))
    CitationFactory(article=older_with_claim, claim=claim)
    ArticleActor.objects.create(article=older_with_claim, actor=hub)
    older = [ArticleFactory(published=True, published_on=datetime.date(2022, 1, 3)) for _ in range(3)]
    newer = [ArticleFactory(published=True, published_on=datetime.date(2022, 1, 1)) for _ in range(3)]
    for other in (*older, *newer):
        ArticleActor.objects.create(article=other, actor=hub)
        other.themes.add(theme)
    loaded = Article.objects.for_detail().get(pk=article.pk)

    related = Article.objects.published().related_to(loaded, limit=10)

    # A shared claim always counts; the hub actor and theme only with their three
    # most recently added pieces, whatever their dates.
    assert related[0] == older_with_claim and related[0].relatedness == 3
    assert set(related[1:]) == set(newer)
    assert {r.relatedness for r in related[1:]} == {3}
