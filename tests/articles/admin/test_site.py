"""The admin is the editors' whole workplace: every page must open for them, and only for them."""

import pytest
from django.contrib import admin
from django.urls import reverse

from articles.models import LinkCheck, Redirect, SourceMarker
from tests.support import factories
from tests.support.db import rolled_back_for_module

OUR_APPS = {"articles", "actors"}


REGISTERED = sorted(
    (model._meta.app_label, model._meta.model_name)
    for model in admin.site._registry
    if model._meta.app_label in OUR_APPS
)


MODERATION = {("articles", "comment"), ("articles", "blocklistterm")}
# Made by the site, never by hand: readers' comments, source markers (from imports), link checks.
NO_ADD_FORM = {("articles", "comment"), ("articles", "sourcemarker"), ("articles", "linkcheck")}


@pytest.fixture(scope="module")
def shared_one_of_each(django_db_setup, django_db_blocker):
    """An object of every registered model, made once for the module: every test here only
    opens admin pages. It lives in a transaction rolled back when the module ends; each test
    still runs in its own savepoint (``db``)."""
    with rolled_back_for_module(django_db_blocker):
        article = factories.one_of_each()
        SourceMarker.objects.create(article=article, context="as reported")
        Redirect.objects.create(old_path="/articles/old/", new_path=article.get_absolute_url())
        LinkCheck.objects.create(url="https://example.org/")
        yield article


@pytest.fixture
def one_of_each(shared_one_of_each, db):
    return shared_one_of_each


def _object_of(app_label, model_name):
    model = next(m for m in admin.site._registry if m._meta.model_name == model_name)
    return model.objects.first()


@pytest.mark.parametrize(("app_label", "model_name"), REGISTERED)
def test_editor_can_open_every_changelist_add_and_change_form(editor_client, one_of_each, app_label, model_name):
    base = f"admin:{app_label}_{model_name}"
    assert editor_client.get(reverse(f"{base}_changelist")).status_code == 200
    expected_add = 403 if (app_label, model_name) in NO_ADD_FORM else 200
    assert editor_client.get(reverse(f"{base}_add")).status_code == expected_add
    obj = _object_of(app_label, model_name)
    assert editor_client.get(reverse(f"{base}_change", args=[obj.pk])).status_code == 200


@pytest.mark.parametrize(("app_label", "model_name"), REGISTERED)
def test_anonymous_visitors_are_sent_to_the_login_page(client, one_of_each, app_label, model_name):
    response = client.get(reverse(f"admin:{app_label}_{model_name}_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize(("app_label", "model_name"), REGISTERED)
def test_moderators_reach_only_comment_moderation(moderator_client, one_of_each, app_label, model_name):
    status = moderator_client.get(reverse(f"admin:{app_label}_{model_name}_changelist")).status_code
    assert status == (200 if (app_label, model_name) in MODERATION else 403)
