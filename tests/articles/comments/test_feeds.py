"""The per-article comments feed (articles/comments/feeds.py)."""

import datetime

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Comment
from tests.support.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def feed_url(article):
    return reverse("comments:feed", kwargs={"slug": article.slug})


@pytest.fixture
def article():
    return ArticleFactory(published=True, title="Russia's Kazakhstan adventure")


def test_feed_parses_and_lists_approved_comments_only(client, article):
    now = timezone.now()
    CommentFactory(
        article=article, name="Older", body="First approved", status=Comment.Status.APPROVED,
        submitted_at=now - datetime.timedelta(hours=2), email="older@example.org",
    )
    CommentFactory(
        article=article, name="Newer", body="Second approved", status=Comment.Status.APPROVED,
        submitted_at=now - datetime.timedelta(hours=1), email="newer@example.org",
    )
    for status in [Comment.Status.PENDING, Comment.Status.REJECTED, Comment.Status.SPAM]:
        CommentFactory(article=article, body=f"Hidden {status}", status=status)
    CommentFactory(body="Another article's comment", status=Comment.Status.APPROVED)

    response = client.get(feed_url(article))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.bozo_exception
    assert "Russia's Kazakhstan adventure" in parsed.feed.title
    assert [e.author for e in parsed.entries] == ["Newer", "Older"]
    assert parsed.entries[0].link.endswith(f"{article.get_absolute_url()}#comment-{Comment.objects.get(name='Newer').pk}")
    text = response.content.decode()
    assert "Hidden" not in text and "Another article" not in text
    assert "@example.org" not in text


def test_feed_escapes_markup_in_comments(client, article):
    CommentFactory(
        article=article, name="<b>x</b>", body='<script>alert(1)</script>\n\n<a href="javascript:x">y</a>',
        status=Comment.Status.APPROVED,
    )
    response = client.get(feed_url(article))
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo
    summary = parsed.entries[0].summary
    assert "<script" not in summary and "<a " not in summary
    assert "&lt;script&gt;" in summary
    # In the raw XML the HTML description is escaped once more.
    assert "&amp;lt;script&amp;gt;" in response.content.decode()


def test_unpublished_articles_have_no_comments_feed(client):
    draft = ArticleFactory()
    CommentFactory(article=draft, status=Comment.Status.APPROVED)
    assert client.get(feed_url(draft)).status_code == 404


def test_feed_of_an_article_without_comments_is_empty_but_valid(client, article):
    parsed = feedparser.parse(client.get(feed_url(article)).content)
    assert not parsed.bozo
    assert parsed.entries == []


def test_feed_queries_do_not_grow_with_comments(client, article, django_assert_max_num_queries):
    for _ in range(30):
        CommentFactory(article=article, status=Comment.Status.APPROVED)
    with django_assert_max_num_queries(3):
        client.get(feed_url(article))


NAME = '<img src=x onerror="alert(1)">Bob'


@pytest.fixture
def csto_article():
    return ArticleFactory(published=True, title="Kazakhstan and the CSTO")


def test_a_hostile_name_is_not_markup_in_the_feed_item_title(client, csto_article):
    """RSS titles are read as HTML by many readers: like Django's default, the title is escaped."""
    CommentFactory(article=csto_article, name=NAME, body="Fine text.", status=Comment.Status.APPROVED)
    response = client.get(reverse("comments:feed", kwargs={"slug": csto_article.slug}))
    xml = response.content.decode()
    title = xml[xml.index("<item><title>") : xml.index("</title>", xml.index("<item><title>"))]
    assert "&amp;lt;img" in title and "&lt;img" not in title.replace("&amp;lt;", "")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo
    assert "<img" not in parsed.entries[0].title
    assert parsed.entries[0].title.startswith("&lt;img src=x onerror=")


def test_an_ordinary_name_reads_normally_in_the_feed(client, csto_article):
    CommentFactory(article=csto_article, name="O'Brien & Sons", status=Comment.Status.APPROVED)
    parsed = feedparser.parse(client.get(reverse("comments:feed", kwargs={"slug": csto_article.slug})).content)
    assert parsed.entries[0].title_detail.type == "text/html"
    assert parsed.entries[0].title == "O&#x27;Brien &amp; Sons on “Kazakhstan and the CSTO”"


def test_the_comments_feed_is_valid_with_absolute_guids(client, article):
    from tests.support.feeds import feed_problems

    comment = CommentFactory(article=article, status=Comment.Status.APPROVED)
    content = client.get(f"/feeds/articles/{article.slug}/comments/").content
    assert feed_problems(content) == []
    guid = f"http://testserver{article.get_absolute_url()}#comment-{comment.pk}"
    assert f"<guid isPermaLink=\"false\">{guid}</guid>" in content.decode()
