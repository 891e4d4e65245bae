"""Moved to tests/support/factories.py; kept only for the test modules other branches are still editing."""

from tests.support.factories import *  # noqa: F403
