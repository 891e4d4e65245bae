"""load_launch_content --path: anything but a regular file is refused in one line, never read."""

import os
import threading

import pytest

from articles.launch import LaunchDataError, load_launch_content


def _error(path) -> str:
    outcome = {}

    def target():
        try:
            load_launch_content(path=path, dry_run=True)
            outcome["error"] = "loaded"
        except LaunchDataError as error:
            outcome["error"] = str(error)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(10)
    assert not thread.is_alive(), "reading the dataset blocked"
    return outcome["error"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_refused(tmp_path):
    fifo = tmp_path / "launch.toml"
    os.mkfifo(fifo)
    assert _error(fifo) == f"{fifo}: is not a regular file"


def test_a_directory_is_refused(tmp_path):
    assert _error(tmp_path) == f"{tmp_path}: is not a regular file"
