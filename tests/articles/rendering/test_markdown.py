"""Article bodies rendered from Markdown (articles/rendering/markdown.py)."""

import pytest

from tests.support.factories import (
    ArticleFactory,
)

pytestmark = pytest.mark.django_db


def test_body_is_rendered_once_on_save_with_paragraph_anchors():
    article = ArticleFactory(body="First paragraph.\n\n## A heading\n\nSecond *paragraph*.")
    assert '<p id="p1">First paragraph.</p>' in article.body_html
    assert "<h2>A heading</h2>" in article.body_html
    assert '<p id="p2">Second <em>paragraph</em>.</p>' in article.body_html


def test_markup_in_the_body_is_sanitised():
    article = ArticleFactory(
        body='Hi <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))'
    )
    assert "<script" not in article.body_html
    assert "onerror" not in article.body_html
    assert "javascript:" not in article.body_html
