"""Settings come from the environment; check each switch in a fresh interpreter."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
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
    # Writers queue for the lock a few seconds, then give up (a 503), well inside the worker timeout.
    assert 2 <= db["OPTIONS"]["timeout"] <= 10
    assert "journal_mode=WAL" in db["OPTIONS"]["init_command"]


def test_every_database_wait_is_bounded_and_configurable():
    result = _settings(SECRET_KEY=KEY, DATABASE_URL="postgres://kz@db.internal/kz",
                       DB_CONNECT_TIMEOUT="4", DB_STATEMENT_TIMEOUT="7")
    options = json.loads(result.stdout)["db"]["OPTIONS"]
    assert options["connect_timeout"] == 4
    assert "statement_timeout=7000" in options["options"] and "lock_timeout=7000" in options["options"]
    sqlite = json.loads(_settings(SECRET_KEY=KEY, SQLITE_BUSY_TIMEOUT="3").stdout)["db"]
    assert sqlite["OPTIONS"]["timeout"] == 3


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


def test_sentry_is_configured_from_the_environment():
    code = "import sentry_sdk; from kzportal import settings; print(sentry_sdk.get_client().is_active())"
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DEBUG"}}
    run = lambda **env: subprocess.run(  # noqa: E731
        [sys.executable, "-c", code], cwd=ROOT, env={**clean, "SECRET_KEY": KEY, **env},
        capture_output=True, text=True, timeout=60,
    ).stdout.strip()
    assert run() == "False"
    assert run(SENTRY_DSN="http://public@127.0.0.1:18399/1") == "True"


def test_log_format_json_switches_the_console_formatter():
    code = "import json; from kzportal import settings as s; print(s.LOGGING['handlers']['console']['formatter'])"
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DEBUG"}}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**clean, "SECRET_KEY": KEY, "LOG_FORMAT": "json"},
                         capture_output=True, text=True, timeout=60).stdout.strip()
    assert out == "json"
