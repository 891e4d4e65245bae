"""Review: unpublished commentary in every state leaks nowhere on the reference pages.

One published piece and, next to it, a draft, a piece in review, an archived
piece, a scheduled piece (published, "live from" tomorrow) and a published
piece without a "live from" time. Each unpublished piece shares everything
with the published one (publication, byline, a round-up contribution, themes,
actors, the claim, the event) and adds an actor and a theme of its own. No
title, address, count, co-mention, SVG label or JSON-LD entry may show them.
"""

import datetime
import re

import pytest
from django.utils import timezone

from articles import publishing
from articles.models import Article, ArticleActor, Citation
from tests.support.db import SessionData
from tests.support.factories import (
    ActorFactory,
    ArticleFactory,
    AuthorFactory,
    CitationFactory,
    ClaimFactory,
    ContributionFactory,
    EventFactory,
    PublicationFactory,
    ThemeFactory,
)

# Every test reads the shared world below (see ``world``), so none can see data it does not expect.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("world")]

NOW = timezone.now()
REVIEW_QUOTE = "Russia quickly came to the government's aid."
UNPUBLISHED = [
    ("draft", Article.Status.DRAFT, None),
    ("review", Article.Status.REVIEW, None),
    ("archived", Article.Status.ARCHIVED, NOW - datetime.timedelta(days=3)),
    ("scheduled", Article.Status.PUBLISHED, NOW + datetime.timedelta(days=1)),
    ("unscheduled", Article.Status.PUBLISHED, None),
]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The published piece and its unpublished neighbours, built once for the whole module.

    The tests only read it: it is built once per test process and put in place for each
    module using it (here, the API's and the open data's), gone when the module ends;
    each test still runs in its own savepoint. Tests must not change the
    returned instances in memory.
    """
    with _WORLD.in_place(django_db_blocker) as world:
        yield world


def _build_world():
    hub = ActorFactory(name="Hub Organisation", slug="hub", kind="organisation")
    partner = ActorFactory(name="Partner Country", slug="partner")
    hidden_actor = ActorFactory(name="Zed Hidden Actor", slug="zed-hidden")
    theme = ThemeFactory(name="Shared theme", slug="shared")
    hidden_theme = ThemeFactory(name="Zed hidden theme", slug="zed-theme")
    publication = PublicationFactory(name="The Outlet", slug="outlet")
    author = AuthorFactory(name="Byline Author", slug="byline")
    contributor = AuthorFactory(name="Round-up Contributor", slug="contributor")
    claim = ClaimFactory(slug="shared-claim", claimant_actor=hub)
    event = EventFactory(title="Shared event", slug="shared-event")

    good = ArticleFactory(published=True, title="The published piece", slug="published-piece",
                          publication=publication, authors=[author])
    good.themes.add(theme)
    ArticleActor.objects.create(article=good, actor=hub, mentions=2, origin="detected")
    ArticleActor.objects.create(article=good, actor=partner, mentions=1, origin="detected")
    CitationFactory(claim=claim, article=good, stance=Citation.Stance.SUPPORTS)
    # A citation of the published piece whose words an edit removed: it needs review
    # and must count and show nowhere (issue 9).
    CitationFactory(claim=claim, article=good, stance=Citation.Stance.DISPUTES, quote=REVIEW_QUOTE)
    good.body = "The CSTO deployed troops to Kazakhstan.\n\nRussia came to the aid of the government."
    good.save()  # the actor rows above are set by hand: re-anchor only, no mention recount
    publishing.reanchor_citations(article=good)
    assert Citation.objects.needing_review().count() == 1
    event.articles.add(good)

    hidden = []
    for name, status, live_from in UNPUBLISHED:
        article = ArticleFactory(title=f"Unpublished {name} piece", slug=f"unpublished-{name}",
                                 status=status, live_from=live_from, publication=publication, authors=[author])
        ContributionFactory(article=article, author=contributor, order=1,
                            body="The CSTO deployed troops to Kazakhstan.")
        article.themes.add(theme, hidden_theme)
        for actor in (hub, partner, hidden_actor):
            ArticleActor.objects.create(article=article, actor=actor, mentions=40, origin="detected")
        CitationFactory(claim=claim, article=article, stance=Citation.Stance.DISPUTES)
        event.articles.add(article)
        hidden.append(article)
    return {"hidden": hidden, "claim": claim}


URLS = [
    "/actors/", "/actors/hub/", "/actors/partner/", "/actors/zed-hidden/",
    "/themes/", "/themes/shared/", "/themes/zed-theme/",
    "/authors/byline/", "/authors/contributor/", "/publications/outlet/",
    "/claims/", "/claims/?order=disputed", "/claims/?actor=hub", "/claims/shared-claim/", "/timeline/",
]


def visible(client, url):
    """The page without the claims filter's <option>s (which list every actor and theme by design)."""
    response = client.get(url)
    assert response.status_code == 200, url
    return re.sub(r"<option\b.*?</option>", "", response.content.decode(), flags=re.S)


