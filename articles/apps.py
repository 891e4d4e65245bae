from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Editorial content"

    def ready(self):
        from .mentions import signals  # noqa: F401
