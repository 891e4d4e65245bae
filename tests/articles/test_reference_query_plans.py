"""Query budgets for the reference pages: constant however much they list.

The plans are checked directly (exact query counts, and published-only
results) and through real HTTP requests against a generated set at two sizes.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Claim, Event, Theme
from articles.pages import actors, authors, claims, publications
from articles.pages import themes as theme_pages

from tests.support.reference_world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world(1.0)


def count_queries(function):
    with CaptureQueriesContext(connection) as ctx:
        function()
    return len(ctx.captured_queries)


def consume_actor_page(slug):
    page = actors.actor_page(slug)
    for article in page.articles:
        article.publication and [aa.author for aa in article.article_authors.all()]
        list(article.themes.all())
    list(page.actor.aliases.all())
    return page


def consume_timeline():
    for event in Event.objects.for_timeline():
        list(event.actors.all())
        list(event.published_articles)


# ---- exact plan sizes ---------------------------------------------------------


def test_actor_index_is_one_query(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        groups = actors.actor_index()
    assert sum(len(members) for _, _, members in groups) == len(world.actors)


def test_actor_page_is_nine_queries(world, django_assert_num_queries):
    with django_assert_num_queries(9):
        page = consume_actor_page(world.hub.slug)
    assert page.articles and page.claims_about and page.co_mentions and page.events


def test_theme_index_is_one_query(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        themes = list(theme_pages.theme_index())
    # The counts a reader sees next to each theme are of its published commentary only
    # (the world gives every theme drafts too, so a count of all articles would differ).
    shown = {t.slug: t.article_count for t in themes}
    published = Article.objects.published()
    assert shown == {t.slug: published.filter(themes=t).count() for t in Theme.objects.all()}
    assert shown[world.theme.slug] > 0


def test_timeline_is_three_queries(world, django_assert_num_queries):
    with django_assert_num_queries(3):
        consume_timeline()


def test_claim_detail_is_six_queries(world, django_assert_num_queries):
    with django_assert_num_queries(6):
        claim, _ = claims.claim_detail(world.claim.slug)
        for citation in claim.published_citations:
            [aa.author for aa in citation.article.article_authors.all()]
            claims.contribution_for(citation)
        list(claim.themes.all()), list(claim.about.all())


@pytest.mark.parametrize(
    "plan",
    [
        lambda w: consume_actor_page(w.hub.slug),
        lambda w: actors.actor_index(),
        lambda w: list(theme_pages.theme_index()),
        lambda w: theme_pages.theme_page(w.theme.slug),
        lambda w: authors.author_page(w.author.slug),
        lambda w: publications.publication_page(w.publication.slug),
        lambda w: consume_timeline(),
        lambda w: list(Claim.objects.for_index()),
    ],
    ids=["actor", "actor-index", "theme-index", "theme", "author", "publication", "timeline", "claim-index"],
)
def test_each_plan_takes_the_same_number_of_queries_at_two_sizes(plan):
    small = build_world(0.25, prefix="s")
    small_count = count_queries(lambda: plan(small))
    large = build_world(1.0, prefix="l")
    large_count = count_queries(lambda: plan(large))
    assert small_count == large_count


# ---- published only ----------------------------------------------------------


def test_actor_page_counts_only_published_non_excluded_mentions(world):
    page = actors.actor_page(world.hub.slug)
    published = set(Article.objects.published().values_list("pk", flat=True))
    assert {a.pk for a in page.articles} == published  # the hub is in every article
    assert all("DRAFT" not in a.title for a in page.articles)
    # Co-mention counts never exceed the number of published articles.
    assert all(row["shared"] <= len(published) for row in page.co_mentions)


def test_actor_index_counts_published_articles_only(world):
    hub = next(a for _, _, members in actors.actor_index() for a in members if a.pk == world.hub.pk)
    assert hub.article_count == Article.objects.published().count()


def test_stance_counts_cover_published_citations_only(world):
    for claim in Claim.objects.for_index():
        published = claim.citations.filter(article__in=Article.objects.published())
        assert claim.agree_count + claim.report_count + claim.dispute_count == published.count()
        assert claim.cited_in == published.values("article").distinct().count()


def test_timeline_lists_only_published_commentary_under_events(world):
    for event in Event.objects.for_timeline():
        assert all(a.is_published for a in event.published_articles)


# ---- whole pages over HTTP ------------------------------------------------------

BUDGET = 12


def page_urls(w):
    # A combination of filters that matches something at every size.
    sample = next(c for c in w.claims if c.verdict and w.theme in c.themes.all())
    return {
        "actor index": "/actors/",
        "actor": f"/actors/{w.hub.slug}/",
        "ordinary actor": f"/actors/{w.actors[5].slug}/",
        "theme index": "/themes/",
        "theme": f"/themes/{w.theme.slug}/",
        "author": f"/authors/{w.author.slug}/",
        "publication": f"/publications/{w.publication.slug}/",
        "claim index": "/claims/",
        "filtered claims": f"/claims/?theme={w.theme.slug}&actor={w.hub.slug}&verdict={sample.verdict}&order=cited",
        "bad claim filters": "/claims/?theme=nope&actor=nobody&verdict=x&page=abc",
        "claim": f"/claims/{w.claim.slug}/",
        "timeline": "/timeline/",
    }


def http_query_count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def test_every_reference_page_stays_within_budget_on_a_large_set(client, django_assert_max_num_queries):
    large = build_world(1.0)
    for name, url in page_urls(large).items():
        with django_assert_max_num_queries(BUDGET):
            response = client.get(url)
        assert response.status_code == 200, name


def test_every_reference_page_takes_as_many_queries_at_two_data_sizes(client):
    small = build_world(0.25, prefix="s")
    small_counts = {name: http_query_count(client, url) for name, url in page_urls(small).items()}
    large = build_world(1.0, prefix="l")
    large_counts = {name: http_query_count(client, url) for name, url in page_urls(large).items()}
    assert small_counts == large_counts
    assert max(large_counts.values()) <= BUDGET


# ---- the launch content ---------------------------------------------------------


@pytest.fixture
def launch(db):
    from django.core.management import call_command

    call_command("load_launch_content", verbosity=0)


def launch_urls():
    from actors.models import Actor
    from articles.models import Author, Publication, Theme

    urls = ["/actors/", "/themes/", "/claims/", "/timeline/"]
    urls += [a.get_absolute_url() for a in Actor.objects.all()]
    urls += [t.get_absolute_url() for t in Theme.objects.all()]
    urls += [a.get_absolute_url() for a in Author.objects.all()]
    urls += [p.get_absolute_url() for p in Publication.objects.all()]
    urls += [c.get_absolute_url() for c in Claim.objects.all()]
    return urls


def test_every_reference_page_of_the_launch_content_renders_within_budget(client, launch):
    urls = launch_urls()
    assert len(urls) > 90
    counts = {url: http_query_count(client, url) for url in urls}
    over = {url: n for url, n in counts.items() if n > BUDGET}
    assert not over


def test_launch_content_key_pages_show_their_cross_links(client, launch):
    russia = client.get("/actors/russia/").content.decode()
    assert 'href="/actors/csto/"' in russia and "<svg" in russia
    csto = client.get("/actors/csto/").content.decode()
    assert "<h3>Members</h3>" in csto and 'href="/actors/russia/"' in csto
    claim = Claim.objects.exclude(citations=None).first()
    page = client.get(claim.get_absolute_url()).content.decode()
    assert 'class="ref-stance-summary"' in page
    timeline = client.get("/timeline/").content.decode()
    assert timeline.count('class="ref-event"') == Event.objects.count()
