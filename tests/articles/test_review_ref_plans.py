"""Review: the claims list plan loads only what the list shows."""

import pytest

from articles.models import Claim
from tests.factories import ClaimFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def test_the_claims_index_plan_is_one_query(django_assert_num_queries):
    theme = ThemeFactory()
    for _ in range(3):
        ClaimFactory().themes.add(theme)
    with django_assert_num_queries(1):
        claims = list(Claim.objects.for_index())
    assert len(claims) == 3 and all(claim.claimant is not None for claim in claims)
