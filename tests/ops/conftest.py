import json

import pytest
from huey.contrib.djhuey import HUEY
from huey.storage import SqliteStorage

from .figures import FIGURES


@pytest.fixture
def queue(tmp_path):
    """The project's Huey, on a real SQLite queue file of this test's own, not run in-process."""
    HUEY.immediate = False
    configured = HUEY.storage
    HUEY.storage = SqliteStorage(HUEY.name, filename=str(tmp_path / "tasks.sqlite3"))
    yield HUEY
    HUEY.storage = configured
    HUEY.immediate = True


def pytest_terminal_summary(terminalreporter):
    if not FIGURES:
        return
    terminalreporter.section("fault figures: (status, seconds) per request, and what was lost")
    for name, figures in FIGURES.items():
        terminalreporter.write_line(f"{name}: {json.dumps(figures, ensure_ascii=False)}")
