"""The benchmarks' data: their own PostgreSQL databases (one per data set, beside yours
on the same server) and the sentences their generated articles are made of."""

import re
from pathlib import Path

from dj_database_url import parse

BODIES = Path(__file__).resolve().parent.parent / "articles" / "fixtures" / "launch" / "bodies"


def launch_sentences() -> list[str]:
    """The launch commentary's sentences of more than four words, so generated articles
    spread words the way real commentary does."""
    sentences = []
    for body in sorted(BODIES.glob("*.md")):
        text = " ".join(line for line in body.read_text().splitlines() if line and not line.startswith("#"))
        sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) > 4]
    return sentences


def postgres_database(url: str, suffix: str, *, rebuild: bool) -> tuple[str, bool]:
    """(URL of the database named after ``url``'s plus ``_<suffix>``, whether it was just
    created). ``rebuild`` drops it first. Nothing is done to the database ``url`` names."""
    import psycopg

    config = parse(url)
    name = f"{config['NAME'] or 'postgres'}_{suffix}"
    admin = psycopg.connect(
        dbname="postgres", user=config["USER"], password=config["PASSWORD"] or None,
        host=config["HOST"], port=config["PORT"] or 5432, autocommit=True,
    )
    with admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and rebuild:
            admin.execute(f'DROP DATABASE "{name}"')
            exists = None
        if not exists:
            admin.execute(f'CREATE DATABASE "{name}"')
    return url.split("?")[0].rsplit("/", 1)[0] + "/" + name, not exists
