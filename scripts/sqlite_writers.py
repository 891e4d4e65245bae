"""Measure SQLite under concurrent writers: Django's defaults vs our settings.

    .venv/bin/python scripts/sqlite_writers.py [--writers 20] [--seconds 10]

Each writer is a separate process running short read-then-write transactions
(the shape of a reader submitting a comment: duplicate check, then insert) against one SQLite file for a fixed time,
then reports how many succeeded and how many failed with "database is
locked". Run once with Django's default SQLite options and once with
kzportal's (WAL, IMMEDIATE transactions, SQLITE_BUSY_TIMEOUT, 5 s by default).
"""

import argparse
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _writer(db_path, tuned, seconds, worker, results):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("SECRET_KEY", "benchmark-only-" + "0123456789abcdefghijklmnopqrstuvwxyz")
    os.environ["SQLITE_PATH"] = db_path
    os.environ["DJANGO_SETTINGS_MODULE"] = "kzportal.settings"
    import django
    from django.conf import settings

    if not tuned:
        settings.DATABASES["default"]["OPTIONS"] = {}
    django.setup()
    from django.db import OperationalError, transaction

    from articles.models import BlocklistTerm

    ok = locked = 0
    deadline = time.monotonic() + seconds
    n = 0
    while time.monotonic() < deadline:
        n += 1
        try:
            with transaction.atomic():
                # Read, then write: the shape of submit_comment (duplicate
                # check, then insert), where a deferred transaction must
                # upgrade its lock mid-way.
                if not BlocklistTerm.objects.filter(term=f"w{worker}-{n}").exists():
                    BlocklistTerm.objects.create(term=f"w{worker}-{n}")
            ok += 1
        except OperationalError as error:
            if "locked" not in str(error):
                raise
            locked += 1
    results.put((ok, locked))


def run(tuned, writers, seconds):
    with tempfile.TemporaryDirectory() as tmp:
        db_path = str(Path(tmp) / "writers.sqlite3")
        env = {**os.environ, "SQLITE_PATH": db_path, "SECRET_KEY": "benchmark-only-" + "0123456789abcdefghijklmnopqrstuvwxyz"}
        subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
            [sys.executable, str(ROOT / "manage.py"), "migrate", "--noinput", "-v0"], env=env, check=True
        )
        results = multiprocessing.Queue()
        procs = [
            multiprocessing.Process(target=_writer, args=(db_path, tuned, seconds, i, results))
            for i in range(writers)
        ]
        for proc in procs:
            proc.start()
        totals = [results.get() for _ in procs]
        for proc in procs:
            proc.join()
    ok = sum(t[0] for t in totals)
    locked = sum(t[1] for t in totals)
    return ok, locked


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--writers", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    for label, tuned in [("Django defaults", False), ("kzportal settings", True)]:
        ok, locked = run(tuned, args.writers, args.seconds)
        total = ok + locked
        share = 100 * locked / total if total else 0
        print(f"{label:18}: {args.writers} writers x {args.seconds:g}s: {ok} committed, "
              f"{locked} failed 'database is locked' ({share:.1f}%)")


if __name__ == "__main__":
    main()
