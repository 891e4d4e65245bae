from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Editorial content"

    def ready(self):
        from kzportal import checks  # noqa: F401  (registers the serving checks)

        from . import pagecache
        from .mentions import signals  # noqa: F401
        from .search.index import _connect as connect_search_index

        connect_search_index()
        pagecache.connect()
