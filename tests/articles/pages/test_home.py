"""The home page (articles/pages/home.py)."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article, ArticleActor
from tests.support.factories import (
    ActorFactory,
    ArticleFactory,
    EventFactory,
    ThemeFactory,
)
from tests.support.pages import text

pytestmark = pytest.mark.django_db


HIDDEN_STATES = {
    "draft": {"status": Article.Status.DRAFT},
    "review": {"status": Article.Status.REVIEW},
    "archived": {"status": Article.Status.ARCHIVED, "live_from": timezone.now() - datetime.timedelta(days=1)},
    "scheduled": {"status": Article.Status.PUBLISHED, "live_from": timezone.now() + datetime.timedelta(hours=1)},
}


# --------------------------------------------------------------------------
# Home
# --------------------------------------------------------------------------


def test_home_shows_latest_commentary_the_timeline_key_actors_and_themes(client):
    actor = ActorFactory(name="Kazakhstan")
    theme = ThemeFactory(name="Regional security")
    article = ArticleFactory(published=True, title="The CSTO arrives")
    article.themes.add(theme)
    ArticleActor.objects.create(article=article, actor=actor, mentions=3)
    EventFactory(title="Troops arrive in Almaty")

    page = text(client.get("/"))

    assert "The CSTO arrives" in page
    assert "Troops arrive in Almaty" in page
    assert 'href="/actors/' in page and "Kazakhstan" in page
    assert "Regional security" in page


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_home_never_shows_unpublished_commentary_or_what_only_it_uses(client, state):
    secret_theme = ThemeFactory(name="Secret theme")
    secret_actor = ActorFactory(name="Secret actor")
    article = ArticleFactory(title="Unpublished piece", **HIDDEN_STATES[state])
    article.themes.add(secret_theme)
    ArticleActor.objects.create(article=article, actor=secret_actor, mentions=9)

    page = text(client.get("/"))

    assert "Unpublished piece" not in page
    assert "Secret theme" not in page
    assert "Secret actor" not in page
