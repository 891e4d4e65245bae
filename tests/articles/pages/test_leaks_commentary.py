"""Only published commentary shows anywhere on the commentary pages, even when
unpublished pieces share themes, actors, claims, authors and a publication with
published ones: no title, link, count or choice gives them away."""

import datetime
import re

import pytest
from django.utils import timezone

from articles.models import Article, ArticleActor, Citation
from tests.support.db import rolled_back_for_module
from tests.support.factories import (
    ActorFactory,
    ArticleFactory,
    AuthorFactory,
    ClaimFactory,
    ContributionFactory,
    EventFactory,
    PublicationFactory,
    ThemeFactory,
)
from tests.support.pages import text

# Every test reads the shared world below (see ``world``), so none can see data it does not expect.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("world")]

HIDDEN_STATES = {
    "draft": {"status": Article.Status.DRAFT},
    "review": {"status": Article.Status.REVIEW},
    "archived": {"status": Article.Status.ARCHIVED, "live_from": timezone.now() - datetime.timedelta(days=1)},
    "scheduled": {"status": Article.Status.PUBLISHED, "live_from": timezone.now() + datetime.timedelta(hours=1)},
}
TELLTALE = re.compile(r"Hiddenpiece|hidden-piece|Onlyhidden\w*|only-hidden-\w+")


@pytest.fixture(scope="module", params=list(HIDDEN_STATES))
def world(request, django_db_setup, django_db_blocker):
    """A published piece and a hidden one in the given state, built once per state for the whole module.

    The tests only read it: it is made inside a transaction rolled back before the next
    state's world is built (pytest groups the tests by state), and each test still runs in
    its own savepoint. Tests must not change the returned instance in memory.
    """
    with rolled_back_for_module(django_db_blocker):
        yield _build_world(HIDDEN_STATES[request.param])


def _build_world(hidden_state):
    theme, actor, author, publication = ThemeFactory(slug="shared"), ActorFactory(slug="shared"), \
        AuthorFactory(slug="shared"), PublicationFactory(slug="shared")
    claim, event = ClaimFactory(slug="shared"), EventFactory()
    published = ArticleFactory(published=True, title="Published piece", publication=publication, authors=[author],
                               published_on=datetime.date(2022, 1, 6))
    hidden = ArticleFactory(title="Hiddenpiece", slug="hidden-piece", publication=publication,
                            authors=[author, AuthorFactory(name="Onlyhidden author", slug="only-hidden-author")],
                            published_on=datetime.date(2022, 1, 7), body="The CSTO deployed troops. Zhanaozen.",
                            **hidden_state)
    ContributionFactory(article=hidden, author=AuthorFactory(name="Onlyhidden contributor",
                                                             slug="only-hidden-contributor"))
    only_theme = ThemeFactory(name="Onlyhidden theme", slug="only-hidden-theme")
    only_actor = ActorFactory(name="Onlyhidden actor", slug="only-hidden-actor")
    only_claim = ClaimFactory(statement="Onlyhidden claim", slug="only-hidden-claim")
    for article in (published, hidden):
        article.themes.add(theme)
        ArticleActor.objects.create(article=article, actor=actor, mentions=2)
        Citation.objects.create(claim=claim, article=article, quote="The CSTO deployed troops")
        article.events.add(event)
    hidden.themes.add(only_theme)
    ArticleActor.objects.create(article=hidden, actor=only_actor, mentions=9)
    Citation.objects.create(claim=only_claim, article=hidden, quote="Zhanaozen")
    hidden.publication = PublicationFactory(name="Onlyhidden outlet", slug="only-hidden-outlet")
    hidden.save()
    return published


PAGES = [
    "/", "/articles/", "/articles/?theme=shared", "/articles/?actor=shared", "/articles/?author=shared",
    "/articles/?publication=shared", "/articles/?q=CSTO", "/articles/?q=Zhanaozen",
    "/archive/2022/", "/archive/2022/01/", "/archive/2022/01/06/",
    "/search/?q=CSTO", "/search/?q=Zhanaozen",
    "/feeds/latest/", "/feeds/latest/atom/", "/feeds/themes/shared/", "/feeds/actors/shared/atom/",
    "/feeds/authors/shared/", "/sitemap.xml", "/sitemap-articles.xml", "/sitemap-authors.xml",
    "/sitemap-themes.xml", "/sitemap-actors.xml", "/sitemap-publications.xml", "/articles/published-piece/",
]


@pytest.mark.parametrize("url", PAGES)
def test_nothing_unpublished_shows_on_any_commentary_page(client, world, url):
    url = url.replace("published-piece", world.slug)
    response = client.get(url)
    assert response.status_code == 200
    page = text(response)
    assert not TELLTALE.findall(page)


def test_search_finds_no_unpublished_article_and_no_claim_only_it_cites(client, world):
    results = client.get("/search/?q=Onlyhidden").context["results"]
    assert results.articles == [] and results.claims == []


def test_counts_and_choices_count_only_published_commentary(client, world):
    home = text(client.get("/"))
    listing = client.get("/articles/")
    page = text(listing)

    assert "Here, 1 piece of expert commentary is linked" in home
    assert "1 piece of commentary." in page
    for facet in ("theme", "actor", "author", "publication", "claim"):
        choices = listing.context["filter"].facets[facet]
        assert [count for _, _, count, _ in choices] == [1], (facet, choices)


def test_unpublished_neighbours_and_relatives_are_skipped(client, world):
    page = text(client.get(world.get_absolute_url()))
    assert 'rel="next"' not in page and 'rel="prev"' not in page
    assert "Related commentary" not in page


def test_a_day_with_only_unpublished_commentary_is_not_found(client, world):
    assert client.get("/archive/2022/01/07/").status_code == 404
