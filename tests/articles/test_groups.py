"""The Editors, Moderators and Writers groups (articles/groups.py)."""

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


def test_editors_may_publish():
    assert "articles.publish_article" in _perms("Editors")


def test_writers_draft_and_cite_but_cannot_publish_delete_articles_or_touch_comments_and_users():
    perms = _perms("Writers")
    assert {"articles.add_article", "articles.change_article", "articles.add_citation", "articles.view_claim"} <= perms
    assert not perms & {"articles.publish_article", "articles.delete_article", "articles.change_claim",
                        "articles.change_author", "articles.view_comment", "articles.change_comment"}
    assert not {p for p in perms if p.startswith("auth.")}
    assert not {p for p in perms if p.startswith("actors.") and not p.startswith("actors.view_")}


def test_only_editors_hold_the_publish_permission():
    holders = set(Group.objects.filter(permissions__codename="publish_article").values_list("name", flat=True))
    assert holders == {"Editors"}


def test_only_editors_may_preview_unpublished_articles_on_the_public_site():
    holders = set(Group.objects.filter(permissions__codename="preview_article").values_list("name", flat=True))
    assert holders == {"Editors"}


def test_a_deleted_writers_group_comes_back_with_the_same_permissions_after_migrate():
    from articles.groups import ensure_groups

    before = _perms("Writers")
    Group.objects.filter(name="Writers").delete()
    ensure_groups()
    assert _perms("Writers") == before
