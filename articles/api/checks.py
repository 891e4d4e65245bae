"""System check: a malformed ``KZ_API_RATE`` stops the site at start-up instead of
failing every API request."""

import re

from django.conf import settings
from django.core.checks import Error, register

_RATE = re.compile(r"^[1-9][0-9]*/(s|sec|second|m|min|minute|h|hour|d|day)$")


@register()
def check_api_rate(app_configs=None, **kwargs):
    value = getattr(settings, "KZ_API_RATE", "")
    if _RATE.match(str(value).strip()):
        return []
    return [
        Error(
            f"KZ_API_RATE={value!r} is not a rate: write requests per second, minute, hour or day, e.g. '120/min'.",
            hint="Set the KZ_API_RATE environment variable to e.g. 120/min, or unset it.",
            id="kzportal.E010",
        )
    ]
