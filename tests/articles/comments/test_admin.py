"""The moderators' queue in the Django admin (articles/comments/admin.py)."""

import datetime
import re

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.comments import services
from articles.models import Comment
from tests.support.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


QUEUE = reverse("admin:articles_comment_changelist")


def _at(days_ago):
    return timezone.now() - datetime.timedelta(days=days_ago)


@pytest.fixture
def groupless_staff(django_user_model):
    return django_user_model.objects.create_user(username="gus", password="pw-for-gus-123", is_staff=True)


def test_queue_lists_pending_first_then_oldest_first(editor_client):
    article = ArticleFactory(published=True)
    approved_oldest = CommentFactory(article=article, status=Comment.Status.APPROVED, submitted_at=_at(9))
    pending_new = CommentFactory(article=article, submitted_at=_at(1))
    spam_old = CommentFactory(article=article, status=Comment.Status.SPAM, submitted_at=_at(5))
    pending_old = CommentFactory(article=article, submitted_at=_at(3))
    response = editor_client.get(QUEUE)
    assert response.status_code == 200
    listed = list(response.context["cl"].result_list)
    assert listed == [pending_old, pending_new, approved_oldest, spam_old]


def test_queue_shows_the_whole_comment_with_its_article_time_spam_signals_and_status(editor_client):
    comment = CommentFactory(body="Word " * 99 + "End<b>", spam_reasons="2 links")
    html = editor_client.get(QUEUE).content.decode()
    for heading in ["Comment", "Spam signals", "Status"]:
        assert heading.lower() in html.lower()
    assert "Word " * 99 + "End&lt;b&gt;" in html  # the whole text, escaped, no excerpt
    assert "likely spam:</strong> 2 links" in html
    assert comment.article.title in html and comment.name in html
    assert f'href="{comment.pk}/change/"' in html


def test_queue_has_three_columns_so_status_and_signals_fit_at_1280_px(editor_client):
    CommentFactory()
    cl = editor_client.get(QUEUE).context["cl"]
    assert list(cl.list_display) == ["action_checkbox", "whole_comment", "status", "spam_signals"]


def test_likely_spam_filter(editor_client):
    flagged = CommentFactory(spam_reasons="blocklist: casino")
    CommentFactory()
    listed = list(editor_client.get(QUEUE + "?likely_spam=yes").context["cl"].result_list)
    assert listed == [flagged]
    assert len(editor_client.get(QUEUE + "?likely_spam=no").context["cl"].result_list) == 1


@pytest.mark.parametrize(
    ("action", "status"),
    [("approve", Comment.Status.APPROVED), ("reject", Comment.Status.REJECTED), ("mark_spam", Comment.Status.SPAM)],
)
@pytest.mark.parametrize("who", ["editor", "moderator"])
def test_bulk_actions_record_who_and_when(client, request, action, status, who):
    user = request.getfixturevalue(who)
    client.force_login(user)
    chosen = [CommentFactory(), CommentFactory()]
    untouched = CommentFactory()
    before = timezone.now()
    response = client.post(
        QUEUE, {"action": action, "_selected_action": [c.pk for c in chosen]}, follow=True
    )
    assert response.status_code == 200
    assert re.search(r"2 comments (approved|rejected|marked as spam)\.", response.content.decode())
    for comment in chosen:
        comment.refresh_from_db()
        assert comment.status == status
        assert comment.moderated_by == user
        assert comment.moderated_at >= before
    untouched.refresh_from_db()
    assert untouched.status == Comment.Status.PENDING and untouched.moderated_by is None


def test_changing_status_on_the_form_records_who_and_when(moderator_client, moderator):
    comment = CommentFactory()
    url = reverse("admin:articles_comment_change", args=[comment.pk])
    response = moderator_client.post(url, {"status": Comment.Status.APPROVED})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.moderated_by == moderator and comment.moderated_at is not None


