"""Old addresses keep working (articles/redirects.py): a slug change of an article,
actor, theme, author or claim leaves a permanent redirect; chains collapse; no loops."""

import pytest
from django.urls import reverse

from articles.models import Redirect
from articles.redirects import record_move
from tests.support.factories import (
    ActorFactory,
    ArticleFactory,
    AuthorFactory,
    CitationFactory,
    ClaimFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def _published_world():
    """One published article citing a claim, by an author, mentioning an actor, under a theme:
    every kind of page exists publicly."""
    author = AuthorFactory()
    actor = ActorFactory(name="Kazakhstan")
    article = ArticleFactory(published=True, authors=[author], body="Kazakhstan asked the CSTO for help.")
    claim = CitationFactory(article=article, quote="Kazakhstan asked the CSTO for help.").claim
    theme = ThemeFactory()
    article.themes.add(theme)
    from articles.mentions import refresh_actor_mentions

    refresh_actor_mentions(article=article)
    return {"article": article, "actor": actor, "theme": theme, "author": author, "claim": claim}


@pytest.mark.parametrize("kind", ["article", "actor", "theme", "author", "claim"])
def test_changing_a_slug_redirects_the_old_address_permanently(client, kind):
    obj = _published_world()[kind]
    old_url = obj.get_absolute_url()
    assert client.get(old_url).status_code == 200
    obj.slug = f"renamed-{kind}"
    obj.save()
    response = client.get(old_url + "?page=1")
    assert response.status_code == 301
    assert response["Location"] == obj.get_absolute_url() + "?page=1"
    assert client.get(response["Location"]).status_code == 200


def test_pages_under_the_old_address_follow_it(client):
    author = _published_world()["author"]
    old_feed = reverse("feeds:author", kwargs={"slug": author.slug})
    author.slug = "new-name"
    author.save()
    response = client.get(old_feed)
    assert response.status_code == 301
    assert response["Location"] == reverse("feeds:author", kwargs={"slug": "new-name"})


def test_chains_collapse_and_changing_back_makes_no_loop(client):
    article = ArticleFactory(published=True, slug="first")
    for slug in ["second", "third"]:
        article.slug = slug
        article.save()
    assert client.get("/articles/first/")["Location"] == "/articles/third/"
    assert client.get("/articles/second/")["Location"] == "/articles/third/"
    article.slug = "first"
    article.save()
    assert client.get("/articles/first/").status_code == 200
    assert client.get("/articles/third/")["Location"] == "/articles/first/"
    assert not Redirect.objects.filter(old_path="/articles/first/").exists()
    assert all(r.old_path != r.new_path for r in Redirect.objects.all())


def test_an_address_that_exists_is_never_redirected_and_unknown_ones_stay_404(client):
    live = ArticleFactory(published=True, slug="live")
    record_move(old_path="/articles/live/", new_path="/articles/elsewhere/")
    assert client.get(live.get_absolute_url()).status_code == 200
    assert client.get("/articles/never-was/").status_code == 404


def test_changing_a_slug_in_the_admin_redirects_too(editor_client, client):
    from tests.support.admin_forms import form_data

    actor = ActorFactory(slug="old-actor")
    url = reverse("admin:actors_actor_change", args=[actor.pk])
    data = form_data(editor_client.get(url).content.decode(), "actor_form")
    data["slug"] = "new-actor"
    assert editor_client.post(url, data).status_code == 302
    assert Redirect.objects.get(old_path="/actors/old-actor/").new_path == "/actors/new-actor/"


def test_claims_and_themes_are_redirected_by_their_own_addresses():
    claim = ClaimFactory(slug="c-old")
    claim.slug = "c-new"
    claim.save()
    theme = ThemeFactory(slug="t-old")
    theme.slug = "t-new"
    theme.save()
    assert set(Redirect.objects.values_list("old_path", "new_path")) == {
        ("/claims/c-old/", "/claims/c-new/"),
        ("/themes/t-old/", "/themes/t-new/"),
        ("/feeds/themes/t-old/", "/feeds/themes/t-new/"),
    }


def test_a_theme_with_letters_of_any_script_keeps_its_old_address(client):
    theme = ThemeFactory(slug="қаңтар")
    article = ArticleFactory(published=True)
    article.themes.add(theme)
    theme.slug = "january"
    theme.save()
    response = client.get("/themes/%D2%9B%D0%B0%D2%A3%D1%82%D0%B0%D1%80/")
    assert (response.status_code, response["Location"]) == (301, "/themes/january/")


def test_a_very_long_unknown_address_is_a_plain_404_without_a_lookup(client, django_assert_num_queries):
    path = "/feeds/themes/" + "</script>" * 2000 + "/"
    with django_assert_num_queries(0):
        assert client.get(path).status_code == 404
