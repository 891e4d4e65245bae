"""No public page grows with the number of articles: at 25 and at 75 published articles
(both more than a page of 20), every page takes the same number of queries and its HTML
stays the same size (give or take the digits of its counts), under 150 KB."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from actors.models import Actor
from articles import pagecache
from articles.models import (
    Article,
    ArticleActor,
    ArticleAuthor,
    Author,
    Comment,
    Publication,
    Theme,
    ThemedItem,
)
from tests.support.db import rolled_back_for_module

pytestmark = pytest.mark.django_db

MAX_HTML = 150 * 1024
SIZES = (25, 75)
BODY = "\n\n".join(f"Paragraph {p}: Russia, China and the CSTO in the January crisis." for p in range(1, 30))


def add_articles(world, count):
    """``count`` more published articles on the same author, publication, theme and actors."""
    start = Article.objects.count()
    now = timezone.now()
    made = Article.objects.bulk_create(
        Article(
            title=f"Generated commentary {i}",
            slug=f"generated-{i}",
            standfirst="What the crisis tells us.",
            body=BODY,
            body_html="".join(f"<p>Paragraph {p}.</p>" for p in range(1, 30)),
            publication=world["publication"],
            status=Article.Status.PUBLISHED,
            live_from=now - datetime.timedelta(hours=i + 1),
            published_on=datetime.date(2022, 1, 1) + datetime.timedelta(days=i % 28),
        )
        for i in range(start, start + count)
    )
    ArticleAuthor.objects.bulk_create(ArticleAuthor(article=a, author=world["author"], order=0) for a in made)
    article_type = ContentType.objects.get_for_model(Article)
    ThemedItem.objects.bulk_create(
        ThemedItem(content_type=article_type, object_id=a.pk, tag=world["theme"]) for a in made
    )
    ArticleActor.objects.bulk_create(
        ArticleActor(article=a, actor=actor, mentions=2, origin=ArticleActor.Origin.DETECTED)
        for a in made
        for actor in world["actors"]
    )
    Comment.objects.bulk_create(
        Comment(article=a, name="A reader", email="", body="A reply.", status=Comment.Status.APPROVED) for a in made
    )
    pagecache.bump()  # bulk writes send no signals


def urls(world):
    article = Article.objects.published().by_date()[10]
    return {
        "home": "/",
        "articles": "/articles/",
        "articles filtered": f"/articles/?theme={world['theme'].slug}&actor={world['actors'][0].slug}",
        "article": article.get_absolute_url(),
        "archive": "/archive/2022/01/",
        "actors": "/actors/",
        "actor": world["actors"][0].get_absolute_url(),
        "themes": "/themes/",
        "theme": world["theme"].get_absolute_url(),
        "author": world["author"].get_absolute_url(),
        "publication": world["publication"].get_absolute_url(),
        "feed": "/feeds/latest/",
        "actor feed": f"/feeds/actors/{world['actors'][0].slug}/",
        "sitemap": "/sitemap.xml",
        "timeline": "/timeline/",
    }


def measure(client, world):
    """{page: (queries, HTML bytes)} of one uncached request each."""
    found = {}
    for name, url in urls(world).items():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, url
        found[name] = (len(ctx.captured_queries), len(response.content))
    return found


@pytest.fixture(scope="module")
def measured(django_db_setup, django_db_blocker):
    from django.test import Client

    with rolled_back_for_module(django_db_blocker):
        world = {
            "author": Author.objects.create(name="Size Expert", slug="size-expert"),
            "publication": Publication.objects.create(name="Size Review", slug="size-review"),
            "theme": Theme.objects.create(name="Size theme", slug="size-theme"),
            "actors": [
                Actor.objects.create(name=f"Size actor {i}", slug=f"size-actor-{i}", kind=Actor.Kind.COUNTRY)
                for i in range(3)
            ],
        }
        client = Client()
        add_articles(world, 12)
        measure(client, world)  # per-process caches (content types) filled once, as in a running server
        results = []
        added = 12
        for size in SIZES:
            add_articles(world, size - added)
            added = size
            results.append(measure(client, world))
        yield results


PAGES = [
    "home", "articles", "articles filtered", "article", "archive", "actors", "actor", "themes", "theme",
    "author", "publication", "feed", "actor feed", "sitemap", "timeline",
]


@pytest.mark.parametrize("name", PAGES)
def test_a_page_takes_the_same_queries_and_bytes_at_25_and_75_articles(measured, name):
    small, large = measured
    (small_queries, small_bytes), (large_queries, large_bytes) = small[name], large[name]
    assert large_queries == small_queries
    assert large_bytes <= small_bytes * 1.02 + 64  # counts gain a digit; lists do not grow
    assert large_bytes < MAX_HTML
