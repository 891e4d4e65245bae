"""Review: an actor linked to a piece by an editor, though the text never names it."""

import pytest

from articles.models import ArticleActor
from tests.support.factories import ActorFactory, ArticleFactory

pytestmark = pytest.mark.django_db


def test_an_editor_linked_piece_does_not_claim_zero_mentions(client):
    actor = ActorFactory(name="The Kremlin", slug="kremlin")
    article = ArticleFactory(published=True, title="Linked by hand")
    ArticleActor.objects.create(article=article, actor=actor, mentions=0, origin=ArticleActor.Origin.MANUAL)
    page = client.get("/actors/kremlin/").content.decode()
    assert "Linked by hand" in page
    assert "0 times" not in page
    assert "Linked to The Kremlin by our editors" in page
