"""Settings come from the environment; check each switch in a fresh interpreter."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KEY = "test-settings-key-0123456789-abcdefghijklmnopqrstuvwxyz"  # production needs >= 50 characters


def _settings(**env):
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DEBUG", "SECRET_KEY"}}
    clean["KZ_SECRET_KEY_FILE"] = "/nonexistent/.secret_key"
    clean.update(env)
    code = (
        "import json; from kzportal import settings as s; "
        "print(json.dumps({'db': s.DATABASES['default'], 'cache': s.CACHES['default']['BACKEND'], "
        "'debug': s.DEBUG}, default=str))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60
    )
    return result


def test_sqlite_is_the_default_and_takes_concurrent_writers():
    result = _settings(SECRET_KEY=KEY)
    db = json.loads(result.stdout)["db"]
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert db["OPTIONS"]["timeout"] >= 20
    assert "journal_mode=WAL" in db["OPTIONS"]["init_command"]


def test_database_url_switches_to_postgresql():
    result = _settings(SECRET_KEY=KEY, DATABASE_URL="postgres://kz:pw@db.internal:5433/kzportal")
    db = json.loads(result.stdout)["db"]
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["HOST"], db["PORT"], db["NAME"], db["USER"]) == ("db.internal", 5433, "kzportal", "kz")


def test_redis_url_switches_the_cache_to_redis():
    result = _settings(SECRET_KEY=KEY, REDIS_URL="redis://127.0.0.1:6379/3")
    assert json.loads(result.stdout)["cache"] == "django.core.cache.backends.redis.RedisCache"
    result = _settings(SECRET_KEY=KEY)
    assert json.loads(result.stdout)["cache"] == "django.core.cache.backends.locmem.LocMemCache"


def test_production_refuses_to_start_without_a_secret_key():
    result = _settings()
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_debug_mode_may_run_without_a_secret_key():
    result = _settings(DEBUG="1")
    assert result.returncode == 0
    assert json.loads(result.stdout)["debug"] is True


def test_a_checkout_uses_the_secret_key_file_make_run_generates(tmp_path):
    key_file = tmp_path / ".secret_key"
    key_file.write_text(KEY + "-generated-by-make-run\n")
    code = "from kzportal import settings as s; print(s.SECRET_KEY)"
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env["KZ_SECRET_KEY_FILE"] = str(key_file)
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == KEY + "-generated-by-make-run"
