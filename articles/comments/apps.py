from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    """Reader comments as their own app, for the models only they use (used form tokens).

    The Comment model itself stays in ``articles``.
    """

    name = "articles.comments"
    label = "comments"
    verbose_name = _("Reader comments")
    default_auto_field = "django.db.models.BigAutoField"
