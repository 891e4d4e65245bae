import copy

import pytest

from tests.security.fuzzing import fuzz_world
from tests.support.db import SessionData

_FUZZ_WORLD = SessionData(fuzz_world)


@pytest.fixture(scope="module")
def module_fuzz_world(django_db_setup, django_db_blocker):
    """The fuzz world, built once per test process and put in place for each module using
    it (building it took ~0.4 s, and a module has dozens of test cases), gone when the
    module ends, as ``launch_content`` in tests/conftest.py. Each test still runs in its own savepoint
    (``db``), so what it writes (a fuzzed comment, a sign-up) is gone before the next.

    Every test of a module using it must request it (``world`` does; see
    ``pytest_collection_modifyitems`` below), or a test that does not would see its data;
    and such modules cannot use ``transactional_db`` or a live server.
    """
    with _FUZZ_WORLD.in_place(django_db_blocker) as world:
        yield world


@pytest.fixture
def world(db, module_fuzz_world):
    """The fuzz suite's small published world (tests/security/fuzzing.py). A copy per test:
    the rows are the module's, the model instances each test's own, so a test changing one
    in memory cannot change what the next test sees (the database is rolled back anyway)."""
    return copy.deepcopy(module_fuzz_world)


def pytest_collection_modifyitems(items):
    """A module whose tests use the shared world must use it in every test (see above)."""
    modules = {}
    for item in items:
        if getattr(item, "module", None) is not None:
            modules.setdefault(item.module.__name__, []).append(item)
    for name, module_items in modules.items():
        users = {item.name for item in module_items if "module_fuzz_world" in item.fixturenames}
        if users and len(users) != len(module_items):
            others = sorted(item.name for item in module_items if item.name not in users)
            raise pytest.UsageError(
                f"{name}: every test must request `world` (e.g. pytestmark usefixtures), not only some: {others}"
            )
