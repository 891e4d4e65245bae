"""Search results read cleanly whatever a claim lacks."""

import re

import pytest

from tests.support.factories import ArticleFactory, CitationFactory, ClaimFactory
from tests.support.pages import text

pytestmark = pytest.mark.django_db


def test_a_claim_without_a_claimant_has_no_stray_punctuation_in_its_result(client):
    claim = ClaimFactory(statement="Foreign-trained terrorists attacked Almaty.", claimant_actor=None)
    CitationFactory(claim=claim, article=ArticleFactory(published=True))

    page = text(client.get("/search/?q=terrorists"))

    meta = re.search(r'<p class="card__meta">(.*?)</p>', page[page.index('id="found-claims"'):], re.S).group(1)
    assert meta == '<span><time datetime="2022-01-07">7 January 2022</time></span>'
