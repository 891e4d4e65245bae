"""Base classes for test classes that only read data made once for the class.

``shared_scene`` and ``shared_world`` (tests/articles/pages/conftest.py) live in a
transaction rolled back when the class ends; these give each test the usual
``scene`` / ``world`` name, inside its own savepoint (``db``)."""

import pytest


class OverTheScene:
    @pytest.fixture
    def scene(self, shared_scene, db):
        return shared_scene


class OverAGeneratedWorld:
    @pytest.fixture
    def world(self, shared_world, db):
        return shared_world
