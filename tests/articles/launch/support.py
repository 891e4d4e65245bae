"""Copies of the launch dataset to break on purpose, for the launch tests."""

import shutil
from pathlib import Path

from articles.launch import DEFAULT_PATH

LAUNCH_DIR = DEFAULT_PATH.parent


def copy_dataset(tmp_path: Path) -> Path:
    """A copy of launch.toml and its bodies; returns the copy of launch.toml."""
    target = tmp_path / "launch"
    shutil.copytree(LAUNCH_DIR, target, ignore=shutil.ignore_patterns("__pycache__"))
    return target / "launch.toml"


def edit(path: Path, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in the file."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
