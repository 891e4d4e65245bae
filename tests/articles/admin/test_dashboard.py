"""The editors' dashboard on the admin index (articles/admin/dashboard.py) and the
article changelist's "when" and "mine" filters it links to."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import publishing
from articles.models import Article, Citation, Comment
from tests.support.factories import ArticleFactory, CitationFactory, CommentFactory, ready_article

pytestmark = pytest.mark.django_db

S = Article.Status


def section(page, key):
    match = re.search(rf'<div class="module kz-dashboard" id="dashboard-{key}">(.*?)</div>', page, re.S)
    assert match, key
    return match.group(1)


def total(page, key):
    return int(re.search(r"<strong>(\d+)</strong>", section(page, key)).group(1))


def build(editor, n):
    """n of each: my drafts, someone else's drafts, in review, scheduled, live, citations
    needing review, pending comments."""
    later = timezone.now() + datetime.timedelta(days=2)
    for i in range(n):
        mine = ArticleFactory(title=f"My draft {i}")
        mine.title = f"My draft {i} (edited)"
        mine._history_user = editor
        mine.save()
        ArticleFactory(title=f"Someone else's draft {i}")
        ready_article(title=f"Waiting {i}")
        ready_article(title=f"Later {i}", status=S.PUBLISHED, live_from=later + datetime.timedelta(hours=i))
        live = ArticleFactory(published=True, title=f"Live {i}")
        citation = CitationFactory(article=live)
        Citation.objects.filter(pk=citation.pk).update(needs_review=True)
        CommentFactory(article=live)


def index(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_the_dashboard_counts_each_kind_of_work_in_a_fixed_number_of_queries(editor_client, editor):
    build(editor, 2)
    page, few = index(editor_client)
    assert [total(page, key) for key in ("my-drafts", "in-review", "scheduled", "recently-published")] == [2, 2, 2, 2]
    assert "My draft 1 (edited)" in section(page, "my-drafts")
    assert "Someone else" not in section(page, "my-drafts")
    assert re.search(r"<strong>2</strong> comments awaiting moderation", page)
    assert re.search(r"<strong>2</strong> citations need review", page)

    build(editor, 10)
    page, many = index(editor_client)
    assert [total(page, key) for key in ("my-drafts", "in-review", "scheduled", "recently-published")] == [12, 12, 12, 12]
    assert re.search(r"<strong>12</strong> comments awaiting moderation", page)
    assert many == few
    assert "All 12 →" in section(page, "in-review")  # eight rows shown, the rest one click away


def test_scheduled_pieces_show_their_time_in_the_site_zone_with_a_hook_for_local_time(editor_client):
    when = datetime.datetime(2031, 3, 4, 9, 30, tzinfo=datetime.UTC)
    ready_article(title="Spring piece", status=S.PUBLISHED, live_from=when)
    page, _ = index(editor_client)
    scheduled = section(page, "scheduled")
    assert "Spring piece" in scheduled
    assert '<time class="kz-local" datetime="2031-03-04T09:30:00+00:00">4 Mar 2031, 09:30 UTC</time>' in scheduled
    assert "js/admin-local-times.js" in page


def test_the_dashboard_moves_with_the_workflow(editor_client, editor):
    article = ready_article(title="Going live")
    page, _ = index(editor_client)
    assert "Going live" in section(page, "in-review")
    publishing.publish_article(article=article, by=editor)
    page, _ = index(editor_client)
    assert "Going live" not in section(page, "in-review") and "Going live" in section(page, "recently-published")


def test_moderators_see_no_article_dashboard_only_their_queue(moderator_client):
    CommentFactory()
    page, _ = index(moderator_client)
    assert "kz-dashboard" not in page
    assert re.search(r"<strong>1</strong> comment awaiting moderation", page)


def test_the_dashboard_links_open_the_matching_lists(editor_client, editor):
    build(editor, 1)
    changelist = reverse("admin:articles_article_changelist")
    listed = editor_client.get(changelist + "?when=scheduled").content.decode()
    assert "Later 0" in listed and "Live 0" not in listed
    listed = editor_client.get(changelist + "?when=live").content.decode()
    assert "Live 0" in listed and "Later 0" not in listed
    listed = editor_client.get(changelist + "?status__exact=draft&mine=yes").content.decode()
    assert "My draft 0" in listed and "Someone else" not in listed
    assert Comment.objects.count() == 1


def test_broken_links_found_by_the_checker_are_listed_with_their_problem(editor_client):
    from articles.models import LinkCheck

    now = timezone.now()
    LinkCheck.objects.create(url="https://example.org/gone", ok=False, status_code=404, checked_at=now, used_by="original of A")
    LinkCheck.objects.create(url="https://example.org/fine", ok=True, status_code=200, checked_at=now)
    LinkCheck.objects.create(url="https://example.net/slow", ok=False, error="timed out after 10 s", checked_at=now)
    page, _ = index(editor_client)
    broken = section(page, "broken-links")
    assert total(page, "broken-links") == 2
    assert "https://example.org/gone" in broken and "404" in broken and "original of A" in broken
    assert "timed out after 10 s" in broken
    assert "example.org/fine" not in broken
    assert "?state=broken" in broken
    listed = editor_client.get(reverse("admin:articles_linkcheck_changelist") + "?state=broken").content.decode()
    assert "example.org/gone" in listed and "example.org/fine" not in listed


def test_the_broken_links_section_stays_at_a_fixed_number_of_queries(editor_client):
    from articles.models import LinkCheck

    LinkCheck.objects.create(url="https://example.org/a", ok=False, status_code=500, checked_at=timezone.now())
    _, few = index(editor_client)
    LinkCheck.objects.bulk_create(
        LinkCheck(url=f"https://example.org/{i}", ok=False, status_code=404, checked_at=timezone.now()) for i in range(20)
    )
    page, many = index(editor_client)
    assert many == few and total(page, "broken-links") == 21
