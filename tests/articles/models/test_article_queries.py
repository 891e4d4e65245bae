"""ArticleQuerySet: ``published()``, the named query plans and the counts (articles/models/article_queries.py)."""

import datetime
import itertools

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from articles.models import Article, ArticleActor, Comment, DatePrecision
from tests.support.factories import (
    ActorFactory,
    ArticleFactory,
    AuthorFactory,
    CitationFactory,
    ClaimFactory,
    CommentFactory,
    ContributionFactory,
    EventFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


# --------------------------------------------------------------------------
# Query plans
# --------------------------------------------------------------------------


def test_for_list_counts_only_approved_comments_whatever_the_filters_join():
    article = ArticleFactory(published=True)
    article.themes.add(ThemeFactory(), ThemeFactory())
    for status in (Comment.Status.APPROVED, Comment.Status.APPROVED, Comment.Status.PENDING, Comment.Status.SPAM):
        CommentFactory(article=article, status=status)

    plain = Article.objects.published().for_list().get()
    joined = Article.objects.published().filter(themes__isnull=False).for_list().first()

    assert plain.approved_comment_count == 2
    assert joined.approved_comment_count == 2


def test_for_detail_loads_everything_an_article_page_shows_in_a_fixed_number_of_queries(
    django_assert_num_queries,
):
    article = ArticleFactory(published=True)
    ContributionFactory(article=article)
    ArticleActor.objects.create(article=article, actor=ActorFactory(), mentions=2)
    CitationFactory(article=article)
    article.events.add(EventFactory())
    article.themes.add(ThemeFactory())
    CommentFactory(article=article, status=Comment.Status.APPROVED)
    CommentFactory(article=article, status=Comment.Status.PENDING)

    # the article, authors, themes, contributions, actors, markers, corrections, citations, events,
    # comments, published translations
    with django_assert_num_queries(11):
        loaded = Article.objects.published().for_detail().get(pk=article.pk)
        shown = (
            [c.author.name for c in loaded.contributions.all()],
            [m.actor.name for m in loaded.article_actors.all()],
            [c.claim.statement for c in loaded.citations.all()],
            [e.title for e in loaded.events.all()],
            [t.name for t in loaded.themes.all()],
            list(loaded.source_markers.all()),
            [a.author.name for a in loaded.article_authors.all()],
            loaded.publication.name,
            loaded.previous_slug,
            loaded.sections(),
            loaded.published_translations,
        )
    assert len(loaded.approved_comments) == 1
    assert loaded.approved_comment_count == 1
    assert all(shown[:5])


def test_neighbours_are_the_published_articles_just_before_and_after_by_date():
    first = ArticleFactory(published=True, published_on=datetime.date(2022, 1, 6))
    ArticleFactory(published_on=datetime.date(2022, 1, 7))  # a draft in between
    same_day_a = ArticleFactory(published=True, published_on=datetime.date(2022, 1, 8))
    same_day_b = ArticleFactory(published=True, published_on=datetime.date(2022, 1, 8))
    undated = ArticleFactory(published=True, published_on=None)

    rows = {a.pk: a for a in Article.objects.with_neighbours()}

    assert rows[first.pk].previous_slug is None
    assert rows[first.pk].next_slug == same_day_a.slug
    assert rows[same_day_a.pk].next_slug == same_day_b.slug
    assert rows[same_day_b.pk].previous_slug == same_day_a.slug
    assert rows[same_day_b.pk].next_slug is None
    assert rows[undated.pk].previous_slug is None and rows[undated.pk].next_slug is None


def test_in_period_respects_date_precision():
    day = ArticleFactory(published_on=datetime.date(2022, 1, 6))
    month = ArticleFactory(published_on=datetime.date(2022, 1, 1), published_on_precision=DatePrecision.MONTH)
    year = ArticleFactory(published_on=datetime.date(2022, 1, 1), published_on_precision=DatePrecision.YEAR)

    assert set(Article.objects.in_period(2022)) == {day, month, year}
    assert set(Article.objects.in_period(2022, 1)) == {day, month}
    assert set(Article.objects.in_period(2022, 1, 6)) == {day}
    assert set(Article.objects.in_period(2022, 1, 1)) == set()


# Offsets from the moment the test runs (a module-level "now" can be minutes old by then).
LIVE_FROM = {
    "past": -datetime.timedelta(hours=1),
    "future": datetime.timedelta(hours=1),
    "unset": None,
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "live_from"), list(itertools.product(Article.Status.values, LIVE_FROM))
)
def test_published_shows_only_published_articles_whose_time_has_come(status, live_from):
    article = Article.objects.create(
        title="T", slug="t", status=status,
        live_from=None if LIVE_FROM[live_from] is None else timezone.now() + LIVE_FROM[live_from],
    )
    expected = status == Article.Status.PUBLISHED and live_from == "past"
    assert Article.objects.published().filter(pk=article.pk).exists() is expected
    assert article.is_published is expected


