"""The Article model (articles/models/articles.py)."""

import pytest
from django.db.models import ProtectedError

from tests.support.factories import CitationFactory

pytestmark = pytest.mark.django_db


def test_a_cited_article_cannot_be_deleted():
    citation = CitationFactory()
    with pytest.raises(ProtectedError):
        citation.article.delete()
