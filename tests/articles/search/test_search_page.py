"""The /search/ page: grouped results with counts and highlighted snippets, the list
filters narrowing it, a fixed number of queries, and capped admin searches."""

import datetime

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.support.factories import (
    ActorAliasFactory,
    ActorFactory,
    ArticleFactory,
    AuthorFactory,
    CitationFactory,
    ClaimFactory,
    ThemeFactory,
)
from tests.support.pages import text

pytestmark = pytest.mark.django_db


def test_results_are_grouped_by_kind_articles_first_with_counts_and_marked_snippets(client):
    galeotti = AuthorFactory(name="Mark Galeotti", slug="mark-galeotti")
    ArticleFactory(published=True, title="Western opportunity", authors=[galeotti], body="Moscow acted fast.")
    claim = ClaimFactory(statement="Russia gained leverage.", rationale="Galeotti disagrees.", claimant_actor=None)
    CitationFactory(claim=claim, article=ArticleFactory(published=True, title="Other piece"))
    response = client.get("/search/", {"q": "Galeotti"})
    results = response.context["results"]
    assert [group.kind for group in results.groups] == ["article", "claim", "author"]
    assert [group.count for group in results.groups] == [1, 1, 1]
    page = text(response)
    assert page.index('id="found-articles"') < page.index('id="found-claims"') < page.index('id="found-authors"')
    assert "<mark>Galeotti</mark> disagrees." in page


def test_a_piece_and_the_claim_it_cites_are_found_from_the_moment_they_go_live(client):
    # What readers may see is compiled once per process for a fixed moment (the
    # parameter then becomes now): a piece live from a second ago, after that
    # compilation, must be found, and one live from a minute on must not be.
    claim = ClaimFactory(statement="Zhanaozen strikers were heard.")
    assert client.get("/search/", {"q": "Zhanaozen"}).context["results"].total == 0
    now = timezone.now()
    live = ArticleFactory(published=True, title="Zhanaozen now")
    Article.objects.filter(pk=live.pk).update(live_from=now - datetime.timedelta(seconds=1))
    later = ArticleFactory(published=True, title="Zhanaozen later")
    Article.objects.filter(pk=later.pk).update(live_from=now + datetime.timedelta(minutes=1))
    CitationFactory(claim=claim, article=live)
    results = client.get("/search/", {"q": "Zhanaozen"}).context["results"]
    assert [a.title for a in results.articles] == ["Zhanaozen now"]
    assert results.claims == [claim]


def test_an_authors_articles_rank_above_pieces_that_merely_mention_them(client):
    author = AuthorFactory(name="Oksana Antonenko")
    ArticleFactory(published=True, title="A piece quoting her", body="As Antonenko wrote, the crisis is domestic.")
    ArticleFactory(published=True, title="Her own piece", body="Central Asia was stable.", authors=[author])
    titles = [a.title for a in client.get("/search/", {"q": "Antonenko"}).context["results"].articles]
    assert titles == ["Her own piece", "A piece quoting her"]


def test_a_persons_surname_finds_them_but_the_last_word_of_a_title_alias_does_not(client):
    tokayev = ActorFactory(name="Kassym-Jomart Tokayev", slug="tokayev", kind="person")
    ActorAliasFactory(actor=tokayev, name="Kazakh president")
    nazarbayev = ActorFactory(name="Nursultan Nazarbayev", slug="nazarbayev", kind="person")
    ActorAliasFactory(actor=nazarbayev, name="Leader of the Nation")
    ArticleFactory(published=True, title="The reshuffle", body="Tokayev dismissed the government.")
    ArticleFactory(published=True, title="Titles", body="The Kazakh president spoke; so did the Leader of the Nation.")
    ArticleFactory(published=True, title="Elsewhere", body="The French president spoke of a nation united.")

    def found(query):
        return {a.title for a in client.get("/search/", {"q": query}).context["results"].articles}

    assert found("Tokayev") == {"The reshuffle", "Titles"}
    assert found("Nazarbayev") == {"Titles"}


