"""Fixtures the page tests share."""

import pytest

from tests.support.db import rolled_back_for_module
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


# Made once for a class of tests that only read them (a page module's ``TestTheScene`` or
# ``TestAGeneratedWorld``, whose function-scoped ``scene`` or ``world`` returns these). The
# data lives in a transaction rolled back when the class ends, so the module's other tests
# never see it; each test still runs in its own savepoint (``db``), so its writes are gone
# before the next. Tests must not change the shared instances in memory (reload instead).


@pytest.fixture(scope="class")
def shared_scene(django_db_setup, django_db_blocker):
    with rolled_back_for_module(django_db_blocker):
        yield Scene()


@pytest.fixture(scope="class")
def shared_world(django_db_setup, django_db_blocker):
    with rolled_back_for_module(django_db_blocker):
        yield build_world(1.0)
