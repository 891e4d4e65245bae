"""The restore drill, run in subprocesses against real databases (SQLite files or PostgreSQL).

1. Database A: migrate and load the launch content.
2. Back it up while another process keeps writing comments to it, one per
   transaction, numbered 1, 2, 3...
3. Restore the backup into database B, which is empty (restore refuses A).
4. Compare every table of B with A: equal row counts and content hashes,
   except that tables written during the backup must equal A's first rows
   (up to B's last id), and the numbered comments in B must run 1..N without
   a gap: the backup is one consistent moment, not a torn copy.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

WRITER = """
import sys, time
from pathlib import Path
from django.db import transaction
from articles.models import Article, Comment
article = Article.objects.published().order_by("pk").first()
stop = Path(sys.argv[1])
n = 0
while not stop.exists():
    n += 1
    with transaction.atomic():
        Comment.objects.create(article=article, name="Load", email="load@example.org", body=f"load {n}",
                               status="pending", ip_hash="x", fingerprint=f"load-{n}")
print(n)
"""

FINGERPRINT = """
import json, sys
from kzportal.backups import fingerprints
print(json.dumps(fingerprints(upto=json.loads(sys.argv[1]))))
"""

MAX_IDS = """
import json, sys
from django.db import connection
out = {}
with connection.cursor() as cursor:
    for table in json.loads(sys.argv[1]):
        cursor.execute(f"SELECT MAX(id) FROM {connection.ops.quote_name(table)}")
        out[table] = cursor.fetchone()[0] or 0
print(json.dumps(out))
"""

LOAD_SEQUENCE = """
from articles.models import Comment
bodies = list(Comment.objects.filter(fingerprint__startswith="load-").order_by("pk").values_list("body", flat=True))
print(len(bodies), int(bodies == [f"load {n}" for n in range(1, len(bodies) + 1)]))
"""


def manage(env, *args, check=True, timeout=120):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT, env={**os.environ, "SECRET_KEY": "ops-tests-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz", "KZ_LOCAL_HTTP": "1", **env},
        capture_output=True, text=True, check=check, timeout=timeout,
    )


def python(env, code, *args):
    script = "import django, sys; django.setup()\n" + code
    result = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=ROOT, env={**os.environ, "SECRET_KEY": "ops-tests-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz", "KZ_LOCAL_HTTP": "1", "DJANGO_SETTINGS_MODULE": "kzportal.settings", **env},
        capture_output=True, text=True, check=True, timeout=120,
    )
    return result.stdout.strip()


def run_drill(env_a: dict, env_b: dict, workdir: Path) -> dict:
    manage(env_a, "migrate", "--noinput", "-v0")
    manage(env_a, "load_launch_content", "-v0")
    stop = workdir / "stop-writing"
    writer = subprocess.Popen(
        [sys.executable, "-c", "import django; django.setup()\n" + WRITER, str(stop)],
        cwd=ROOT, env={**os.environ, "SECRET_KEY": "ops-tests-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz", "KZ_LOCAL_HTTP": "1", "DJANGO_SETTINGS_MODULE": "kzportal.settings", **env_a},
        stdout=subprocess.PIPE, text=True,
    )
    try:
        time.sleep(0.5)  # the writer is writing
        backup_file = workdir / "drill.backup"
        started = time.monotonic()
        manage(env_a, "backup", str(backup_file))
        backup_seconds = time.monotonic() - started
        time.sleep(0.3)  # and keeps writing after the backup
    finally:
        stop.touch()
        written = int(writer.communicate(timeout=30)[0].strip() or 0)

    refused = manage(env_a, "restore", str(backup_file), check=False)
    started = time.monotonic()
    manage(env_b, "restore", str(backup_file))
    restore_seconds = time.monotonic() - started

    restored_count, gap_free = (int(x) for x in python(env_b, LOAD_SEQUENCE).split())
    b = json.loads(python(env_b, FINGERPRINT, "{}"))
    # Tables that differ may only be the ones written during the backup: compare A's first rows.
    a_full = json.loads(python(env_a, FINGERPRINT, "{}"))
    changed = sorted(table for table in a_full if a_full[table] != b.get(table))
    max_ids = json.loads(python(env_b, MAX_IDS, json.dumps(changed)))
    a_upto = json.loads(python(env_a, FINGERPRINT, json.dumps(max_ids)))
    return {
        "database": "postgresql" if env_a.get("DATABASE_URL") else "sqlite",
        "written_during_backup": written,
        "restored_load_comments": restored_count,
        "gap_free": bool(gap_free),
        "tables": len(b),
        "rows": sum(count for count, _ in b.values()),
        "changed_tables": changed,
        "mismatched_tables": sorted(t for t in a_upto if a_upto[t] != b.get(t)),
        "refused_non_empty": refused.returncode != 0 and "already holds content" in refused.stderr,
        "backup_seconds": round(backup_seconds, 2),
        "restore_seconds": round(restore_seconds, 2),
    }


def check_drill(report: dict):
    from .figures import record

    record(f"restore_drill_{report['database']}", report)
    assert report["refused_non_empty"]
    assert report["mismatched_tables"] == []
    assert set(report["changed_tables"]) <= {"articles_comment"}
    assert report["gap_free"]
    assert 0 < report["restored_load_comments"] < report["written_during_backup"]