def test_snippets_escape_the_text_around_the_marks(client):
    ArticleFactory(published=True, title="Escaping", body="<script>alert(1)</script> Zhanaozen burned.")
    page = text(client.get("/search/", {"q": "Zhanaozen"}))
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Zhanaozen</mark> burned." in page
    assert "<script>alert(1)</script>" not in page


def test_a_snippet_starts_just_before_a_match_deep_in_a_long_body_in_any_case_or_accent(client):
    filler = " ".join(f"word{i}" for i in range(400))
    ArticleFactory(published=True, title="Long piece", body=f"{filler} as KIZEKOVÁ argued, and kizekova’s critics. {filler}")
    ArticleFactory(published=True, title="Kizekova in the title only", body=filler)
    results = client.get("/search/", {"q": "Kizekova"}).context["results"]
    snippets = {item.obj.title: str(item.snippet) for item in results.kind("article").items}
    assert snippets["Long piece"].startswith("… word391 word392")  # the ten words before it
    assert "word399 as <mark>KIZEKOVÁ</mark> argued, and <mark>kizekova</mark>’s critics." in snippets["Long piece"]
    assert snippets["Long piece"].endswith(" …")
    assert snippets["Kizekova in the title only"] == ""  # the card shows the title; no snippet from the body


def test_the_list_filters_narrow_the_search(client):
    theme = ThemeFactory(name="Energy", slug="energy")
    tagged = ArticleFactory(published=True, title="Uranium and the crisis")
    tagged.themes.add(theme)
    ArticleFactory(published=True, title="Uranium elsewhere")
    ActorFactory(name="Uranium Board")
    narrowed = client.get("/search/", {"q": "uranium", "theme": "energy"})
    assert [a.title for a in narrowed.context["results"].articles] == ["Uranium and the crisis"]
    assert narrowed.context["results"].actors == []  # narrowing searches commentary and its claims only
    assert "Narrowed to commentary" in text(narrowed)
    unknown = client.get("/search/", {"q": "uranium", "theme": "nope"})
    assert unknown.status_code == 200
    assert len(unknown.context["results"].articles) == 2


def test_the_article_list_ranks_its_words_with_the_same_search(client):
    ArticleFactory(published=True, title="Colour revolutions", body="")
    ArticleFactory(published=True, title="Mentions", body="a color revolution, they said")
    response = client.get("/articles/", {"q": "color revolution", "ordering": "relevance"})
    assert [a.title for a in response.context["object_list"]] == ["Colour revolutions", "Mentions"]


def _populate(n):
    author = AuthorFactory(name="Velina Tchakarova")
    for i in range(n):
        article = ArticleFactory(published=True, title=f"Troops piece {i}", authors=[author])
        CitationFactory(claim=ClaimFactory(statement=f"Troops claim {i}"), article=article)
        ActorFactory(name=f"Troops actor {i}")


@pytest.mark.parametrize("query", ["troops", "Tchakarova troops", "trops"])
def test_the_number_of_queries_does_not_grow_with_the_results(client, query):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/search/", {"q": query}).status_code == 200
        return len(queries)

    _populate(3)
    small = count()
    _populate(25)
    assert count() == small
    assert small <= 16


@pytest.mark.parametrize(
    "model_admin", [m for m in admin.site._registry.values() if m.search_fields], ids=lambda m: m.model.__name__
)
def test_a_huge_admin_search_is_shortened_with_a_message_not_a_500(admin_client, model_admin):
    opts = model_admin.model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    response = admin_client.get(url, {"q": "x " * 50_000})
    assert response.status_code == 200
    assert "so yours was shortened" in text(response)
    response = admin_client.get(url, {"q": "y" * 100_000})
    assert response.status_code == 200


def test_a_short_admin_search_is_untouched(admin_client):
    ArticleFactory(title="Zhanaozen draft")
    response = admin_client.get(reverse("admin:articles_article_changelist"), {"q": "Zhanaozen"})
    assert "shortened" not in text(response)
    assert list(response.context["cl"].queryset) == list(Article.objects.all())
