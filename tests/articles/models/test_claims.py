"""Claims and citations (articles/models/claims.py)."""

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError

from articles.models import Citation, Claim
from tests.support.factories import (
    ActorFactory,
    ArticleFactory,
    AuthorFactory,
    CitationFactory,
    ClaimFactory,
    ContributionFactory,
)

pytestmark = pytest.mark.django_db


def test_citation_quote_must_occur_in_the_article_text():
    citation = CitationFactory.build(
        claim=ClaimFactory(), article=ArticleFactory(), quote="Words the article never said."
    )
    with pytest.raises(ValidationError) as error:
        citation.full_clean()
    assert "does not occur" in error.value.message_dict["quote"][0]


def test_citation_quote_may_differ_in_white_space_only():
    citation = CitationFactory.build(
        claim=ClaimFactory(), article=ArticleFactory(), quote="The CSTO  deployed\ntroops"
    )
    citation.full_clean()


def test_citation_quote_may_come_from_a_round_up_contribution_and_gets_its_anchor():
    article = ArticleFactory()
    ContributionFactory(article=article, order=2, body="First.\n\nChina was consulted on the intervention.")
    citation = CitationFactory(article=article, quote="China was consulted")
    assert (citation.anchor, citation.position) == ("c2-p2", 3)


def test_citation_records_the_paragraph_it_quotes():
    citation = CitationFactory(quote="Russia quickly came")
    assert (citation.anchor, citation.position) == ("p2", 1)


def test_a_cited_claim_cannot_be_deleted():
    citation = CitationFactory()
    with pytest.raises(ProtectedError):
        citation.claim.delete()
    assert Claim.objects.filter(pk=citation.claim_id).exists()


def test_an_actor_who_made_or_is_the_subject_of_a_claim_cannot_be_deleted():
    claimant, subject = ActorFactory(), ActorFactory()
    claim = ClaimFactory(claimant_actor=claimant)
    claim.about.add(subject)
    with pytest.raises(ProtectedError):
        claimant.delete()
    with pytest.raises(ProtectedError):
        subject.delete()


def test_claim_needs_exactly_one_claimant():
    claim = ClaimFactory.build(claimant_actor=None)
    with pytest.raises(ValidationError, match="Who made this claim"):
        claim.full_clean()
    claim = ClaimFactory.build(claimant_actor=ActorFactory(), claimant_author=AuthorFactory())
    with pytest.raises(ValidationError, match="not both"):
        claim.full_clean()


def test_a_verdict_needs_a_rationale():
    claim = ClaimFactory.build(claimant_actor=ActorFactory(), verdict=Claim.Verdict.DISPUTED)
    with pytest.raises(ValidationError, match="Explain the verdict"):
        claim.full_clean()


def test_every_stance_an_editor_can_choose_is_counted_in_one_group_readers_see():
    # The claims list and claim pages show "Asserts or supports (n) · Reports (n) ·
    # Disputes or qualifies (n)": a citation whose stance no group holds would vanish.
    claim = ClaimFactory()
    for stance in Citation.Stance.values:
        CitationFactory(claim=claim, article=ArticleFactory(published=True), stance=stance)
    CitationFactory(claim=claim, article=ArticleFactory(), stance=Citation.Stance.DISPUTES)  # a draft
    counted = Claim.objects.with_stance_counts().get(pk=claim.pk)
    assert (counted.agree_count, counted.report_count, counted.dispute_count) == (2, 1, 2)
    assert counted.cited_in == len(Citation.Stance.values)


def test_citation_is_checked_against_the_body_being_saved_not_the_previous_one():
    article = ArticleFactory()
    article.body = "A new first paragraph the editor just wrote."  # not yet saved
    citation = CitationFactory.build(claim=ClaimFactory(), article=article, quote="the editor just wrote")
    citation.full_clean()