def test_moderators_cannot_edit_what_the_reader_wrote(moderator_client):
    comment = CommentFactory(name="Original name", email="orig@example.org", body="Original text")
    url = reverse("admin:articles_comment_change", args=[comment.pk])
    html = moderator_client.get(url).content.decode()
    assert 'name="body"' not in html and 'name="name"' not in html and 'name="email"' not in html
    assert 'name="status"' in html
    assert "Original text" in html  # shown, read-only

    moderator_client.post(
        url, {"status": "approved", "body": "Rewritten", "name": "Other", "email": "x@example.org"}
    )
    comment.refresh_from_db()
    assert (comment.body, comment.name, comment.email) == ("Original text", "Original name", "orig@example.org")
    assert comment.status == Comment.Status.APPROVED


def test_readers_words_are_read_only_even_for_editors(editor_client):
    comment = CommentFactory(body="Typo teh", name="Reader")
    url = reverse("admin:articles_comment_change", args=[comment.pk])
    html = editor_client.get(url).content.decode()
    assert 'name="body"' not in html and 'name="name"' not in html
    response = editor_client.post(
        url, {"article": comment.article_id, "name": "Editor", "email": "", "body": "Typo the", "status": "approved"}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.body, comment.name, comment.status) == ("Typo teh", "Reader", Comment.Status.APPROVED)


def test_nobody_may_add_or_delete_a_comment_in_the_admin_not_even_editors(editor_client):
    comment = CommentFactory()
    assert editor_client.get(reverse("admin:articles_comment_add")).status_code == 403
    assert editor_client.get(reverse("admin:articles_comment_delete", args=[comment.pk])).status_code == 403
    actions = editor_client.get(QUEUE).context["action_form"].fields["action"].choices
    assert "delete_selected" not in {name for name, _label in actions}
    assert Comment.objects.filter(pk=comment.pk).exists()


def test_every_moderation_decision_is_kept_with_who_and_when(client, moderator, editor):
    comment = CommentFactory()
    client.force_login(moderator)
    client.post(QUEUE, {"action": "approve", "_selected_action": [comment.pk]})
    client.force_login(editor)
    client.post(QUEUE, {"action": "reject", "_selected_action": [comment.pk]})
    decisions = list(comment.decisions.order_by("decided_at", "pk"))
    assert [(d.previous_status, d.status) for d in decisions] == [("pending", "approved"), ("approved", "rejected")]
    assert decisions[0].moderator == moderator
    page = client.get(reverse("admin:articles_comment_change", args=[comment.pk])).content.decode()
    assert "Pending → Approved" in page and "Approved → Rejected" in page


def test_each_bulk_moderation_writes_one_log_entry_per_comment_naming_the_status(moderator_client):
    comments = [CommentFactory() for _ in range(3)]
    moderator_client.post(QUEUE, {"action": "mark_spam", "_selected_action": [c.pk for c in comments]})
    entries = LogEntry.objects.filter(content_type__model="comment")
    assert sorted(int(e.object_id) for e in entries) == sorted(c.pk for c in comments)
    assert all("Status" in e.get_change_message() for e in entries)


def test_deleting_an_article_never_takes_its_comments_with_it(editor_client):
    comment = CommentFactory()
    response = editor_client.post(
        reverse("admin:articles_article_delete", args=[comment.article_id]), {"post": "yes"}
    )
    assert response.status_code == 200  # the "cannot delete: protected comments" page
    assert "comment" in response.content.decode().lower()
    assert Comment.objects.filter(pk=comment.pk).exists()


def test_moderators_cannot_add_or_delete_comments(moderator_client):
    comment = CommentFactory()
    assert moderator_client.get(reverse("admin:articles_comment_add")).status_code == 403
    assert moderator_client.get(reverse("admin:articles_comment_delete", args=[comment.pk])).status_code == 403
    actions = moderator_client.get(QUEUE).context["action_form"].fields["action"].choices
    assert "delete_selected" not in {name for name, _label in actions}


def test_pending_count_is_on_the_admin_index_with_a_link_to_the_queue(editor_client):
    CommentFactory()
    CommentFactory()
    CommentFactory(status=Comment.Status.APPROVED)
    html = editor_client.get(reverse("admin:index")).content.decode()
    assert "<strong>2</strong> comments awaiting moderation" in html
    assert f'href="{QUEUE}?status__exact=pending"' in html