def test_no_unpublished_title_or_address_on_any_reference_page(client, world):
    for url in URLS:
        page = visible(client, url)
        for article in world["hidden"]:
            assert article.title not in page, (url, article.title)
            assert article.slug not in page, (url, article.slug)


def test_a_citation_needing_review_shows_and_counts_nowhere(client, world):
    for url in [*URLS, "/articles/published-piece/", "/feeds/latest/", "/sitemap.xml", "/sitemap-claims.xml"]:
        page = visible(client, url)
        assert "quickly came to the government" not in page, url
        assert "Disputes (" not in page or "Disputes (0)" in page, url
    claim = visible(client, "/claims/shared-claim/")
    assert "Cited in 1 published article, 1 passage:" in claim
    assert "Disputes or qualifies (0)" in claim


def test_actors_and_themes_only_unpublished_pieces_touch_are_not_co_mentioned_or_linked(client, world):
    for url in URLS:
        page = visible(client, url)
        if url not in ("/actors/", "/actors/zed-hidden/"):
            assert "Zed Hidden Actor" not in page, url
        if url not in ("/themes/", "/themes/zed-theme/"):
            assert "Zed hidden theme" not in page, url


def test_counts_are_of_the_published_piece_only(client, world):
    actors = visible(client, "/actors/")
    assert re.search(r'href="/actors/hub/">Hub Organisation</a>.*?<span class="count">1 article, 2 mentions</span>',
                     actors, re.S)
    assert re.search(r'href="/actors/zed-hidden/">Zed Hidden Actor</a>.*?not yet in published commentary',
                     actors, re.S)
    themes = visible(client, "/themes/")
    assert re.search(r"Shared theme</a>.*?<span>1 article</span>", themes, re.S)
    assert re.search(r"Zed hidden theme</a>.*?<span>0 articles</span>", themes, re.S)
    hub = visible(client, "/actors/hub/")
    assert re.search(r'href="/actors/partner/">Partner Country</a> <span class="count">in 1 article</span>', hub)
    assert "Mentions Hub Organisation 2 times." in hub
    claim = visible(client, "/claims/shared-claim/")
    assert "Cited in 1 published article, 1 passage:" in claim
    assert "Disputes or qualifies (0)" in claim
    claims = visible(client, "/claims/")
    assert "Cited in 1 published article, 1 passage:" in claims and "Disputes or qualifies (0)" in claims
    assert "No published commentary by Round-up Contributor yet." in visible(client, "/authors/contributor/")
    assert "Commentary from The Outlet <span class=\"count\">(1)</span>" in visible(client, "/publications/outlet/")


def test_svg_and_json_ld_name_only_published_commentary(client, world):
    hub = visible(client, "/actors/hub/")
    svg = re.search(r"<svg.*?</svg>", hub, re.S).group(0)
    assert "Zed" not in svg and "mentioned together in 1 article" in svg
    claim = visible(client, "/claims/shared-claim/")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', claim, re.S)
    assert blocks and all("Unpublished" not in block for block in blocks)
    assert "The published piece" in blocks[0]


_WORLD = SessionData(_build_world)
