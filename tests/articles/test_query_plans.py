"""Named query plans on ArticleQuerySet, and the query budget of every public page.

Budget: at most 12 SQL queries per page, and the same number however much
the page lists (measured on a small and a four-times larger generated set, and
on the launch content).
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, ArticleActor, Comment, DatePrecision
from tests.support.corpus import build_corpus
from tests.support.factories import (
    ActorFactory,
    ArticleFactory,
    CitationFactory,
    ClaimFactory,
    CommentFactory,
    ContributionFactory,
    EventFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

BUDGET = 12


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

    # the article, authors, themes, contributions, actors, markers, citations, events, comments
    with django_assert_num_queries(9):
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


def test_related_to_ranks_in_one_query_and_explains_what_is_shared(django_assert_num_queries):
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

    with django_assert_num_queries(1):
        related = list(Article.objects.published().related_to(loaded))

    assert related == [everything]
    assert (related[0].shared_claims, related[0].shared_actors, related[0].shared_themes) == (1, 1, 1)
    assert related[0].relatedness == 6


def test_related_to_an_article_sharing_nothing_is_empty_without_a_query(django_assert_num_queries):
    article = Article.objects.for_detail().get(pk=ArticleFactory(published=True).pk)
    with django_assert_num_queries(0):
        assert list(Article.objects.published().related_to(article)) == []


def test_in_period_respects_date_precision():
    day = ArticleFactory(published_on=datetime.date(2022, 1, 6))
    month = ArticleFactory(published_on=datetime.date(2022, 1, 1), published_on_precision=DatePrecision.MONTH)
    year = ArticleFactory(published_on=datetime.date(2022, 1, 1), published_on_precision=DatePrecision.YEAR)

    assert set(Article.objects.in_period(2022)) == {day, month, year}
    assert set(Article.objects.in_period(2022, 1)) == {day, month}
    assert set(Article.objects.in_period(2022, 1, 6)) == {day}
    assert set(Article.objects.in_period(2022, 1, 1)) == set()


# --------------------------------------------------------------------------
# Page budgets
# --------------------------------------------------------------------------


def pages_for(article, corpus_like):
    theme, actor, author = corpus_like
    return {
        "home": "/",
        "list": "/articles/",
        "list filtered": f"/articles/?theme={theme}&actor={actor}&author={author}&q=CSTO&ordering=relevance"
                         "&date_after=2022-01-01&date_before=2022-12-31",
        "list page 2": "/articles/?page=2",
        "list bad params": "/articles/?theme=nope&page=abc&date_after=bad",
        "article": article.get_absolute_url(),
        "archive year": "/archive/2022/",
        "archive month": "/archive/2022/01/",
        "archive day": f"/archive/{article.published_on:%Y/%m/%d}/",
        "search": "/search/?q=CSTO troops",
        "feed latest": "/feeds/latest/",
        "feed latest atom": "/feeds/latest/atom/",
        "feed theme": f"/feeds/themes/{theme}/",
        "feed actor": f"/feeds/actors/{actor}/atom/",
        "feed author": f"/feeds/authors/{author}/",
        "sitemap": "/sitemap.xml",
        "robots": "/robots.txt",
    }


def measure(client, pages, django_assert_max_num_queries):
    counts = {}
    for name, url in pages.items():
        with django_assert_max_num_queries(BUDGET) as captured:
            response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        counts[name] = len(captured)
    return counts


def test_every_page_stays_within_budget_and_constant_as_the_data_grows(client, django_assert_max_num_queries):
    small = build_corpus(10)
    article = small.published[3]  # a round-up with citations, markers, comments
    pages = pages_for(article, (small.themes[0].slug, small.actors[0].slug, small.authors[0].slug))

    before = measure(client, pages, django_assert_max_num_queries)
    build_corpus(30, start=datetime.date(2022, 1, 3))  # four times the commentary, more of everything
    after = measure(client, pages, django_assert_max_num_queries)

    assert Article.objects.published().count() == 40
    assert before == after
    assert max(after.values()) <= BUDGET


def test_the_article_page_stays_within_budget_for_staff_previewing_a_draft(
    editor_client, django_assert_max_num_queries
):
    corpus = build_corpus(12)
    for article in (corpus.published[0], *corpus.hidden):
        with django_assert_max_num_queries(BUDGET):
            response = editor_client.get(article.get_absolute_url())
        assert response.status_code == 200


def test_an_article_page_costs_the_same_with_few_or_many_citations_and_comments(client):
    article = ArticleFactory(published=True, body="\n\n".join(f"Paragraph {i} of the text." for i in range(30)))
    CitationFactory(article=article, quote="Paragraph 1 of")
    CommentFactory(article=article, status=Comment.Status.APPROVED)

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(article.get_absolute_url()).status_code == 200
        return len(captured)

    few = count()
    for i in range(2, 30):
        CitationFactory(article=article, quote=f"Paragraph {i} of the text")
        CommentFactory(article=article, status=Comment.Status.APPROVED)
    assert count() == few <= BUDGET


# --------------------------------------------------------------------------
# On the launch content (articles/launch.py, `manage.py load_launch_content`)
# --------------------------------------------------------------------------


@pytest.fixture
def launch(db):
    from articles.launch import load_launch_content

    load_launch_content()
    return list(Article.objects.published().by_date())


def test_the_launch_content_is_published_and_every_page_renders_within_budget(
    client, launch, django_assert_max_num_queries
):
    from actors.models import Actor
    from articles.models import Author, Theme

    assert len(launch) >= 5
    pages = {"home": "/", "list": "/articles/", "search": "/search/?q=CSTO Russia", "sitemap": "/sitemap.xml",
             "feed": "/feeds/latest/", "robots": "/robots.txt"}
    for article in launch:
        pages[f"article {article.slug}"] = article.get_absolute_url()
        if article.published_on:
            pages[f"year {article.slug}"] = f"/archive/{article.published_on:%Y}/"
            if article.published_on_precision != DatePrecision.YEAR:
                pages[f"month {article.slug}"] = f"/archive/{article.published_on:%Y/%m}/"
            if article.published_on_precision == DatePrecision.DAY:
                pages[f"day {article.slug}"] = f"/archive/{article.published_on:%Y/%m/%d}/"
    for theme in Theme.objects.all():
        pages[f"list theme {theme.slug}"] = f"/articles/?theme={theme.slug}"
        pages[f"feed theme {theme.slug}"] = f"/feeds/themes/{theme.slug}/atom/"
    for actor in Actor.objects.all()[:10]:
        pages[f"list actor {actor.slug}"] = f"/articles/?actor={actor.slug}"
        pages[f"feed actor {actor.slug}"] = f"/feeds/actors/{actor.slug}/"
    for author in Author.objects.all():
        pages[f"list author {author.slug}"] = f"/articles/?author={author.slug}&q=Kazakhstan"
        pages[f"feed author {author.slug}"] = f"/feeds/authors/{author.slug}/"

    counts = measure(client, pages, django_assert_max_num_queries)

    assert max(counts.values()) <= BUDGET, counts


def test_every_cited_passage_of_the_launch_articles_is_marked_in_the_text(client, launch):
    from articles.models import Citation

    for article in launch:
        page = client.get(article.get_absolute_url()).content.decode()
        citations = list(Citation.objects.filter(article=article))
        assert citations, article.slug
        for citation in citations:
            assert f'id="citation-{citation.pk}"' in page, (article.slug, citation.quote)
        assert "[cited:" not in page, article.slug  # none fell back to a paragraph-end link
        assert page.count('<mark class="citation">') >= len({c.anchor for c in citations})
