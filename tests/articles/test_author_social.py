import json
import re

import pytest

from tests.support.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

HIDDEN_EMAILS = [
    "https://example.org/profile?contact=someone@example.org",
    "https://someone@example.org@social.example/",
    "https://social.example/someone%40example.org",
]


@pytest.mark.parametrize("social", HIDDEN_EMAILS)
def test_an_email_inside_a_social_url_never_reaches_article_json_ld(client, social):
    author = AuthorFactory(social=social)
    article = ArticleFactory(published=True, authors=[author])
    html = client.get(article.get_absolute_url()).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert blocks
    assert "example.org" not in "".join(blocks)
    assert all(json.loads(block) for block in blocks)


def test_a_plain_profile_url_is_offered_as_same_as(client):
    author = AuthorFactory(social="https://social.example/@AlicaKizekova")
    article = ArticleFactory(published=True, authors=[author])
    html = client.get(article.get_absolute_url()).content.decode()
    assert "https://social.example/@AlicaKizekova" in html
    assert author.public_social_url == "https://social.example/@AlicaKizekova"
