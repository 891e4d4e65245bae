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
        post_migrate.connect(_mark_actor_lexemes, sender=self, dispatch_uid="articles.actor_lexemes")


def _mark_actor_lexemes(sender, using="default", **kwargs):
    """After ``migrate`` (PostgreSQL): mark the entries of actors not marked yet, as the
    live code reads their names (migration 0021 adds the marks to existing sites)."""
    from django.db import connections
    from django.db.migrations.executor import MigrationExecutor

    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return  # migrated to an older state: the live models are not the tables
    from .search import actor_tokens

    actor_tokens.refresh()
