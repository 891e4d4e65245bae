"""No newsletter subscriber's address shows anywhere public: pages, feeds, sitemap,
search, structured data, or the newsletter's own pages and links."""

import pytest

from articles.newsletter import tokens
from articles.newsletter.models import Subscriber
from tests.support.factories import ActorFactory, ArticleFactory, AuthorFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def test_subscriber_addresses_appear_on_no_public_page(client):
    subscriber = Subscriber.objects.create(email="hidden.subscriber@example.org")
    author, actor = AuthorFactory(slug="someone"), ActorFactory(slug="someone")
    subscriber.actors.add(actor)
    article = ArticleFactory(published=True, slug="piece", authors=[author])
    theme = ThemeFactory(slug="energy")
    article.themes.add(theme)
    for url in ("/", "/articles/", "/articles/piece/", "/articles/piece/print/", "/themes/energy/", "/newsletter/",
                "/newsletter/sent/", "/newsletter/data/", "/feeds/latest/", "/feeds/latest/atom/", "/sitemap.xml", "/sitemap-articles.xml",
                "/robots.txt", "/authors/someone/", "/actors/someone/", "/actors/", "/themes/", "/claims/",
                "/timeline/", "/feeds/articles/piece/comments/", "/articles/piece/card.png", "/search/?q=example.org",
                f"/newsletter/unsubscribe/{tokens.unsubscribe_token(subscriber)}/",
                f"/newsletter/data/{tokens.data_token(subscriber)}/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"hidden.subscriber" not in response.content, url  # the search echoes only what was typed


