"""
The larger settings structures (middleware order, databases, caches, task queue,
logging, CSP, storages, REST framework) and the production refusals (secret key,
HTTPS/proxy switches, link-checker networks), built from values kzportal/settings.py
has read.

settings.py stays the one place that reads the environment (and its docstring
lists every variable); each function here takes what it needs as keyword
arguments and returns the setting's value, or raises ImproperlyConfigured for an
unsafe one. Nothing here reads os.environ or imports django.conf.settings: this
module runs while the settings load.
"""

import ipaddress
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}


# --- Middleware -------------------------------------------------------------------
def middleware():
    """MIDDLEWARE, in order; the comments say why each one sits where it does."""
    return [
        # First of all: HTTPS redirects, static files, health answers and the 503 page get a CSP too.
        "kzportal.csp.PortalCSPMiddleware",
        # Next, so nothing reads a scheme a client forged (a no-op without KZ_BEHIND_PROXY).
        "kzportal.clientaddr.ForwardedProtoMiddleware",
        "kzportal.requestlog.RequestLogMiddleware",
        "kzportal.resilience.ServiceUnavailableMiddleware",
        "kzportal.health.HealthCheckMiddleware",
        "django.middleware.security.SecurityMiddleware",
        "kzportal.middleware.SecurityHeadersMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        # Renews a staff session's expiry on activity, at most every five minutes (a
        # cheaper SESSION_SAVE_EVERY_REQUEST): see SESSION_COOKIE_AGE.
        "kzportal.security.SessionActivityMiddleware",
        "django.middleware.locale.LocaleMiddleware",  # /ru/…, /kk/…; unprefixed is English
        "kzportal.adminlanguage.AdminLanguageMiddleware",  # …except the admin: the browser's language
        "django.middleware.common.CommonMiddleware",
        "articles.redirects.RedirectFallbackMiddleware",  # old addresses: a 404 answered by its stored 301
        # Method, content type and size of form posts are checked before CSRF reads the body.
        "kzportal.formguard.FormGuardMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django_otp.middleware.OTPMiddleware",  # right after authentication
        "django.contrib.messages.middleware.MessageMiddleware",
        # After messages: it tells the user why they were sent to the enrolment page.
        "kzportal.twofactor.TwoFactorMiddleware",
        # Inside sessions, CSRF, auth and messages: see its docstring.
        "kzportal.pagecache.PageCacheMiddleware",
        "articles.search.middleware.AdminSearchLimitMiddleware",  # before the admin's search_fields see ?q=
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
        "simple_history.middleware.HistoryRequestMiddleware",
        "axes.middleware.AxesMiddleware",  # last, as axes asks
    ]


# --- Database -------------------------------------------------------------------
def databases(*, url, sqlite_path, sqlite_busy_timeout, connect_timeout, statement_timeout, worker_timeout):
    """DATABASES: PostgreSQL (or whatever `url` names) with every wait bounded, else SQLite.

    SQLite must take concurrent writers: WAL lets readers run beside the writer,
    IMMEDIATE takes the write lock at BEGIN (so a transaction never fails half-way
    on lock upgrade) and the busy timeout makes writers queue instead of failing.
    """
    if url:
        databases = {"default": dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)}
        if databases["default"]["ENGINE"] == "django.db.backends.postgresql":
            databases["default"].setdefault("OPTIONS", {}).update(
                {
                    "connect_timeout": connect_timeout,
                    "options": f"-c statement_timeout={int(statement_timeout * 1000)}"
                    f" -c lock_timeout={int(statement_timeout * 1000)}"
                    f" -c idle_in_transaction_session_timeout={int(worker_timeout * 2000)}",
                }
            )
        return databases
    return {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": sqlite_path,
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": sqlite_busy_timeout,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }


# --- Cache ----------------------------------------------------------------------
def caches(*, redis_url, key_prefix, timeout, page_entries):
    """CACHES: "default" and the public page cache ("pages"), in Redis or in memory.

    Redis is what lets several app servers share rate limits and cached pages.
    A Redis that does not answer within `timeout` (CACHE_TIMEOUT) counts as down:
    callers (the rate limiter) then fail open instead of holding the request.
    `page_entries` is KZ_PAGE_CACHE_ENTRIES as read, converted only when used.
    """
    if redis_url:
        options = {"socket_connect_timeout": timeout, "socket_timeout": timeout}
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": redis_url,
                "KEY_PREFIX": key_prefix,
                "OPTIONS": dict(options),
            },
            "pages": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": redis_url,
                "KEY_PREFIX": key_prefix + "-pages",
                "OPTIONS": dict(options),
            },
        }
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "kzportal",
        },
        # Bounded, so a worker's memory stays flat however many pages the site has.
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "kzportal-pages",
            "OPTIONS": {"MAX_ENTRIES": int(page_entries)},
        },
    }


