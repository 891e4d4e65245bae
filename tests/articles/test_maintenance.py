"""Scheduled database upkeep (articles/maintenance.py)."""

import pytest
from django.db import connection

from articles.maintenance import refresh_planner_statistics
from tests.support.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_sqlite_gets_planner_statistics_for_the_article_tables():
    ArticleFactory(published=True)
    ran = refresh_planner_statistics()
    if connection.vendor != "sqlite":
        assert ran is False  # PostgreSQL's autovacuum analyses by itself
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT tbl FROM sqlite_stat1")
        analysed = {row[0] for row in cursor.fetchall()}
    assert "articles_article" in analysed
