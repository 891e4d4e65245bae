"""System checks for serving: waits that outlast the worker, proxies that do not parse."""

import ipaddress

from django.conf import settings
from django.core.checks import Error, Warning, register


@register()
def check_timeouts(app_configs=None, **kwargs):
    problems = []
    worker = settings.KZ_WORKER_TIMEOUT
    waits = {
        "KZ_REQUEST_TIMEOUT": settings.KZ_REQUEST_TIMEOUT,
        "DB_CONNECT_TIMEOUT": settings.DB_CONNECT_TIMEOUT,
        "DB_STATEMENT_TIMEOUT": settings.DB_STATEMENT_TIMEOUT,
        "SQLITE_BUSY_TIMEOUT": settings.SQLITE_BUSY_TIMEOUT,
        "CACHE_TIMEOUT": settings.CACHE_TIMEOUT,
    }
    for name, seconds in waits.items():
        if seconds >= worker:
            problems.append(
                Warning(
                    f"{name}={seconds:g} s is not shorter than the worker timeout KZ_WORKER_TIMEOUT={worker} s: "
                    "a slow dependency would get workers killed instead of a 503.",
                    hint=f"Lower {name} or raise KZ_WORKER_TIMEOUT.",
                    id="kzportal.W010",
                )
            )
    return problems


@register()
def check_trusted_proxies(app_configs=None, **kwargs):
    errors = []
    for item in settings.KZ_TRUSTED_PROXIES:
        try:
            ipaddress.ip_network(item, strict=False)
        except ValueError:
            errors.append(
                Error(
                    f"KZ_TRUSTED_PROXIES entry {item!r} is not an address or network.",
                    hint="List proxy addresses or networks, comma-separated, e.g. 127.0.0.1,10.0.0.0/8.",
                    id="kzportal.E011",
                )
            )
    return errors