def test_pending_count_costs_one_query_however_many_are_pending(editor_client):
    CommentFactory()
    with CaptureQueriesContext(connection) as few:
        editor_client.get(reverse("admin:index"))
    for _ in range(20):
        CommentFactory()
    with CaptureQueriesContext(connection) as many:
        html = editor_client.get(reverse("admin:index")).content.decode()
    assert "<strong>21</strong> comments awaiting moderation" in html
    assert len(many) == len(few)
    assert sum("articles_comment" in q["sql"] for q in many.captured_queries) == 1


def test_moderators_see_the_pending_count_too(moderator_client):
    CommentFactory()
    html = moderator_client.get(reverse("admin:index")).content.decode()
    assert "<strong>1</strong> comment awaiting moderation" in html


def test_anonymous_visitors_are_sent_to_log_in(client):
    comment = CommentFactory()
    for url in [QUEUE, reverse("admin:articles_comment_change", args=[comment.pk]), reverse("admin:index")]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    client.post(QUEUE, {"action": "approve", "_selected_action": [comment.pk]})
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_staff_in_no_group_get_403_and_no_pending_count(client, groupless_staff):
    comment = CommentFactory()
    client.force_login(groupless_staff)
    assert client.get(QUEUE).status_code == 403
    assert client.get(reverse("admin:articles_comment_change", args=[comment.pk])).status_code == 403
    assert client.post(QUEUE, {"action": "approve", "_selected_action": [comment.pk]}).status_code == 403
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200
    assert "awaiting moderation" not in index.content.decode()


def test_moderators_reach_the_blocklist_but_no_content(moderator_client):
    assert moderator_client.get(reverse("admin:articles_blocklistterm_changelist")).status_code == 200
    assert moderator_client.get(reverse("admin:articles_blocklistterm_add")).status_code == 200
    assert moderator_client.get(reverse("admin:articles_article_changelist")).status_code == 403


def test_the_service_refuses_users_who_may_not_moderate(groupless_staff, moderator):
    comment = CommentFactory()
    with pytest.raises(PermissionDenied):
        services.moderate_comments(comments=[comment], status="approved", moderator=groupless_staff)
    moderator.is_active = False
    with pytest.raises(PermissionDenied):
        services.moderate_comments(comments=[comment], status="approved", moderator=moderator)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_the_service_refuses_unknown_statuses(moderator):
    with pytest.raises(ValidationError):
        services.moderate_comments(comments=[CommentFactory()], status="published", moderator=moderator)


def test_moderators_group_membership_is_what_grants_access(client, groupless_staff):
    comment = CommentFactory()
    groupless_staff.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(groupless_staff)
    assert client.get(QUEUE).status_code == 200
    client.post(QUEUE, {"action": "approve", "_selected_action": [comment.pk]})
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED and comment.moderated_by == groupless_staff


NAME = '<img src=x onerror="alert(1)">Bob'


BODY = '<script>alert(1)</script> <a href="javascript:alert(2)">x</a>'


@pytest.fixture
def article():
    return ArticleFactory(published=True, title="Kazakhstan and the CSTO")


def test_the_moderation_queue_shows_hostile_comments_as_text(editor_client, article):
    CommentFactory(article=article, name=NAME, body=BODY, status=Comment.Status.PENDING)
    html = editor_client.get(reverse("admin:articles_comment_changelist")).content.decode()
    assert "<script>alert(1)" not in html and '<img src=x onerror="alert(1)">' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html


def test_the_change_form_shows_hostile_comments_as_text(moderator_client, article):
    comment = CommentFactory(article=article, name=NAME, body=BODY, status=Comment.Status.PENDING)
    response = moderator_client.get(reverse("admin:articles_comment_change", args=[comment.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)" not in html and '<img src=x onerror="alert(1)">' not in html
    assert 'href="javascript:' not in html
