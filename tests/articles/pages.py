"""Moved to tests/support/pages.py; kept only for the test modules other branches are still editing."""

from tests.support.pages import *  # noqa: F403
