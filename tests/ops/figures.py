"""The figures each fault test measured (status, latency, what was lost), printed at the end.

``record`` keeps them; tests/ops/conftest.py prints one line per fault in the
terminal summary, so `pytest -m ops tests/ops` shows them without ``-s``.
"""

FIGURES: dict[str, dict] = {}


def record(name: str, figures: dict) -> dict:
    FIGURES[name] = figures
    return figures
