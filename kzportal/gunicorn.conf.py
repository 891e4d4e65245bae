"""
gunicorn settings for `make run`, systemd (deploy/) and the container image.

Everything comes from kzportal.settings (which reads the environment), so the
server and Django agree on the timeouts: gunicorn's worker timeout is the
outermost wait, and every wait inside a request (database connect, statement,
SQLite lock, the request deadline) is shorter, so a slow dependency ends in a
503 from Django rather than a killed worker.
"""

import gc
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kzportal.settings")

from django.conf import settings  # noqa: E402

wsgi_app = "kzportal.wsgi:application"
bind = [f"{settings.SERVE_HOST}:{settings.SERVE_PORT}"]
workers = settings.WEB_CONCURRENCY
worker_class = "sync"
timeout = settings.KZ_WORKER_TIMEOUT
graceful_timeout = settings.KZ_WORKER_TIMEOUT
keepalive = 5
# Recycle workers now and then so a slow leak cannot grow without bound.
max_requests = 2000
max_requests_jitter = 200
# Django writes the request line (kzportal.requestlog, with a request id).
accesslog = None
errorlog = "-"
loglevel = "info"
# Behind nginx on this machine: REMOTE_ADDR stays the proxy's address; the
# client's comes from X-Forwarded-For via KZ_TRUSTED_PROXIES (kzportal.clientaddr).
forwarded_allow_ips = ",".join(settings.KZ_TRUSTED_PROXIES) or "127.0.0.1"
proc_name = "kzportal"
# No control socket: several servers run side by side on one machine (and it
# would be a shared path under $HOME).
control_socket_disable = True


def when_ready(server):
    backend = settings.CACHES["default"]["BACKEND"]
    if workers > 1 and backend.endswith("LocMemCache"):
        server.log.warning(
            "The comment rate limit is per worker (no REDIS_URL): a client gets KZ_COMMENT_RATE "
            "once per worker (%s workers). Set REDIS_URL to share it.",
            workers,
        )


def post_worker_init(worker):
    # Everything loaded so far (Django, the apps, the URL and template machinery) lives
    # as long as the worker. A full garbage collection walks every tracked object, and
    # with all of that tracked one took 35-60 ms in the middle of some request; frozen,
    # collections walk only what requests create.
    gc.freeze()
