"""Site search (articles/search.py, articles/pages/search.py)."""

import re

import pytest
from django.db import connection

from actors.models import ActorAlias
from articles import search
from tests.support.factories import (
    ActorFactory,
    ArticleFactory,
    AuthorFactory,
    CitationFactory,
    ClaimFactory,
    ContributionFactory,
)
from tests.support.pages import text

pytestmark = pytest.mark.django_db


def test_one_function_chooses_full_text_search_on_postgresql_and_fts5_elsewhere():
    expected = "postgresql" if connection.vendor == "postgresql" else "sqlite-fts5"
    assert search.backend().name == expected


def test_search_finds_published_articles_with_title_matches_ranked_first(client):
    ArticleFactory(published=True, title="A note on logistics", body="Zhanaozen protests began over gas prices.")
    ArticleFactory(published=True, title="Zhanaozen and the gas price protests", body="Unrest in the west.")
    ArticleFactory(published=True, title="Unrelated", body="Nothing about it.")

    response = client.get("/search/?q=Zhanaozen protests")

    assert response.status_code == 200
    assert [a.title for a in response.context["results"].articles] == [
        "Zhanaozen and the gas price protests",
        "A note on logistics",
    ]


def test_search_finds_text_in_round_up_contributions_and_author_names(client):
    round_up = ArticleFactory(published=True, title="Round-up", body="Introduction.")
    ContributionFactory(article=round_up, body="The Shanghai Cooperation Organisation stayed silent.")
    ArticleFactory(published=True, title="By her", authors=[AuthorFactory(name="Alica Kizeková")])

    assert [a.title for a in client.get("/search/?q=Shanghai").context["results"].articles] == ["Round-up"]
    assert [a.title for a in client.get("/search/?q=Kizeková").context["results"].articles] == ["By her"]


def test_pieces_with_every_word_come_first_then_those_with_most_of_them(client):
    # Issue 11: when all the words find little, pieces matching most of them follow, marked as such.
    ArticleFactory(published=True, title="Troops and tanks", body="Troops arrived.")
    ArticleFactory(published=True, title="Only troops", body="Troops arrived.")
    response = client.get("/search/?q=troops tanks")
    results = response.context["results"]
    assert [a.title for a in results.articles] == ["Troops and tanks", "Only troops"]
    assert [item.partial for item in results.kind("article").items] == [False, True]
    assert "Matches 1 of your 2 words." in text(response)


def test_search_never_finds_unpublished_articles(client):
    ArticleFactory(title="Secret Zhanaozen draft")
    response = client.get("/search/?q=Zhanaozen")
    assert response.context["results"].articles == []
    assert "Secret Zhanaozen draft" not in text(response)
    assert "Nothing matches" in text(response)


def test_search_finds_claims_cited_in_published_commentary_only(client):
    published_claim = ClaimFactory(statement="The protesters were foreign-trained terrorists.")
    CitationFactory(claim=published_claim, article=ArticleFactory(published=True))
    draft_claim = ClaimFactory(statement="Terrorists planned it for years.")
    CitationFactory(claim=draft_claim, article=ArticleFactory())

    results = client.get("/search/?q=terrorists").context["results"]

    assert results.claims == [published_claim]


def test_search_finds_actors_by_name_alias_and_role(client):
    russia = ActorFactory(name="Russia", slug="russia")
    ActorAlias.objects.create(actor=russia, name="the Kremlin")
    tokayev = ActorFactory(name="Kassym-Jomart Tokayev", slug="tokayev", role="President of Kazakhstan")

    assert client.get("/search/?q=Kremlin").context["results"].actors == [russia]
    assert client.get("/search/?q=President").context["results"].actors == [tokayev]
    page = text(client.get("/search/?q=Kremlin"))
    assert 'href="/actors/russia/"' in page


def test_an_empty_search_asks_for_words(client):
    response = client.get("/search/")
    assert response.status_code == 200
    assert response.context["results"] is None
    assert "Type one or more words" in text(response)


def test_a_search_of_punctuation_only_explains_itself(client):
    response = client.get("/search/?q=%22%27%3B--")
    assert response.status_code == 200
    assert "Search needs at least one word or number." in text(response)


def test_a_huge_search_is_shortened_with_a_notice(client):
    ArticleFactory(published=True, title="CSTO troops")
    response = client.get("/search/", {"q": "CSTO " + "y" * 50_000})
    assert response.status_code == 200
    page = text(response)
    assert "only the first 200 characters were used" in page
    assert "y" * 250 not in page


def test_hostile_search_text_is_escaped(client):
    response = client.get("/search/", {"q": '"><script>alert(1)</script>'})
    page = text(response)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_sql_looking_search_text_is_just_text(client):
    ArticleFactory(published=True, title="Drop everything")
    response = client.get("/search/", {"q": "'; DROP TABLE articles_article; --"})
    assert response.status_code == 200
    assert client.get("/articles/").context["paginator"].count == 1


def test_the_header_search_box_keeps_the_query(client):
    page = text(client.get("/search/?q=CSTO"))
    assert 'id="site-search-q" name="q" maxlength="200" value="CSTO"' in page


def test_search_results_are_not_indexed(client):
    assert '<meta name="robots" content="noindex, follow">' in text(client.get("/search/?q=x"))


def test_a_claim_without_a_claimant_has_no_stray_punctuation_in_its_result(client):
    claim = ClaimFactory(statement="Foreign-trained terrorists attacked Almaty.", claimant_actor=None)
    CitationFactory(claim=claim, article=ArticleFactory(published=True))

    page = text(client.get("/search/?q=terrorists"))

    meta = re.search(r'<p class="card__meta">(.*?)</p>', page[page.index('id="found-claims"'):], re.S).group(1)
    assert meta == '<span><time datetime="2022-01-07">7 January 2022</time></span>'


def test_a_search_with_a_bidi_override_still_finds_its_words(client):
    ArticleFactory(published=True, title="The CSTO arrives")
    assert "The CSTO arrives" in text(client.get("/search/?q=%E2%80%AECSTO"))
    assert [a.title for a in client.get("/articles/?q=%E2%80%AECSTO").context["articles"]] == ["The CSTO arrives"]


def test_the_echoed_search_is_isolated_from_the_surrounding_text_direction(client):
    page = text(client.get("/search/?q=%D9%83%D8%A7%D8%B2%D8%A7%D8%AE%D8%B3%D8%AA%D8%A7%D9%86"))
    assert "Nothing matches “<bdi>كازاخستان</bdi>”" in page
