"""Review: the claims list plan loads only what the list shows."""

import pytest
from django.template.loader import render_to_string

from articles.models import Citation, Claim
from tests.support.factories import ActorFactory, ArticleFactory, CitationFactory, ClaimFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def test_the_claims_index_plan_is_one_query(django_assert_num_queries):
    theme = ThemeFactory()
    for n in range(3):
        claim = ClaimFactory(claimant_actor=ActorFactory(name=f"Claimant {n}"))
        claim.themes.add(theme)
        CitationFactory(claim=claim, article=ArticleFactory(published=True), stance=Citation.Stance.DISPUTES)
        CitationFactory(claim=claim, article=ArticleFactory(), stance=Citation.Stance.SUPPORTS)  # a draft
    # Everything one list entry shows (claimant link, stance counts) comes with the one query.
    with django_assert_num_queries(1):
        shown = [
            render_to_string("includes/ref_claim_item.html", {"claim": claim})
            for claim in Claim.objects.for_index()
        ]
    assert len(shown) == 3
    for n in range(3):
        assert sum("Made by <a href" in item and f">Claimant {n}</a>" in item for item in shown) == 1
    assert all("In 1 published article" in item and "Disputes or qualifies (1)" in item for item in shown)
    assert all("Asserts or supports (0)" in item for item in shown)