@pytest.mark.django_db
def test_scheduled_article_appears_once_its_time_passes():
    now = timezone.now()
    article = ArticleFactory(status=Article.Status.PUBLISHED, live_from=now + datetime.timedelta(minutes=5))
    assert not Article.objects.published().exists()
    Article.objects.filter(pk=article.pk).update(live_from=now - datetime.timedelta(seconds=1))
    assert list(Article.objects.published()) == [article]


@pytest.mark.django_db
def test_plain_staff_status_grants_no_preview_and_editors_see_every_state(django_user_model, editor, writer):
    ArticleFactory(published=True)
    ArticleFactory()  # draft
    staff = django_user_model.objects.create_user("s", is_staff=True)
    assert Article.objects.visible_to(staff).count() == 1
    assert Article.objects.visible_to(writer).count() == 1  # changing articles is not previewing them
    assert Article.objects.visible_to(editor).count() == 2
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


@pytest.mark.parametrize("kind", ["author", "actor", "theme", "publication", "claim", "event"])
def test_the_whole_site_counts_equal_the_per_row_count_for_every_kind(kind):
    """``counts_per`` (GROUP BY, for facets and hubs) and ``count_per`` (per row, for pages)
    are one rule: the same number for every row, drafts and excluded mentions left out, a
    piece counted once however many times it links to the row."""
    from actors.models import Actor
    from articles.models import Author, Claim, Event, Publication, Theme

    author, contributor, both = AuthorFactory(), AuthorFactory(), AuthorFactory()
    actor, theme, claim, event = ActorFactory(), ThemeFactory(), ClaimFactory(), EventFactory()
    pieces = [ArticleFactory(published=True, authors=[author]) for _ in range(3)]
    draft = ArticleFactory(authors=[author, contributor])
    for piece in [*pieces[:2], draft]:
        ArticleActor.objects.create(article=piece, actor=actor)
        piece.themes.add(theme)
        piece.events.add(event)
        CitationFactory(article=piece, claim=claim)
        CitationFactory(article=piece, claim=claim, quote=piece.body.split()[-1])
    ArticleActor.objects.create(article=pieces[2], actor=actor, origin=ArticleActor.Origin.EXCLUDED)
    for piece in pieces:
        ContributionFactory(article=piece, author=contributor)
        ContributionFactory(article=piece, author=contributor)  # two answers in one round-up count once
    ContributionFactory(article=pieces[0], author=both)
    pieces[0].article_authors.create(author=both, order=1)  # a byline and an answer in one piece
    ContributionFactory(article=pieces[1], author=both)
    model = {"author": Author, "actor": Actor, "theme": Theme, "publication": Publication,
             "claim": Claim, "event": Event}[kind]
    published = Article.objects.published()

    per_row = {
        row.pk: row.n for row in model.objects.annotate(n=published.count_per(kind)) if row.n
    }

    assert published.counts_per(kind) == per_row
    if kind == "author":
        assert per_row == {author.pk: 3, contributor.pk: 3, both.pk: 2}
