"""System check: a malformed ``KZ_COMMENT_RATE`` stops the site at start-up."""

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

from .ratelimit import DEFAULT_RATE, parse_rate


@register()
def check_comment_rate(app_configs=None, **kwargs):
    value = getattr(settings, "KZ_COMMENT_RATE", DEFAULT_RATE)
    try:
        parse_rate(value)
    except ImproperlyConfigured as error:
        return [
            Error(
                str(error),
                hint="Set the KZ_COMMENT_RATE environment variable to e.g. 5/10m, or unset it.",
                id="kzportal.E001",
            )
        ]
    return []
