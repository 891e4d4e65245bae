from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Editorial content")

    def ready(self):
        from kzportal import checks  # noqa: F401  (registers the serving checks)

        from . import pagecache
        from .api import checks as api_checks  # noqa: F401  (registers the KZ_API_RATE check)
        from .mentions import signals  # noqa: F401
        from .redirects import connect as connect_redirects
        from .search.index import _connect as connect_search_index

        connect_search_index()
        pagecache.connect()
        connect_redirects()

        from django.db.models.signals import post_migrate

        from .groups import ensure_groups_after_migrate

        post_migrate.connect(ensure_groups_after_migrate, dispatch_uid="articles.ensure_groups")
