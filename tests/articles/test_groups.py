"""The Editors and Moderators groups (articles/migrations/0002_editorial_groups.py)."""

import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db


def _perms(name):
    group = Group.objects.get(name=name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def test_editors_manage_content_and_comments_but_not_users():
    perms = _perms("Editors")
    assert {"articles.add_article", "articles.change_claim", "actors.delete_actor", "articles.change_comment"} <= perms
    assert not {p for p in perms if p.startswith("auth.")}


def test_moderators_can_moderate_comments_and_nothing_else():
    perms = _perms("Moderators")
    assert {"articles.view_comment", "articles.change_comment"} <= perms
    assert {p.split(".")[1].split("_", 1)[1] for p in perms} == {"comment", "blocklistterm", "moderationdecision"}
    assert "articles.delete_comment" not in perms


def test_a_moderator_user_has_exactly_the_moderator_permissions(moderator):
    assert moderator.has_perm("articles.change_comment")
    assert not moderator.has_perm("articles.change_article")
    assert not moderator.has_perm("actors.view_actor")
