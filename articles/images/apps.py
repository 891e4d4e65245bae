from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImagesConfig(AppConfig):
    name = "articles.images"
    label = "images"
    verbose_name = _("Images")
    default_auto_field = "django.db.models.BigAutoField"
