import pytest

from tests.support.reference_world import build_world


@pytest.fixture
def world(db):
    """A small published world for the fuzz suite, its first article open to comments."""
    built = build_world(scale=0.2, prefix="fz")
    article = built.articles[0]
    article.comments_open = True
    article.save()
    return built
