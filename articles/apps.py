from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Editorial content"

    def ready(self):
        from kzportal import checks  # noqa: F401  (registers the serving checks)

        from .mentions import signals  # noqa: F401
        from .search.index import _connect as connect_search_index

        connect_search_index()

        post_migrate.connect(_ensure_groups, sender=self, dispatch_uid="articles.ensure_editorial_groups")


def _ensure_groups(sender, using="default", plan=None, **kwargs):
    from .groups import ensure_editorial_groups

    ensure_editorial_groups(using=using)
