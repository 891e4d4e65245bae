"""Saving an actor in the admin: the mention recount is queued, and the editor is told."""

import pytest
from django.urls import reverse

from actors.models import ActorAlias
from tests.support.admin_forms import form_data
from tests.support.factories import ActorFactory, ArticleFactory

pytestmark = pytest.mark.django_db


def _change(editor_client, actor, **changes):
    url = reverse("admin:actors_actor_change", args=[actor.pk])
    data = form_data(editor_client.get(url).content.decode(), "actor_form")
    data.update(changes)
    return editor_client.post(url, data, follow=True)


def test_adding_an_alias_tells_the_editor_the_recount_is_under_way(editor_client, django_capture_on_commit_callbacks):
    actor = ActorFactory(name="Kazakhstan")
    article = ArticleFactory(body="Astana announced a state of emergency.")
    with django_capture_on_commit_callbacks(execute=True):
        response = _change(editor_client, actor, **{"aliases-0-name_en": "Astana"})
    assert response.status_code == 200
    assert "being recounted in the background" in response.content.decode()
    assert ActorAlias.objects.filter(actor=actor, name="Astana").exists()
    # The tests run tasks at once (KZ_TASKS_IMMEDIATE); the worker does so in production.
    assert article.article_actors.get().mentions == 1


def test_editing_only_the_description_queues_nothing_and_says_nothing(editor_client):
    actor = ActorFactory(name="Kazakhstan")
    response = _change(editor_client, actor, description="The country at the centre of the crisis.")
    assert response.status_code == 200
    assert "being recounted" not in response.content.decode()
