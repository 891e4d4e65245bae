"""Review: an actor has one schema.org type wherever the site's JSON-LD names it."""

import json
import re

import pytest

from articles.models import ArticleActor
from tests.support.factories import ActorFactory, ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def blocks(client, url):
    page = client.get(url).content.decode()
    return [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)]


def named(data, name):
    """Every JSON object in ``data`` whose "name" is ``name``."""
    if isinstance(data, dict):
        if data.get("name") == name:
            yield data
        for value in data.values():
            yield from named(value, name)
    elif isinstance(data, list):
        for value in data:
            yield from named(value, name)


@pytest.mark.parametrize("kind", ["country", "organisation", "person", "group", "place"])
def test_actor_page_article_page_and_claim_page_agree_on_the_type(client, kind):
    actor = ActorFactory(name="The Actor", slug="the-actor", kind=kind)
    article = ArticleFactory(published=True, slug="piece")
    ArticleActor.objects.create(article=article, actor=actor, mentions=3, origin="detected")
    claim = ClaimFactory(slug="a-claim", claimant_actor=actor)
    types = {
        node["@type"]
        for url in ("/actors/the-actor/", "/articles/piece/", "/claims/a-claim/")
        for node in named(blocks(client, url), "The Actor")
    }
    assert claim and len(types) == 1, types
