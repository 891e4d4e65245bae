"""
kzportal settings.

Every value that differs between machines is read from the environment here,
and only here. Nothing needs to be set to try the site locally; production
(DEBUG off) refuses to start without SECRET_KEY.

Environment variables:
  SECRET_KEY        required unless DEBUG is on (a checkout falls back to the
                    .secret_key file that `make run` generates)
  DEBUG             "1"/"true" to enable debug pages (default off)
  ALLOWED_HOSTS     comma-separated (default "127.0.0.1,localhost")
  DATABASE_URL      unset: SQLite file db.sqlite3; postgres://... : PostgreSQL
  REDIS_URL         unset: per-process memory cache; redis://... : shared Redis cache
  KZ_COMMENT_RATE   reader comment rate limit per client, e.g. "5/10m" (default)
  EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS,
  DEFAULT_FROM_EMAIL  SMTP for moderator notifications (unset: console backend)
  KZ_HTTPS          "1" when served over HTTPS: secure cookies, HSTS, redirect

Serving and resilience (see README "Deployment"):
  HOST, PORT        where gunicorn listens (default 127.0.0.1:8000)
  WEB_CONCURRENCY   gunicorn workers (default 2 x CPU count + 1)
  KZ_WORKER_TIMEOUT seconds before gunicorn kills a stuck worker (default 30);
                    every wait below is shorter
  KZ_REQUEST_TIMEOUT seconds after which a request is answered with a 503
                    instead of waiting on (default: connect + statement
                    timeouts + 2, at most the worker timeout - 5)
  DB_CONNECT_TIMEOUT   seconds to reach PostgreSQL (default 3)
  DB_STATEMENT_TIMEOUT seconds one PostgreSQL statement may run (default 10)
  SQLITE_BUSY_TIMEOUT  seconds a SQLite writer waits for the lock (default 5)
  CACHE_TIMEOUT     seconds to reach Redis before the cache counts as down (default 1)
  KZ_RETRY_AFTER    seconds a 503 asks the client to wait (default 30)
  KZ_TRUSTED_PROXIES comma-separated proxy addresses whose X-Forwarded-For is
                    believed (default none: the client is REMOTE_ADDR)
  HUEY_SQLITE_PATH  task queue file when REDIS_URL is unset (default tasks.sqlite3)
  KZ_TASKS_IMMEDIATE "1": run tasks inside the calling process (tests)
  LOG_FORMAT        "json" for one JSON object per log line (default plain text)
  LOG_LEVEL         root log level (default INFO)
  ADMINS            comma-separated addresses mailed on server errors
  SENTRY_DSN        report errors to Sentry or a compatible tracker (default off)
  SENTRY_ENVIRONMENT  the environment name sent with them (default production)
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    raw = os.environ.get(name, default)
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

def _local_secret_key():
    """The per-checkout key `make run` writes to .secret_key (never committed).

    Lets `manage.py` work in a developer's checkout without exporting anything;
    a server with neither SECRET_KEY nor this file still refuses to start.
    """
    path = Path(os.environ.get("KZ_SECRET_KEY_FILE", BASE_DIR / ".secret_key"))
    try:
        return path.read_text(encoding="utf-8").strip()
    except (FileNotFoundError, NotADirectoryError):
        return ""


SECRET_KEY = os.environ.get("SECRET_KEY", "").strip() or _local_secret_key()
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (make run generates "
            "one into .secret_key), or set DEBUG=1 for a throwaway local key."
        )
    SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "taggit",
    "django_filters",
    "simple_history",
    "huey.contrib.djhuey",
    "actors",
    "articles",
]

MIDDLEWARE = [
    "kzportal.requestlog.RequestLogMiddleware",
    "kzportal.resilience.ServiceUnavailableMiddleware",
    "kzportal.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "kzportal.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "kzportal.urls"
WSGI_APPLICATION = "kzportal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
# SQLite must take concurrent writers: WAL lets readers run beside the writer,
# IMMEDIATE takes the write lock at BEGIN (so a transaction never fails half-way
# on lock upgrade) and the busy timeout makes writers queue instead of failing.
#
# Every wait on the database is bounded, and shorter than the worker timeout:
# a hung or locked database turns into a 503 (kzportal.resilience), never
# into workers killed mid-request.
SERVE_HOST = os.environ.get("HOST", "127.0.0.1").strip() or "127.0.0.1"
SERVE_PORT = int(os.environ.get("PORT", "8000"))
WEB_CONCURRENCY = int(os.environ.get("WEB_CONCURRENCY", "0") or 0) or 2 * (os.cpu_count() or 1) + 1
KZ_WORKER_TIMEOUT = int(os.environ.get("KZ_WORKER_TIMEOUT", "30"))
DB_CONNECT_TIMEOUT = int(os.environ.get("DB_CONNECT_TIMEOUT", "3"))
DB_STATEMENT_TIMEOUT = float(os.environ.get("DB_STATEMENT_TIMEOUT", "10"))
# Long enough for one connect and one slowest statement; it is what ends a
# request stuck on a server that stopped answering mid-connection.
KZ_REQUEST_TIMEOUT = float(os.environ.get("KZ_REQUEST_TIMEOUT", "0") or 0) or min(
    DB_CONNECT_TIMEOUT + DB_STATEMENT_TIMEOUT + 2, max(KZ_WORKER_TIMEOUT - 5, 1)
)
SQLITE_BUSY_TIMEOUT = float(os.environ.get("SQLITE_BUSY_TIMEOUT", "5"))
KZ_RETRY_AFTER = int(os.environ.get("KZ_RETRY_AFTER", "30"))
DATABASE_URL = os.environ.get("DATABASE_URL", "").strip()
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=60, conn_health_checks=True
        )
    }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            {
                "connect_timeout": DB_CONNECT_TIMEOUT,
                "options": f"-c statement_timeout={int(DB_STATEMENT_TIMEOUT * 1000)}"
                f" -c lock_timeout={int(DB_STATEMENT_TIMEOUT * 1000)}"
                f" -c idle_in_transaction_session_timeout={int(KZ_WORKER_TIMEOUT * 2000)}",
            }
        )
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": SQLITE_BUSY_TIMEOUT,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------
# Redis is what lets several app servers share rate limits and cached pages.
# A Redis that does not answer within CACHE_TIMEOUT counts as down: callers
# (the rate limiter) then fail open instead of holding the request.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
CACHE_TIMEOUT = float(os.environ.get("CACHE_TIMEOUT", "1"))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "kzportal"),
            "OPTIONS": {"socket_connect_timeout": CACHE_TIMEOUT, "socket_timeout": CACHE_TIMEOUT},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "kzportal",
        }
    }

# --- Auth -----------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"

# --- Internationalisation -------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Hashed, compressed files in production (after collectstatic); the plain
# storage where no collectstatic has run (tests, quick local checks).
_MANIFEST_STATIC = env_bool("KZ_MANIFEST_STATIC", not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if _MANIFEST_STATIC
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not _MANIFEST_STATIC
WHITENOISE_AUTOREFRESH = not _MANIFEST_STATIC

# --- Security ---------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
# A refused form keeps the reader's comment instead of Django's bare 403.
CSRF_FAILURE_VIEW = "articles.comments.views.csrf_failure"
if env_bool("KZ_HTTPS", False):
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 30
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True

# --- Email ------------------------------------------------------------------
EMAIL_HOST = os.environ.get("EMAIL_HOST", "").strip()
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = 10
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "kzportal <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Third-party apps -------------------------------------------------------
TAGGIT_CASE_INSENSITIVE = True
SIMPLE_HISTORY_REVERT_DISABLED = False

# --- kzportal ---------------------------------------------------------------
KZ_SITE_NAME = "kzportal"
KZ_COMMENT_RATE = os.environ.get("KZ_COMMENT_RATE", "5/10m")

# --- Client address behind a reverse proxy -------------------------------------
# X-Forwarded-For is believed only when the connection comes from one of these
# addresses (kzportal.clientaddr); anyone else could write anything into it.
KZ_TRUSTED_PROXIES = env_list("KZ_TRUSTED_PROXIES", "")

# --- Task queue (Huey) -------------------------------------------------------
# Work that may wait on other services (moderator mail) runs in the worker
# (`manage.py run_huey`, started by `make run`), retried, never in a request.
# One queue file on one machine by default; Redis when several servers share it.
KZ_TASKS_IMMEDIATE = env_bool("KZ_TASKS_IMMEDIATE", False)
if REDIS_URL:
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": os.environ.get("CACHE_KEY_PREFIX", "kzportal") + "-tasks",
        # Bounded like the cache; reads block for at most 1 s (Huey's read_timeout) < 5 s.
        "connection_pool": __import__("redis").ConnectionPool.from_url(
            REDIS_URL, socket_connect_timeout=CACHE_TIMEOUT, socket_timeout=5
        ),
        "immediate": KZ_TASKS_IMMEDIATE,
        "consumer": {"workers": 2, "worker_type": "thread"},
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "kzportal-tasks",
        "filename": os.environ.get("HUEY_SQLITE_PATH", str(BASE_DIR / "tasks.sqlite3")),
        "timeout": SQLITE_BUSY_TIMEOUT,
        "immediate": KZ_TASKS_IMMEDIATE,
        "consumer": {"workers": 2, "worker_type": "thread"},
    }

# --- Logs -----------------------------------------------------------------------
# One line per request (kzportal.requestlog) with a request id; JSON lines when
# LOG_FORMAT=json. Errors also go to ADMINS by mail when ADMINS is set.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text").strip().lower()
ADMINS = [("Admin", address) for address in env_list("ADMINS", "")]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "kzportal.requestlog.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "kzportal.requestlog.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        },
        "mail_admins": {"class": "django.utils.log.AdminEmailHandler", "level": "ERROR"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # The request line comes from kzportal.requestlog; Django's own would repeat it.
        "django.request": {"handlers": ["console", "mail_admins"], "level": "ERROR", "propagate": False},
        "django.server": {"level": "WARNING"},
        # The worker (run_huey) adds its own handler unless the logger has one.
        "huey": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# Errors (with the request id) to Sentry or a compatible tracker; no personal data sent.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "").strip()
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        send_default_pii=False,
        traces_sample_rate=0,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
    )
