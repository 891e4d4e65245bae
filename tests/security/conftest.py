import pytest

from tests.security.fuzzing import fuzz_world


@pytest.fixture
def world(db):
    """The fuzz suite's small published world (tests/security/fuzzing.py)."""
    return fuzz_world()
