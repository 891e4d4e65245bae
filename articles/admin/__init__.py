"""The editors' workplace, one module per subject. Importing this package registers
every ModelAdmin of the app (Django's autodiscover imports ``articles.admin``);
the comment queue and blocklist are registered by ``articles.comments.admin``.
"""

from articles.comments import admin as comments_admin  # noqa: F401

from . import articles, claims, taxonomy, team  # noqa: F401
