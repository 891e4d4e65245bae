"""
kzportal settings.

Every value that differs between machines is read from the environment here,
and only here. Nothing needs to be set to try the site locally; production
(DEBUG off) refuses to start without SECRET_KEY.

Environment variables:
  SECRET_KEY        required unless DEBUG is on; with DEBUG off at least 50 characters
  KZ_SECRET_KEY_FILE  read the key from this file when SECRET_KEY is unset (`make run`
                    points it at the checkout's generated .secret_key); no file is
                    read unless this names it
  DEBUG             "1"/"true" to enable debug pages (default off)
  ALLOWED_HOSTS     comma-separated (default "127.0.0.1,localhost")
  CSRF_TRUSTED_ORIGINS  comma-separated origins allowed to post forms (default none)
  DATABASE_URL      unset: SQLite file db.sqlite3; postgres://... : PostgreSQL
  REDIS_URL         unset: per-process memory cache; redis://... : shared Redis cache
  CACHE_KEY_PREFIX  prefix of this site's keys in a shared Redis (default "kzportal")
  KZ_PAGE_CACHE     "0" turns the public page cache off (default on; the tests turn it
                    off except where they test it). ETags, 304s and compression stay on
  KZ_PAGE_CACHE_SECONDS  longest a cached page is kept (default 3600); writes and
                    scheduled go-lives end it sooner
  KZ_PAGE_CACHE_ENTRIES  pages each worker keeps without REDIS_URL (default 500)
  KZ_MANIFEST_STATIC  "1": hashed, compressed static files from collectstatic (default:
                    on with DEBUG off; the tests turn it off)
  KZ_COMMENT_RATE   reader comment rate limit per client, e.g. "5/10m" (default)
  KZ_API_RATE       anonymous /api/v1/ requests per client, e.g. "120/min" (default),
                    counted in the shared cache (Redis with REDIS_URL)
  KZ_DATA_DIR       where `manage.py export_dataset` writes the open-data dumps served at
                    /data/ (default var/data in the checkout)
  KZ_DATA_LICENCE   the licence named in the dumps and on /data/ (default "CC-BY-4.0")
  KZ_LINKCHECK_ALLOW_PRIVATE  addresses the link checker (`manage.py check_links`, the
                    nightly task) may fetch although they are not public. Default none:
                    loopback, private (10.x, 192.168.x ...), link-local (169.254.x, the
                    cloud metadata address), multicast and reserved addresses are
                    recorded as "not checked: private address". Comma-separated
                    networks ("10.1.0.0/16,127.0.0.1/32") for an intranet, or "1" for
                    every address (tests against a local server; never in production)
  KZ_NEWSLETTER_RATE  newsletter sign-ups and data requests per client (default "5/h")
  KZ_RATING_RATE    article ratings per client (default "30/h")
  KZ_SITE_URL       the site's public address, for links in mail sent by the task worker
                    (default "http://127.0.0.1:8000")
  KZ_MEDIA_ROOT     where uploaded images and their renditions are stored (default media/)
  KZ_MEDIA_URL      their public URL prefix (default "/media/")
  KZ_SERVE_MEDIA    "1": Django serves KZ_MEDIA_ROOT under KZ_MEDIA_URL itself (default: on
                    with DEBUG or KZ_LOCAL_HTTP; in production nginx serves it, see deploy/)
  KZ_S3_BUCKET      set: images go to this S3-compatible bucket (django-storages), shared by
                    every app server; with KZ_S3_ENDPOINT_URL, KZ_S3_REGION, KZ_S3_ACCESS_KEY,
                    KZ_S3_SECRET_KEY, KZ_S3_CUSTOM_DOMAIN (public host of the bucket)
  KZ_ADMIN_USER, KZ_ADMIN_PASSWORD  the account `manage.py ensure_editor` creates once
                    (default "editor" and a generated password printed once)
  EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS,
  DEFAULT_FROM_EMAIL  SMTP for moderator notifications (unset: console backend)
  KZ_LOCAL_HTTP     "1" serves plain HTTP on this machine (what `make run` does): no HTTPS
                    redirect, no Secure/__Host- cookies, no HSTS. Default: on with DEBUG,
                    off otherwise; refused with DEBUG off unless every ALLOWED_HOSTS
                    entry is loopback. Unset, the site is HTTPS-only (redirect, Secure
                    __Host- cookies, HSTS for one year including subdomains)
  KZ_HSTS_PRELOAD   "1" adds HSTS preload (only once the domain is ready for the list)
  KZ_BEHIND_PROXY   "1" trusts X-Forwarded-Proto: https from the reverse proxy (set only
                    when a proxy always overwrites that header); believed only from the
                    KZ_TRUSTED_PROXIES addresses, which it requires. (Under gunicorn it is
                    not needed: gunicorn reads the header from those addresses itself.)
  KZ_LOGIN_FAILURE_LIMIT  failed logins per username+client before a lock (default 5)
  KZ_LOGIN_COOLOFF_MINUTES  how long such a lock lasts (default 15)
  KZ_SESSION_HOURS  hours of inactivity before a login session ends (default 9)
  KZ_REQUIRE_2FA    "1" makes TOTP two-factor login compulsory for the Editors group

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

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "modeltranslation",  # before the admin: translated fields side by side in the change forms
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
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
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
    "django.middleware.locale.LocaleMiddleware",  # /ru/…, /kk/…; unprefixed is English
    "kzportal.adminlanguage.AdminLanguageMiddleware",  # …except the admin: the browser's language
    "django.middleware.common.CommonMiddleware",
    "articles.redirects.RedirectFallbackMiddleware",  # old addresses: a 404 answered by its stored 301
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "kzportal.pagecache.PageCacheMiddleware",  # inside sessions, CSRF, auth and messages: see its docstring
    "articles.search.middleware.AdminSearchLimitMiddleware",  # before the admin's search_fields see ?q=
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
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "kzportal") + "-pages",
            "OPTIONS": {"socket_connect_timeout": CACHE_TIMEOUT, "socket_timeout": CACHE_TIMEOUT},
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "kzportal",
        },
        # Bounded, so a worker's memory stays flat however many pages the site has.
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "kzportal-pages",
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("KZ_PAGE_CACHE_ENTRIES", "500"))},
        },
    }
# The public page cache (kzportal.pagecache): anonymous GETs of public pages,
# keyed by the generation every editorial write bumps (articles.pagecache).
KZ_PAGE_CACHE = env_bool("KZ_PAGE_CACHE", True)
KZ_PAGE_CACHE_ALIAS = "pages"
KZ_PAGE_CACHE_SECONDS = int(os.environ.get("KZ_PAGE_CACHE_SECONDS", "3600"))

# --- Auth -----------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"

# --- Internationalisation -------------------------------------------------
# English (unprefixed URLs), Russian (/ru/) and Kazakh (/kk/). The interface's
# catalogues live in locale/ (the compiled .mo files are committed, so no system
# gettext is needed to run the site); the editorial layer's translations are
# columns beside the English ones (django-modeltranslation, articles/translation.py
# and actors/translation.py), with English as the fallback.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("ru", "Русский"),
    ("kk", "Қазақша"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "ru", "kk")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# The English column is the field itself: the admin's search, the importer and the
# launch loader keep writing `name`, `title`, ... which are English.
MODELTRANSLATION_AUTO_POPULATE = False

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
# --- Media: uploaded images and their renditions ----------------------------
# Local files by default (served by nginx in production: deploy/nginx, or by
# Django itself with KZ_SERVE_MEDIA=1, which `make run`/`make dev` imply through
# KZ_LOCAL_HTTP/DEBUG). With KZ_S3_BUCKET every app server shares one
# S3-compatible bucket (django-storages), and its public host joins img-src.
MEDIA_ROOT = Path(os.environ.get("KZ_MEDIA_ROOT", "").strip() or BASE_DIR / "media")
MEDIA_URL = os.environ.get("KZ_MEDIA_URL", "/media/").strip() or "/media/"
KZ_SERVE_MEDIA = env_bool("KZ_SERVE_MEDIA", DEBUG or env_bool("KZ_LOCAL_HTTP", DEBUG))
KZ_S3_BUCKET = os.environ.get("KZ_S3_BUCKET", "").strip()
KZ_MEDIA_HOSTS = []
if KZ_S3_BUCKET:
    _s3_domain = os.environ.get("KZ_S3_CUSTOM_DOMAIN", "").strip()
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": KZ_S3_BUCKET,
            "endpoint_url": os.environ.get("KZ_S3_ENDPOINT_URL", "").strip() or None,
            "region_name": os.environ.get("KZ_S3_REGION", "").strip() or None,
            "access_key": os.environ.get("KZ_S3_ACCESS_KEY", "").strip() or None,
            "secret_key": os.environ.get("KZ_S3_SECRET_KEY", "").strip() or None,
            "custom_domain": _s3_domain or None,
            "querystring_auth": False,  # public images: plain, cacheable URLs
            "file_overwrite": False,
            "default_acl": None,
        },
    }
    _endpoint = os.environ.get("KZ_S3_ENDPOINT_URL", "").strip()
    KZ_MEDIA_HOSTS = [f"https://{_s3_domain}"] if _s3_domain else ([_endpoint] if _endpoint else [
        f"https://{KZ_S3_BUCKET}.s3.amazonaws.com"])
# Uploads larger than this are streamed to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

WHITENOISE_USE_FINDERS = not _MANIFEST_STATIC
WHITENOISE_AUTOREFRESH = not _MANIFEST_STATIC

# ============================================================================
# Security (issue 14): everything about HTTPS, secrets, CSP, logins and 2FA.
# Kept in this one block so it merges as a unit.
#
# With DEBUG off the site is secure without any opt-in: HTTPS only (redirect,
# Secure "__Host-" cookies, HSTS for a year). Plain HTTP is an explicit local
# switch (KZ_LOCAL_HTTP=1, which `make run` sets) and is refused unless every
# ALLOWED_HOSTS entry is a loopback name. Trusting X-Forwarded-Proto is a
# separate switch (KZ_BEHIND_PROXY=1), never implied by anything else: a
# client could otherwise forge the header and skip the HTTPS redirect.
# ============================================================================
from datetime import timedelta  # noqa: E402

from csp.constants import NONE, SELF  # noqa: E402

_LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}


def _is_loopback(host: str) -> bool:
    host = host.strip().lower()
    return host in _LOOPBACK_HOSTS or host.startswith("127.") or host.endswith(".localhost")


# --- Secret key ---------------------------------------------------------------
# Production needs a real key: at least 50 characters, 5 different ones, not
# Django's "django-insecure-" placeholder. A key file is read only when
# KZ_SECRET_KEY_FILE names one (`make run` points it at the checkout's
# .secret_key); nothing falls back to a file in the checkout by itself.
MIN_SECRET_KEY_LENGTH = 50
_SECRET_KEY_FILE = os.environ.get("KZ_SECRET_KEY_FILE", "").strip()
SECRET_KEY = os.environ.get("SECRET_KEY", "").strip()
if not SECRET_KEY and _SECRET_KEY_FILE:
    try:
        SECRET_KEY = Path(_SECRET_KEY_FILE).read_text(encoding="utf-8").strip()
    except (FileNotFoundError, NotADirectoryError, PermissionError):
        SECRET_KEY = ""
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment, or point KZ_SECRET_KEY_FILE at a file "
            "holding it (make run generates .secret_key), or set DEBUG=1 for a throwaway local key."
        )
    SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"  # noqa: S105
elif not DEBUG and (
    len(SECRET_KEY) < MIN_SECRET_KEY_LENGTH
    or len(set(SECRET_KEY)) < 5
    or SECRET_KEY.startswith("django-insecure-")
):
    raise ImproperlyConfigured(
        f"SECRET_KEY is too weak for production: it has {len(SECRET_KEY)} characters; use at least "
        f"{MIN_SECRET_KEY_LENGTH} random ones, e.g. "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
    )

# --- HTTPS ------------------------------------------------------------------------
KZ_LOCAL_HTTP = env_bool("KZ_LOCAL_HTTP", DEBUG)
KZ_BEHIND_PROXY = env_bool("KZ_BEHIND_PROXY", False)
# The reverse proxies whose forwarded headers are believed (kzportal.clientaddr); read
# here because KZ_BEHIND_PROXY depends on it.
KZ_TRUSTED_PROXIES = env_list("KZ_TRUSTED_PROXIES", "")
if KZ_LOCAL_HTTP and not DEBUG:
    _public = [host for host in ALLOWED_HOSTS if not _is_loopback(host)]
    if _public:
        raise ImproperlyConfigured(
            f"KZ_LOCAL_HTTP=1 serves plain HTTP, which is only allowed on this machine, but ALLOWED_HOSTS "
            f"includes {', '.join(_public)}. Serve over HTTPS (unset KZ_LOCAL_HTTP) or list only "
            "127.0.0.1/localhost."
        )

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
if not KZ_LOCAL_HTTP:
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # "__Host-" cookies are only accepted over HTTPS, for this exact host and path "/":
    # no subdomain or plain-HTTP page can set or shadow them.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Preloading is a promise about the whole domain that is slow to undo, so it
    # is the owner's explicit choice (KZ_HSTS_PRELOAD=1); until then Django's
    # reminder about it (security.W021) is expected and silenced.
    SECURE_HSTS_PRELOAD = env_bool("KZ_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
# The reader's "thank you" after a comment travels in a cookie named like the others.
MESSAGE_STORAGE = "kzportal.security.MessageStorage"
if KZ_BEHIND_PROXY:
    # Only behind a proxy that always overwrites X-Forwarded-Proto with the scheme
    # the client used, and only from the proxies in KZ_TRUSTED_PROXIES: the header
    # is dropped from any other peer (kzportal.clientaddr.ForwardedProtoMiddleware),
    # so a client reaching the app server directly cannot claim HTTPS.
    if not KZ_TRUSTED_PROXIES:
        raise ImproperlyConfigured(
            "KZ_BEHIND_PROXY=1 needs KZ_TRUSTED_PROXIES: the addresses of the proxies whose "
            "X-Forwarded-Proto is believed (e.g. KZ_TRUSTED_PROXIES=127.0.0.1)."
        )
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# First of all, so nothing reads a scheme a client forged (a no-op without KZ_BEHIND_PROXY).
MIDDLEWARE.insert(0, "kzportal.clientaddr.ForwardedProtoMiddleware")

# A refused form keeps the reader's comment instead of Django's bare 403.
CSRF_FAILURE_VIEW = "articles.comments.views.csrf_failure"

# --- Content-Security-Policy (django-csp) -------------------------------------------
# One policy on every response (pages, redirects, error pages, static files).
# Public pages run no script and load nothing from other hosts. The admin gets
# the few additions Django's admin really needs (kzportal.csp.ADMIN_CSP).
# Violations are reported to /csp-report/, which logs them.
INSTALLED_APPS += ["csp"]  # django-csp's system checks
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [NONE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *KZ_MEDIA_HOSTS],
        "font-src": [SELF],
        # No script runs on a public page, so this opens nothing to the page itself. Audit
        # tools fetch /robots.txt through the page (Lighthouse's SEO check uses the DevTools
        # protocol, which obeys connect-src); under default-src 'none' that fetch is refused
        # and Lighthouse reports robots.txt as missing.
        "connect-src": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "report-uri": "/csp-report/",
    },
}
# First of all: HTTPS redirects, static files, health answers and the 503 page get it too.
MIDDLEWARE.insert(0, "kzportal.csp.PortalCSPMiddleware")
# Single-use comment-form tokens are recorded by the comments app's own model.
INSTALLED_APPS += ["articles.comments"]
# Newsletter subscribers and send history (issue 19), their own app and migrations.
INSTALLED_APPS += ["articles.newsletter"]
# Readers' article ratings (issue 19), their own app and migrations.
INSTALLED_APPS += ["articles.ratings"]
# Lead images, portraits, actor images and social cards (issue 19); after actors and articles.
INSTALLED_APPS += ["articles.images"]
# Method, content type and size of form posts are checked before CSRF reads the body.
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.csrf.CsrfViewMiddleware"), "kzportal.formguard.FormGuardMiddleware")

# --- Passwords, login throttling, sessions, two-factor -------------------------
# Argon2 first; accounts with older PBKDF2 hashes are rehashed on their next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# django-axes: 5 failures for one username from one client lock that pair for the
# cool-off. Keyed on the pair, so nobody elsewhere can lock an editor out by
# guessing at their username.
INSTALLED_APPS += ["axes", "django_otp", "django_otp.plugins.otp_totp"]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("KZ_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("KZ_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "kzportal.clientaddr.client_address"
AXES_VERBOSE = False
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.insert(  # after messages: it tells the user why they were sent to the enrolment page
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
    "kzportal.twofactor.TwoFactorMiddleware",
)
MIDDLEWARE.append("axes.middleware.AxesMiddleware")  # last, as axes asks
# Staff sessions end after a working day without activity: activity renews the
# expiry (at most every five minutes: kzportal.security.SessionActivityMiddleware,
# a cheaper SESSION_SAVE_EVERY_REQUEST), so an editor at work is never logged out mid-day.
SESSION_COOKIE_AGE = int(float(os.environ.get("KZ_SESSION_HOURS", "9")) * 3600)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware") + 1,
    "kzportal.security.SessionActivityMiddleware",
)
# TOTP two-factor: every staff user may enrol (admin → "Two-factor login");
# with KZ_REQUIRE_2FA=1 the Editors group must.
KZ_REQUIRE_2FA = env_bool("KZ_REQUIRE_2FA", False)
KZ_2FA_REQUIRED_GROUPS = ["Editors"]
OTP_TOTP_ISSUER = "kzportal"
# ============================ end of Security =============================

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
KZ_NEWSLETTER_RATE = os.environ.get("KZ_NEWSLETTER_RATE", "5/h")
KZ_RATING_RATE = os.environ.get("KZ_RATING_RATE", "30/h")
KZ_SITE_URL = os.environ.get("KZ_SITE_URL", "http://127.0.0.1:8000").strip().rstrip("/")

# --- Open data: the read-only API (/api/v1/, articles.api) and the dumps (/data/) ---
# Django REST Framework, anonymous and read-only: JSON only (no browsable API, which
# would need scripts on every page), no authentication (a staff session changes
# nothing: the API shows what any reader sees), cursor pagination, JSON errors.
KZ_API_RATE = os.environ.get("KZ_API_RATE", "120/min")
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_THROTTLE_CLASSES": ["articles.api.http.AnonymousRateThrottle"],
    "DEFAULT_PAGINATION_CLASS": "articles.api.http.IdCursorPagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_METADATA_CLASS": None,
    "EXCEPTION_HANDLER": "articles.api.http.json_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "kzportal open data API",
    "DESCRIPTION": "Read-only data behind the site: published commentary, claims, citations, actors, "
    "themes, events, authors and publications. Every object has a stable `id` and its page's `url`.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": False,
    "ENUM_NAME_OVERRIDES": {
        "ActorKindEnum": "actors.models.Actor.Kind",
        "RelationKindEnum": "actors.models.ActorRelation.Kind",
        "StanceEnum": "articles.models.Citation.Stance",
        "DatePrecisionEnum": "articles.models.DatePrecision",
    },
}
KZ_DATA_DIR = Path(os.environ.get("KZ_DATA_DIR", "").strip() or BASE_DIR / "var" / "data")
KZ_DATA_LICENCE = os.environ.get("KZ_DATA_LICENCE", "CC-BY-4.0").strip() or "CC-BY-4.0"


def _linkcheck_allowed(raw):
    """The networks the link checker may reach though not public (articles.linkcheck)."""
    import ipaddress

    raw = raw.strip()
    if raw.lower() in {"", "0", "false", "no", "off"}:
        return []
    if raw.lower() in {"1", "true", "yes", "on"}:
        return ["0.0.0.0/0", "::/0"]
    networks = [item.strip() for item in raw.split(",") if item.strip()]
    for network in networks:
        try:
            ipaddress.ip_network(network, strict=False)
        except ValueError:
            raise ImproperlyConfigured(f"KZ_LINKCHECK_ALLOW_PRIVATE: {network!r} is not a network") from None
    return networks


KZ_LINKCHECK_ALLOW_PRIVATE = _linkcheck_allowed(os.environ.get("KZ_LINKCHECK_ALLOW_PRIVATE", ""))

# --- Client address behind a reverse proxy -------------------------------------
# X-Forwarded-For is believed only when the connection comes from one of the
# KZ_TRUSTED_PROXIES addresses (kzportal.clientaddr; read in the Security block
# above); anyone else could write anything into it.

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
# LOG_FORMAT=json. Errors also go to ADMINS by mail when ADMINS is set, sent by the
# task worker (kzportal.errormail), never from inside the failing request.
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
        # Queued for the task worker, so a hung mail server never holds the failing request.
        "mail_admins": {"class": "kzportal.errormail.QueuedAdminEmailHandler", "level": "ERROR"},
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