# --- Task queue (Huey) ----------------------------------------------------------
def huey(*, redis_url, key_prefix, cache_timeout, sqlite_path, sqlite_timeout, immediate):
    """HUEY: one queue file on one machine by default; Redis when several servers share it."""
    if redis_url:
        import redis

        return {
            "huey_class": "huey.RedisHuey",
            "name": key_prefix + "-tasks",
            # Bounded like the cache; reads block for at most 1 s (Huey's read_timeout) < 5 s.
            "connection_pool": redis.ConnectionPool.from_url(
                redis_url, socket_connect_timeout=cache_timeout, socket_timeout=5
            ),
            "immediate": immediate,
            "consumer": {"workers": 2, "worker_type": "thread"},
        }
    return {
        "huey_class": "huey.SqliteHuey",
        "name": "kzportal-tasks",
        "filename": sqlite_path,
        "timeout": sqlite_timeout,
        "immediate": immediate,
        "consumer": {"workers": 2, "worker_type": "thread"},
    }


# --- Logs -----------------------------------------------------------------------
def logging_config(*, log_format, level):
    """LOGGING: one line per request with its request id (kzportal.requestlog), plain
    text or, with log_format "json", one JSON object per line; errors also to ADMINS."""
    return {
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
                "formatter": "json" if log_format == "json" else "text",
            },
            # Queued for the task worker, so a hung mail server never holds the failing request.
            "mail_admins": {"class": "kzportal.errormail.QueuedAdminEmailHandler", "level": "ERROR"},
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.db.backends": {"level": "INFO"},
            # The request line comes from kzportal.requestlog; Django's own would repeat it.
            "django.request": {"handlers": ["console", "mail_admins"], "level": "ERROR", "propagate": False},
            "django.server": {"level": "WARNING"},
            # The worker (run_huey) adds its own handler unless the logger has one.
            "huey": {"handlers": ["console"], "level": "INFO", "propagate": False},
        },
    }


