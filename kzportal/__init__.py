# Connects the login signal receiver that starts a session's activity clock
# (kzportal.security); it needs no settings or models, so it is safe this early.
from . import security  # noqa: F401,E402
