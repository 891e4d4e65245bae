"""
Health endpoints for load balancers, process managers and the deploy script.

Answered by ``HealthCheckMiddleware`` ahead of the host check and the HTTPS
redirect: a probe comes by IP address and plain HTTP (Docker's HEALTHCHECK,
a load balancer), and must not need to be in ALLOWED_HOSTS or speak TLS.
Nothing else is served there, and the answers say nothing about the site.

``/healthz``: the process is alive and answering (touches nothing else).
``/readyz``: the database, the cache and the task queue all answer within
``READY_BUDGET`` seconds together; 200 with each check's result, else 503.
Checks run in worker threads so a hung dependency costs the probe at most
the budget, never the worker. Neither endpoint is rate limited, cached, or
logged at INFO (kzportal.requestlog), so probes every few seconds add no noise.
"""

import concurrent.futures
import json
import time

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

READY_BUDGET = 1.0
HEALTH_PATHS = ("/healthz", "/readyz")


def _check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    finally:
        connection.close()  # this thread's own connection


def _check_cache():
    key = "kz:readyz"
    cache.set(key, "1", timeout=10)
    if cache.get(key) != "1":
        raise RuntimeError("cache did not keep a value")


def _check_queue():
    from huey.contrib.djhuey import HUEY

    HUEY.storage.queue_size()


CHECKS = {"database": _check_database, "cache": _check_cache, "queue": _check_queue}


def _json(data, status):
    return HttpResponse(json.dumps(data, sort_keys=True) + "\n", content_type="application/json", status=status)


@never_cache
@require_safe
def healthz(request):
    return _json({"status": "ok"}, 200)


@never_cache
@require_safe
def readyz(request):
    started = time.monotonic()
    results = {}
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=len(CHECKS), thread_name_prefix="readyz")
    futures = {name: pool.submit(check) for name, check in CHECKS.items()}
    for name, future in futures.items():
        remaining = max(READY_BUDGET - (time.monotonic() - started), 0.01)
        try:
            future.result(timeout=remaining)
            results[name] = "ok"
        except concurrent.futures.TimeoutError:
            results[name] = "timeout"
        except Exception as exc:
            results[name] = f"error: {type(exc).__name__}"
    pool.shutdown(wait=False, cancel_futures=True)  # a hung check must not hold the answer
    ready = all(value == "ok" for value in results.values())
    body = {"status": "ok" if ready else "unavailable", "checks": results,
            "seconds": round(time.monotonic() - started, 3)}
    response = _json(body, 200 if ready else 503)
    if not ready:
        response["Retry-After"] = "5"
    return response


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.views = {"/healthz": healthz, "/readyz": readyz}

    def __call__(self, request):
        view = self.views.get(request.path_info)
        if view is not None:
            return view(request)
        return self.get_response(request)
