"""The search index follows every write, and search shows only what readers may see."""

import pytest

from actors.models import ActorAlias
from articles import search
from articles.models import Article, SearchEntry
from tests.support.factories import (
    ActorFactory,
    ArticleFactory,
    AuthorFactory,
    CitationFactory,
    ClaimFactory,
    ContributionFactory,
    EventFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def titles(query):
    return [a.title for a in search.search(query).articles]


def test_edits_and_deletions_reach_the_index_at_once():
    article = ArticleFactory(published=True, title="Zhanaozen remembered")
    assert titles("Zhanaozen") == ["Zhanaozen remembered"]
    article.title = "Aktau remembered"
    article.save()
    assert titles("Zhanaozen") == [] and titles("Aktau") == ["Aktau remembered"]
    article.delete()
    assert titles("Aktau") == [] and not SearchEntry.objects.filter(kind="article").exists()


def test_contributions_bylines_and_renamed_authors_are_searched():
    author = AuthorFactory(name="Alica Kizeková")
    article = ArticleFactory(published=True, title="Round-up", authors=[author])
    ContributionFactory(article=article, body="The Shanghai Cooperation Organisation stayed silent.")
    assert titles("Shanghai") == titles("Kizekova") == ["Round-up"]
    author.name = "Alica Novak"
    author.save()
    assert titles("Novak") == ["Round-up"] and titles("Kizekova") == []


def test_a_new_alias_finds_the_articles_that_name_the_actor():
    actor = ActorFactory(name="Nursultan Nazarbayev", slug="nazarbayev", kind="person")
    ArticleFactory(published=True, title="Nazarbayev steps down")
    assert titles("Elbasy") == []
    ActorAlias.objects.create(actor=actor, name="Elbasy")
    assert titles("Elbasy") == ["Nazarbayev steps down"]
    assert search.search("Elbasy").actors == [actor]


def test_unpublished_and_scheduled_articles_and_their_claims_stay_hidden():
    ArticleFactory(title="Secret Zhanaozen draft")
    scheduled = ArticleFactory(published=True, title="Zhanaozen later")
    Article.objects.filter(pk=scheduled.pk).update(live_from=scheduled.live_from.replace(year=2100))
    CitationFactory(claim=ClaimFactory(statement="Zhanaozen was planned."), article=scheduled)
    results = search.search("Zhanaozen")
    assert results.articles == [] and results.claims == [] and results.total == 0


def test_themes_events_and_authors_are_searched_too():
    theme = ThemeFactory(name="Energy and uranium", description="Oil, gas and uranium.")
    event = EventFactory(title="Uranium exports paused", description="")
    author = AuthorFactory(name="Uranium Expert")
    results = search.search("uranium")
    assert results.themes == [theme] and results.events == [event] and results.authors == [author]


def test_typos_find_the_closest_word_of_the_site_and_say_so(client):
    ArticleFactory(published=True, title="Galeotti on the intervention")
    response = client.get("/search/", {"q": "Galeoti"})
    assert [a.title for a in response.context["results"].articles] == ["Galeotti on the intervention"]
    assert response.context["results"].corrected_query == "galeotti"
    assert "Showing results for" in response.content.decode()


def test_nothing_matching_suggests_nothing_false(client):
    ArticleFactory(published=True, title="Troops")
    response = client.get("/search/", {"q": "qwxzv"})
    assert response.context["results"].total == 0
    assert "Nothing matches" in response.content.decode()


def test_rebuild_command_restores_an_index_emptied_behind_its_back(django_capture_on_commit_callbacks):
    from django.core.management import call_command

    ArticleFactory(published=True, title="Zhanaozen remembered")
    SearchEntry.objects.all().delete()
    assert titles("Zhanaozen") == []
    call_command("rebuild_search_index", verbosity=0)
    assert titles("Zhanaozen") == ["Zhanaozen remembered"]


def test_writes_inside_a_batch_are_indexed_once_at_its_end_and_match_a_rebuild():
    from articles.search.index import batched, rebuild

    with batched():
        article = ArticleFactory(published=True, title="Zhanaozen remembered")
        ContributionFactory(article=article, body="Oil workers in Mangystau struck again.")
        assert titles("Zhanaozen") == []  # not yet: the batch indexes when it ends
    assert titles("Zhanaozen") == ["Zhanaozen remembered"] and titles("Mangystau") == ["Zhanaozen remembered"]
    batched_rows = sorted(SearchEntry.objects.values_list("kind", "key", "title", "people", "body"))
    rebuild()
    assert sorted(SearchEntry.objects.values_list("kind", "key", "title", "people", "body")) == batched_rows


def test_the_launch_load_indexes_everything_as_a_rebuild_would():
    from articles.launch import load_launch_content
    from articles.search.index import rebuild

    load_launch_content()
    loaded = sorted(SearchEntry.objects.values_list("kind", "key", "title", "standfirst", "people", "body", "extra"))
    rebuild()
    assert loaded == sorted(SearchEntry.objects.values_list("kind", "key", "title", "standfirst", "people", "body", "extra"))
    assert len(search.search("Tokayev").articles) == Article.objects.published().count() == 5
