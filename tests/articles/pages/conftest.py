"""Fixtures the page tests share."""

import pytest

from tests.support.reference_world import build_world
from tests.support.scene import Scene


@pytest.fixture
def scene():
    """A small interlinked scene: published pieces around a hub actor, and a draft."""
    return Scene()


@pytest.fixture
def world():
    """A generated set big enough that a query per row would show."""
    return build_world(1.0)
