"""The claim pages (articles/pages/claims.py): list, filters, a claim, their JSON-LD and query plans."""

import re

import pytest
from django.template.loader import render_to_string

from articles.models import Article, Citation, Claim
from articles.pages import claims
from tests.support.factories import ActorFactory, ArticleFactory, CitationFactory, ClaimFactory, ThemeFactory
from tests.support.scene import html, jsonld
from tests.support.shared import OverAGeneratedWorld, OverTheScene

pytestmark = pytest.mark.django_db


# ---- claims ----------------------------------------------------------------------


class TestTheScene(OverTheScene):
    """Tests that only read the scene, made once for the class (``shared_scene``)."""

    def test_claim_page_groups_published_citations_by_stance(self, client, scene):
        page = html(client, "/claims/external-threat/")
        summary = re.search(r'<p class="ref-stance-summary">(.*?)</p>', page, re.S).group(1)
        assert "Cited in 3 published articles" in summary
        assert "Asserts or supports (1)" in summary  # the draft's "supports" is not counted
        assert "Reports (1)" in summary and "Disputes or qualifies (1)" in summary
        agree = re.search(r'id="stance-agree"(.*?)</section>', page, re.S).group(1)
        assert "Russia and the CSTO in Kazakhstan" in agree

    def test_claim_page_links_each_quote_to_its_paragraph_and_names_the_contributor(self, client, scene):
        page = html(client, "/claims/external-threat/")
        assert '<a href="/articles/russia-csto/#p1">“The CSTO deployed troops”</a>' in page
        assert '<a href="/articles/sceptical/#p1">“Russia quickly came”</a>' in page
        report = re.search(r'id="stance-report"(.*?)</section>', page, re.S).group(1)
        assert 'href="/articles/roundup/#c1-p2"' in report
        assert "Velina Tchakarova" in report

    def test_claim_page_shows_claimant_date_at_its_precision_and_assessment(self, client, scene):
        page = html(client, "/claims/external-threat/")
        assert '<a href="/actors/russia/">Russia</a>' in page
        assert '<time datetime="2022-01">January 2022</time>' in page
        assert "Unsupported" in page and "No commentary finds an external threat." in page

    def test_claim_json_ld_has_claim_with_published_appearances_and_a_review(self, client, scene):
        (data,) = jsonld(html(client, "/claims/external-threat/"))
        claim, review = data["@graph"]
        assert claim["@type"] == "Claim" and claim["text"] == scene.claim.statement
        assert {a["headline"] for a in claim["appearance"]} == {
            "Russia and the CSTO in Kazakhstan", "A sceptical view", "Experts answer",
        }
        assert claim["author"]["name"] == "Russia"
        assert review["@type"] == "ClaimReview"
        assert review["reviewRating"]["alternateName"] == "Unsupported"
        assert review["itemReviewed"] == {"@id": claim["@id"]}

    def test_an_unassessed_claim_has_no_claim_review(self, client, scene):
        (data,) = jsonld(html(client, "/claims/multi-vector/"))
        assert [node["@type"] for node in data["@graph"]] == ["Claim"]

    def test_a_claim_id_redirects_to_its_slug_address(self, client, scene):
        response = client.get(f"/claims/{scene.claim.pk}/")
        assert response.status_code == 301
        assert response["Location"] == "/claims/external-threat/"

    def test_claims_list_shows_stance_counts_over_published_commentary(self, client, scene):
        page = html(client, "/claims/")
        item = re.search(r"external-threat/.*?</article>", page, re.S).group(0)
        assert "Cited in 3 published articles, 3 passages:" in item
        assert "Asserts or supports (1)" in item

    @pytest.mark.parametrize(
        ("query", "shown", "hidden"),
        [
            ("theme=regional-organisations", ["external-threat"], ["multi-vector"]),
            ("actor=kazakhstan", ["external-threat"], ["multi-vector"]),
            ("actor=russia", ["external-threat"], ["multi-vector"]),
            ("verdict=unsupported", ["external-threat"], ["multi-vector"]),
            ("verdict=none", ["multi-vector"], ["external-threat"]),
            ("theme=regional-organisations&actor=russia&verdict=unsupported", ["external-threat"], ["multi-vector"]),
            ("theme=regional-organisations&verdict=false", [], ["external-threat", "multi-vector"]),
        ],
    )
    def test_claims_list_filters_alone_and_combined(self, client, scene, query, shown, hidden):
        page = html(client, f"/claims/?{query}")
        for slug in shown:
            assert f'href="/claims/{slug}/"' in page, (query, slug)
        for slug in hidden:
            assert f'href="/claims/{slug}/"' not in page, (query, slug)

    @pytest.mark.parametrize(
        ("query", "message"),
        [
            ("theme=no-such-theme", "There is no theme “no-such-theme”"),
            ("actor=nobody", "There is no actor “nobody”"),
            ("verdict=maybe", "There is no verdict “maybe”"),
            ("order=sideways", "is not a way to order claims"),
            ("page=abc", "That page number was not a number"),
            ("page=99999", "There is only 1 page here"),
            ("theme=%00bad", "The theme filter was not understood"),
            ("actor=" + "x" * 5000, "The actor filter was not understood"),
        ],
    )
    def test_bad_claim_filters_give_a_clear_message_not_an_error(self, client, scene, query, message):
        page = html(client, f"/claims/?{query}")
        assert message in page
        assert 'href="/claims/external-threat/"' in page  # the other filters (none) still apply

    def test_a_bad_filter_value_is_never_reflected_unescaped(self, client, scene):
        page = html(client, "/claims/?theme=%3Cscript%3Ealert(1)%3C/script%3E")
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page

    def test_claims_list_can_be_ordered_by_most_disputed(self, client, scene):
        page = html(client, "/claims/?order=disputed")
        assert page.index("external-threat/") < page.index("multi-vector/")

    @pytest.mark.parametrize("value", ["%E2%80%AEevil", "%01evil", "evil%E2%81%A6"])
    def test_control_characters_and_bidi_overrides_in_a_claims_filter_are_dropped_not_echoed(self, client, scene, value):
        page = client.get(f"/claims/?theme={value}").content.decode()
        assert "The theme filter was not understood and was ignored." in page
        assert "evil" not in page

    def test_an_empty_page_parameter_is_the_first_page_without_a_notice(self, client, scene):
        page = client.get("/claims/?theme=&page=").content.decode()
        assert "page number was not understood" not in page
        assert 'href="/claims/external-threat/"' in page

    @pytest.mark.parametrize("value", ["%C2%B2", "%E2%91%A0", "%D9%A3", "%EF%BC%92"])
    def test_a_unicode_digit_page_number_is_not_understood_rather_than_a_server_error(self, client, scene, value):
        page = client.get(f"/claims/?page={value}").content.decode()
        assert "That page number was not a number" in page


