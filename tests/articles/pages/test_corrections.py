"""Corrections and updates (models/parts.py Correction): shown to readers under the
piece, and the only thing besides publication that moves JSON-LD ``dateModified``
and the sitemap's ``lastmod``; provenance shown as "First published at …"."""

import datetime
import re

import pytest
from django.utils import timezone

from articles.models import Correction
from tests.support.factories import ArticleFactory
from tests.support.scene import jsonld

pytestmark = pytest.mark.django_db


def _news_article(client, article):
    page = client.get(article.get_absolute_url()).content.decode()
    return page, next(block for block in jsonld(page) if block.get("@type") == "NewsArticle")


def _sitemap_lastmod(client, article):
    xml = client.get("/sitemap-articles.xml").content.decode()  # /sitemap.xml is the index of sections
    entry = re.search(rf"<loc>[^<]*{article.get_absolute_url()}</loc>\s*(?:<lastmod>([^<]*)</lastmod>)?", xml)
    return entry.group(1)


def test_without_corrections_the_date_modified_is_publication_not_the_last_save(client):
    live = timezone.now() - datetime.timedelta(days=30)
    article = ArticleFactory(published=True, live_from=live)
    article.editorial_note = "A later save that changes nothing readers need to know."
    article.save()
    _page, data = _news_article(client, article)
    assert data["dateModified"] == live.isoformat()
    assert _sitemap_lastmod(client, article) == live.date().isoformat()


def test_the_newest_correction_is_the_date_modified_and_lastmod_and_is_shown_to_readers(client):
    article = ArticleFactory(published=True, live_from=timezone.now() - datetime.timedelta(days=30))
    older = timezone.now() - datetime.timedelta(days=10)
    newer = timezone.now() - datetime.timedelta(days=2)
    Correction.objects.create(article=article, made_at=older, text="The CSTO deployed 2,000 troops, not 3,000.")
    Correction.objects.create(article=article, made_at=newer, kind="update", text="Added the withdrawal date.")
    page, data = _news_article(client, article)
    assert data["dateModified"] == newer.isoformat()
    assert _sitemap_lastmod(client, article) == newer.date().isoformat()
    assert "Corrections and updates" in page
    assert page.index("2,000 troops") < page.index("Added the withdrawal date.")


def test_the_original_address_is_shown_as_first_published_at(client):
    article = ArticleFactory(published=True, original_url="https://example.org/original-piece")
    page, _data = _news_article(client, article)
    assert 'First published at <a href="https://example.org/original-piece"' in page
    assert "Every piece links to its original publication" not in page
