"""Fixtures the page tests share."""

import pytest

from tests.support.db import SessionData
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


# For a class of tests that only read them (a page module's ``TestTheScene`` or
# ``TestAGeneratedWorld``, whose function-scoped ``scene`` or ``world`` returns these):
# built once per test process and put in place for each class (``SessionData``), gone
# when the class ends, so the module's other tests never see it; each test still runs in
# its own savepoint (``db``), so its writes are gone before the next.
_SCENE = SessionData(Scene)
_WORLD = SessionData(lambda: build_world(1.0))


@pytest.fixture(scope="class")
def shared_scene(django_db_setup, django_db_blocker):
    with _SCENE.in_place(django_db_blocker) as scene:
        yield scene


@pytest.fixture(scope="class")
def shared_world(django_db_setup, django_db_blocker):
    with _WORLD.in_place(django_db_blocker) as world:
        yield world
