"""Themes are chosen, not typed (articles/admin/theme_choice.py) and merged on purpose
(ThemeAdmin's merge action, articles/taxonomy.py)."""

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse

from articles.models import Redirect, Theme
from tests.support.admin_forms import form_data
from tests.support.factories import ArticleFactory, ClaimFactory, EventFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def _change_form(client, obj, form_id="article_form"):
    url = reverse(f"admin:articles_{obj._meta.model_name}_change", args=[obj.pk])
    return url, form_data(client.get(url).content.decode(), form_id)


def test_the_themes_box_is_an_autocomplete_of_existing_themes_with_an_explicit_add_button(editor_client):
    article = ArticleFactory()
    page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert 'data-model-name="article"' in page and 'data-field-name="themes"' in page
    assert reverse("admin:articles_theme_add") in page
    assert "Tags" not in page


def test_typing_a_name_never_creates_a_theme(editor_client):
    regional = ThemeFactory(name="Regional organisations")
    article = ArticleFactory()
    url, data = _change_form(editor_client, article)
    data["themes"] = "Regional organisations, new typo"
    response = editor_client.post(url, data)
    assert response.status_code == 200  # refused with a message, nothing created
    assert list(Theme.objects.all()) == [regional]
    data["themes"] = [str(regional.pk)]
    assert editor_client.post(url, data).status_code == 302
    assert list(article.themes.all()) == [regional]
    assert list(Theme.objects.all()) == [regional]


@pytest.mark.parametrize("model", ["article", "claim", "event"])
def test_names_with_quotes_and_commas_round_trip_through_every_form(editor_client, model):
    theme = ThemeFactory(name='The "Bloody January", 2022')
    obj = {"article": ArticleFactory, "claim": ClaimFactory, "event": EventFactory}[model]()
    obj.themes.add(theme)
    url, data = _change_form(editor_client, obj, f"{model}_form")
    assert data["themes"] == str(theme.pk)
    for _ in range(2):  # save unchanged twice: nothing splits, nothing is created
        response = editor_client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:2000]
        url, data = _change_form(editor_client, obj, f"{model}_form")
    assert [t.name for t in Theme.objects.all()] == ['The "Bloody January", 2022']
    assert list(obj.themes.all()) == [theme]


def test_the_theme_autocomplete_finds_existing_themes(editor_client):
    ThemeFactory(name="Regional organisations")
    ThemeFactory(name="Energy")
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {"term": "regional", "app_label": "articles", "model_name": "article", "field_name": "themes"},
    )
    assert [r["text"] for r in response.json()["results"]] == ["Regional organisations"]


def test_merging_two_themes_moves_everything_and_keeps_the_old_address_working(editor_client):
    keep = ThemeFactory(name="CSTO", slug="csto")
    old = ThemeFactory(name="Collective Security Treaty Organization", slug="collective-security")
    both, only_old = ArticleFactory(published=True), ArticleFactory(published=True)
    both.themes.add(keep, old)
    only_old.themes.add(old)
    changelist = reverse("admin:articles_theme_changelist")
    selected = {"action": "merge", "_selected_action": [keep.pk, old.pk]}
    confirm = editor_client.post(changelist, selected)
    assert "Keep which theme?" in confirm.content.decode()
    assert Theme.objects.count() == 2  # nothing happens before the confirmation
    editor_client.post(changelist, {**selected, "confirm": "yes", "keep": str(keep.pk)})
    assert list(Theme.objects.all()) == [keep]
    assert list(both.themes.all()) == [keep] and list(only_old.themes.all()) == [keep]
    response = Client().get("/themes/collective-security/")
    assert (response.status_code, response["Location"]) == (301, "/themes/csto/")
    assert Redirect.objects.filter(old_path="/feeds/themes/collective-security/").exists()
    assert "Merged theme" in LogEntry.objects.get(object_id=str(keep.pk)).get_change_message()
    assert LogEntry.objects.get(object_id=str(old.pk)).is_deletion()


def test_merging_needs_exactly_two_themes(editor_client):
    themes = [ThemeFactory() for _ in range(3)]
    response = editor_client.post(
        reverse("admin:articles_theme_changelist"),
        {"action": "merge", "_selected_action": [t.pk for t in themes]},
        follow=True,
    )
    assert "Select exactly two themes to merge." in response.content.decode()
    assert Theme.objects.count() == 3