# --- Content-Security-Policy (django-csp) ---------------------------------------
def content_security_policy(*, media_hosts):
    """CONTENT_SECURITY_POLICY, one policy on every response (pages, redirects, error
    pages, static files). Public pages run no script and load nothing from other
    hosts but the image store's (`media_hosts`). The admin gets the few additions
    Django's admin really needs (kzportal.csp.ADMIN_CSP). Violations are reported
    to /csp-report/, which logs them."""
    return {
        "DIRECTIVES": {
            "default-src": [NONE],
            "script-src": [NONE],
            "style-src": [SELF],
            "img-src": [SELF, "data:", *media_hosts],
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


# --- Static files and media -----------------------------------------------------
def storages(*, manifest_static, s3_bucket, s3_endpoint_url, s3_region, s3_access_key, s3_secret_key,
             s3_custom_domain):
    """STORAGES. Static files: hashed and compressed in production (after collectstatic),
    the plain storage where no collectstatic has run (tests, quick local checks).

    Media: local files by default (served by nginx in production: deploy/nginx, or
    by Django itself with KZ_SERVE_MEDIA=1). With an S3 bucket every app server
    shares one S3-compatible bucket (django-storages). Empty strings mean unset.
    """
    default = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if s3_bucket:
        default = {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": s3_bucket,
                "endpoint_url": s3_endpoint_url or None,
                "region_name": s3_region or None,
                "access_key": s3_access_key or None,
                "secret_key": s3_secret_key or None,
                "custom_domain": s3_custom_domain or None,
                "querystring_auth": False,  # public images: plain, cacheable URLs
                "file_overwrite": False,
                "default_acl": None,
            },
        }
    return {
        "default": default,
        "staticfiles": {
            "BACKEND": (
                "whitenoise.storage.CompressedManifestStaticFilesStorage"
                if manifest_static
                else "django.contrib.staticfiles.storage.StaticFilesStorage"
            )
        },
    }


def media_hosts(default_storage):
    """KZ_MEDIA_HOSTS: the public host of an S3 bucket (STORAGES["default"]), which joins
    the CSP's img-src; none for local files, which come from this site."""
    options = default_storage.get("OPTIONS", {})
    if "bucket_name" not in options:
        return []
    if options["custom_domain"]:
        return [f"https://{options['custom_domain']}"]
    if options["endpoint_url"]:
        return [options["endpoint_url"]]
    return [f"https://{options['bucket_name']}.s3.amazonaws.com"]


# --- Secret key -----------------------------------------------------------------
def secret_key(*, value, key_file, debug, min_length):
    """SECRET_KEY: `value` (SECRET_KEY), else the contents of `key_file`
    (KZ_SECRET_KEY_FILE) when one is named; nothing falls back to a file in the
    checkout by itself. Production (debug off) needs a real key: at least
    `min_length` characters, 5 different ones, not Django's "django-insecure-"
    placeholder. With debug on a missing key becomes a throwaway local one."""
    if not value and key_file:
        try:
            value = Path(key_file).read_text(encoding="utf-8").strip()
        except (FileNotFoundError, NotADirectoryError, PermissionError):
            value = ""
    if not value:
        if not debug:
            raise ImproperlyConfigured(
                "SECRET_KEY is not set. Set it in the environment, or point KZ_SECRET_KEY_FILE at a file "
                "holding it (make run generates .secret_key), or set DEBUG=1 for a throwaway local key."
            )
        return "insecure-local-development-key-do-not-use-in-production"  # noqa: S105
    if not debug and (len(value) < min_length or len(set(value)) < 5 or value.startswith("django-insecure-")):
        raise ImproperlyConfigured(
            f"SECRET_KEY is too weak for production: it has {len(value)} characters; use at least "
            f"{min_length} random ones, e.g. "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
        )
    return value


# --- HTTPS ----------------------------------------------------------------------
def is_loopback(host: str) -> bool:
    host = host.strip().lower()
    return host in LOOPBACK_HOSTS or host.startswith("127.") or host.endswith(".localhost")


def check_transport(*, debug, local_http, allowed_hosts, behind_proxy, trusted_proxies):
    """Refuse the two unsafe combinations of the HTTPS switches.

    Plain HTTP (KZ_LOCAL_HTTP) with DEBUG off only when every ALLOWED_HOSTS entry is
    loopback. Trusting X-Forwarded-Proto (KZ_BEHIND_PROXY) only from the proxies in
    KZ_TRUSTED_PROXIES: the header is dropped from any other peer
    (kzportal.clientaddr.ForwardedProtoMiddleware), so a client reaching the app
    server directly cannot claim HTTPS.
    """
    if local_http and not debug:
        public = [host for host in allowed_hosts if not is_loopback(host)]
        if public:
            raise ImproperlyConfigured(
                f"KZ_LOCAL_HTTP=1 serves plain HTTP, which is only allowed on this machine, but ALLOWED_HOSTS "
                f"includes {', '.join(public)}. Serve over HTTPS (unset KZ_LOCAL_HTTP) or list only "
                "127.0.0.1/localhost."
            )
    if behind_proxy and not trusted_proxies:
        raise ImproperlyConfigured(
            "KZ_BEHIND_PROXY=1 needs KZ_TRUSTED_PROXIES: the addresses of the proxies whose "
            "X-Forwarded-Proto is believed (e.g. KZ_TRUSTED_PROXIES=127.0.0.1)."
        )


# --- Link checker ---------------------------------------------------------------
def linkcheck_allowed(raw):
    """The networks the link checker may reach though not public (articles.linkcheck)."""
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


# --- Open data API ---------------------------------------------------------------
def rest_framework():
    """REST_FRAMEWORK: anonymous and read-only. JSON only (no browsable API, which would
    need scripts on every page), no authentication (a staff session changes nothing:
    the API shows what any reader sees), cursor pagination, JSON errors."""
    return {
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


def spectacular_settings():
    """SPECTACULAR_SETTINGS: the OpenAPI description of /api/v1/ (drf-spectacular)."""
    return {
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


# --- Error tracking ---------------------------------------------------------------
def init_sentry(*, dsn, environment):
    """Report errors (with the request id) to Sentry or a compatible tracker; no personal
    data is sent and no performance traces."""
    import sentry_sdk

    sentry_sdk.init(dsn=dsn, send_default_pii=False, traces_sample_rate=0, environment=environment)
