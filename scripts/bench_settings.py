"""Settings for ``make bench``'s gunicorn: the production settings (kzportal.settings,
read from the same environment) plus the floor pages of scripts/bench_urls.py."""

from kzportal.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
