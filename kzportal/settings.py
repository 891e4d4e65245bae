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
  DATABASE_URL      unset: SQLite file db.sqlite3 (or SQLITE_PATH); postgres://... : PostgreSQL
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
from datetime import timedelta
from pathlib import Path

from kzportal import settings_builders as builders

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
    "csp",  # django-csp's system checks
    "articles.comments",  # single-use comment-form tokens, in the comments app's own model
    "articles.newsletter",  # newsletter subscribers and send history (issue 19)
    "articles.ratings",  # readers' article ratings (issue 19)
    "articles.images",  # lead images, portraits, actor images, social cards (issue 19); after actors+articles
    "axes",  # login throttling, see AXES_* below
    "django_otp",
    "django_otp.plugins.otp_totp",
]

# In order, each one's place explained in kzportal.settings_builders.middleware.
MIDDLEWARE = builders.middleware()

ROOT_URLCONF = "kzportal.urls"
WSGI_APPLICATION = "kzportal.wsgi.application"

TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [BASE_DIR / "templates"],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]

# --- Database (kzportal.settings_builders.databases) -----------------------
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
DATABASES = builders.databases(
    url=DATABASE_URL, sqlite_path=os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
    sqlite_busy_timeout=SQLITE_BUSY_TIMEOUT, connect_timeout=DB_CONNECT_TIMEOUT,
    statement_timeout=DB_STATEMENT_TIMEOUT, worker_timeout=KZ_WORKER_TIMEOUT,
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (kzportal.settings_builders.caches) -----------------------------
# Redis with REDIS_URL (shared by every app server, down after CACHE_TIMEOUT), else per-process memory.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
CACHE_TIMEOUT = float(os.environ.get("CACHE_TIMEOUT", "1"))
CACHES = builders.caches(redis_url=REDIS_URL, key_prefix=os.environ.get("CACHE_KEY_PREFIX", "kzportal"),
                         timeout=CACHE_TIMEOUT, page_entries=os.environ.get("KZ_PAGE_CACHE_ENTRIES", "500"))
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
LANGUAGES = [("en", "English"), ("ru", "Русский"), ("kk", "Қазақша")]
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
# Hashed, compressed files after collectstatic (default with DEBUG off).
_MANIFEST_STATIC = env_bool("KZ_MANIFEST_STATIC", not DEBUG)
# --- Media: uploaded images and their renditions ----------------------------
# Local files by default (served by nginx in production: deploy/nginx, or by
# Django itself with KZ_SERVE_MEDIA=1, which `make run`/`make dev` imply through
# KZ_LOCAL_HTTP/DEBUG). With KZ_S3_BUCKET every app server shares one
# S3-compatible bucket (django-storages), and its public host joins img-src.
MEDIA_ROOT = Path(os.environ.get("KZ_MEDIA_ROOT", "").strip() or BASE_DIR / "media")
MEDIA_URL = os.environ.get("KZ_MEDIA_URL", "/media/").strip() or "/media/"
KZ_SERVE_MEDIA = env_bool("KZ_SERVE_MEDIA", DEBUG or env_bool("KZ_LOCAL_HTTP", DEBUG))
KZ_S3_BUCKET = os.environ.get("KZ_S3_BUCKET", "").strip()
STORAGES = builders.storages(
    manifest_static=_MANIFEST_STATIC, s3_bucket=KZ_S3_BUCKET,
    s3_endpoint_url=os.environ.get("KZ_S3_ENDPOINT_URL", "").strip(),
    s3_region=os.environ.get("KZ_S3_REGION", "").strip(),
    s3_access_key=os.environ.get("KZ_S3_ACCESS_KEY", "").strip(),
    s3_secret_key=os.environ.get("KZ_S3_SECRET_KEY", "").strip(),
    s3_custom_domain=os.environ.get("KZ_S3_CUSTOM_DOMAIN", "").strip(),
)
KZ_MEDIA_HOSTS = builders.media_hosts(STORAGES["default"])
# Uploads larger than this are streamed to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

WHITENOISE_USE_FINDERS = not _MANIFEST_STATIC
WHITENOISE_AUTOREFRESH = not _MANIFEST_STATIC

# ============================================================================
# Security (issue 14): everything about HTTPS, secrets, CSP, logins and 2FA, kept in this
# one block; the refusals and the CSP are in kzportal.settings_builders, the security
# middleware's places in its middleware().
#
# With DEBUG off the site is secure without any opt-in: HTTPS only (redirect,
# Secure "__Host-" cookies, HSTS for a year). Plain HTTP is an explicit local
# switch (KZ_LOCAL_HTTP=1, which `make run` sets) and is refused unless every
# ALLOWED_HOSTS entry is a loopback name. Trusting X-Forwarded-Proto is a
# separate switch (KZ_BEHIND_PROXY=1), never implied by anything else: a
# client could otherwise forge the header and skip the HTTPS redirect.
# ============================================================================

# --- Secret key (kzportal.settings_builders.secret_key) -------------------------
# A key file is read only when KZ_SECRET_KEY_FILE names one (`make run` points it
# at the checkout's .secret_key). Production refuses a missing or weak key.
MIN_SECRET_KEY_LENGTH = 50
_SECRET_KEY_FILE = os.environ.get("KZ_SECRET_KEY_FILE", "").strip()
SECRET_KEY = builders.secret_key(value=os.environ.get("SECRET_KEY", "").strip(), key_file=_SECRET_KEY_FILE,
                                 debug=DEBUG, min_length=MIN_SECRET_KEY_LENGTH)

# --- HTTPS ------------------------------------------------------------------------
KZ_LOCAL_HTTP = env_bool("KZ_LOCAL_HTTP", DEBUG)
KZ_BEHIND_PROXY = env_bool("KZ_BEHIND_PROXY", False)
# The reverse proxies whose X-Forwarded-For and -Proto are believed (kzportal.clientaddr);
# anyone else could write anything into them. Read here because KZ_BEHIND_PROXY depends on it.
KZ_TRUSTED_PROXIES = env_list("KZ_TRUSTED_PROXIES", "")
# Refused: plain HTTP with DEBUG off for a non-loopback host, and KZ_BEHIND_PROXY
# without KZ_TRUSTED_PROXIES (kzportal.settings_builders.check_transport).
builders.check_transport(debug=DEBUG, local_http=KZ_LOCAL_HTTP, allowed_hosts=ALLOWED_HOSTS,
                         behind_proxy=KZ_BEHIND_PROXY, trusted_proxies=KZ_TRUSTED_PROXIES)

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
    # so a client reaching the app server directly cannot claim HTTPS (checked above).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# A refused form keeps the reader's comment instead of Django's bare 403.
CSRF_FAILURE_VIEW = "articles.comments.views.csrf_failure"

# --- Content-Security-Policy (django-csp; kzportal.settings_builders) ----------------
CONTENT_SECURITY_POLICY = builders.content_security_policy(media_hosts=KZ_MEDIA_HOSTS)

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
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("KZ_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("KZ_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "kzportal.clientaddr.client_address"
AXES_VERBOSE = False
# Staff sessions end after a working day without activity: activity renews the
# expiry (at most every five minutes: kzportal.security.SessionActivityMiddleware,
# a cheaper SESSION_SAVE_EVERY_REQUEST), so an editor at work is never logged out mid-day.
SESSION_COOKIE_AGE = int(float(os.environ.get("KZ_SESSION_HOURS", "9")) * 3600)
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
KZ_API_RATE = os.environ.get("KZ_API_RATE", "120/min")
REST_FRAMEWORK = builders.rest_framework()
SPECTACULAR_SETTINGS = builders.spectacular_settings()
KZ_DATA_DIR = Path(os.environ.get("KZ_DATA_DIR", "").strip() or BASE_DIR / "var" / "data")
KZ_DATA_LICENCE = os.environ.get("KZ_DATA_LICENCE", "CC-BY-4.0").strip() or "CC-BY-4.0"

# tests/articles/test_linkcheck.py imports it from here.
KZ_LINKCHECK_ALLOW_PRIVATE = builders.linkcheck_allowed(os.environ.get("KZ_LINKCHECK_ALLOW_PRIVATE", ""))

# --- Task queue (Huey) -------------------------------------------------------
# Work that may wait on other services (moderator mail) runs in the worker
# (`manage.py run_huey`, started by `make run`), retried, never in a request.
KZ_TASKS_IMMEDIATE = env_bool("KZ_TASKS_IMMEDIATE", False)
HUEY = builders.huey(
    redis_url=REDIS_URL, key_prefix=os.environ.get("CACHE_KEY_PREFIX", "kzportal"),
    cache_timeout=CACHE_TIMEOUT, sqlite_timeout=SQLITE_BUSY_TIMEOUT, immediate=KZ_TASKS_IMMEDIATE,
    sqlite_path=os.environ.get("HUEY_SQLITE_PATH", str(BASE_DIR / "tasks.sqlite3")),
)

# --- Logs -----------------------------------------------------------------------
# One line per request (kzportal.requestlog) with a request id; JSON lines when
# LOG_FORMAT=json. Errors also go to ADMINS by mail when ADMINS is set, sent by the
# task worker (kzportal.errormail), never from inside the failing request.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text").strip().lower()
ADMINS = [("Admin", address) for address in env_list("ADMINS", "")]
LOGGING = builders.logging_config(log_format=LOG_FORMAT, level=os.environ.get("LOG_LEVEL", "INFO"))

# Errors (with the request id) to Sentry or a compatible tracker; no personal data sent.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "").strip()
if SENTRY_DSN:
    builders.init_sentry(dsn=SENTRY_DSN, environment=os.environ.get("SENTRY_ENVIRONMENT", "production"))