def test_a_claim_cited_twice_in_one_article_counts_one_article_and_two_passages_on_its_page_and_the_list(client):
    claim = ClaimFactory(slug="twice")
    article = ArticleFactory(published=True, body="The CSTO deployed troops.\n\nLater, Russia withdrew them.")
    CitationFactory(article=article, claim=claim, quote="The CSTO deployed troops")
    CitationFactory(article=article, claim=claim, quote="Russia withdrew them", stance=Citation.Stance.DISPUTES)
    page = html(client, "/claims/twice/")
    summary = re.search(r'<p class="ref-stance-summary">(.*?)</p>', page, re.S).group(1)
    assert "Cited in 1 published article, 2 passages:" in summary
    item = re.search(r"twice/.*?</article>", html(client, "/claims/"), re.S).group(0)
    assert "Cited in 1 published article, 2 passages:" in item


class TestAGeneratedWorld(OverAGeneratedWorld):
    """Tests that only read a generated world, made once for the class (``shared_world``)."""

    def test_claim_detail_is_six_queries(self, world, django_assert_num_queries):
        with django_assert_num_queries(6):
            claim, _ = claims.claim_detail(world.claim.slug)
            for citation in claim.published_citations:
                [aa.author for aa in citation.article.article_authors.all()]
                claims.contribution_for(citation)
            list(claim.themes.all()), list(claim.about.all())

    def test_stance_counts_cover_published_citations_only(self, world):
        for claim in Claim.objects.for_index():
            published = claim.citations.filter(article__in=Article.objects.published())
            assert claim.agree_count + claim.report_count + claim.dispute_count == published.count()
            assert claim.cited_in == published.values("article").distinct().count()


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
    assert all("Cited in 1 published article, 1 passage:" in item and "Disputes or qualifies (1)" in item for item in shown)
    assert all("Asserts or supports (0)" in item for item in shown)
