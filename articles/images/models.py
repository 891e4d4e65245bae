"""Optional images of articles, authors and actors, each with alt text, caption and credit."""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.files.storage import default_storage
from django.db import models
from django.utils.translation import gettext_lazy as _

from .processing import make_renditions, validate_image_file


class ImageBase(models.Model):
    image = models.ImageField(
        _("image"), upload_to="images/%Y/%m/", validators=[validate_image_file], width_field="width",
        height_field="height",
        help_text=_("JPEG, PNG or WebP, at least 200 pixels wide, at most 8 MB. Smaller sizes are made automatically."),
    )
    alt = models.CharField(
        _("alt text"), max_length=250,
        help_text=_("What the image shows, for readers who cannot see it (“Protesters on Republic Square, Almaty”)."),
    )
    caption = models.CharField(_("caption"), max_length=300, help_text=_("Shown under the image."))
    credit = models.CharField(
        _("credit"), max_length=200, help_text=_("Who made the image and under what licence (“Photo: A. Name / CC BY 4.0”)."),
    )
    width = models.PositiveIntegerField(editable=False, null=True, verbose_name=_("width"))
    height = models.PositiveIntegerField(editable=False, null=True, verbose_name=_("height"))
    renditions = models.JSONField(default=list, editable=False, blank=True, verbose_name=_("renditions"))
    source_name = models.CharField(max_length=255, editable=False, blank=True, verbose_name=_("source name"))

    rendition_prefix = "image"

    class Meta:
        abstract = True

    def __str__(self):
        return self.alt

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self.image and self.image.name != self.source_name:
            _w, _h, renditions = make_renditions(self.image, prefix=f"{self.rendition_prefix}-{self.pk}")
            type(self).objects.filter(pk=self.pk).update(renditions=renditions, source_name=self.image.name)
            self.renditions, self.source_name = renditions, self.image.name

    def clean(self):
        errors = {}
        if self.image:
            for field in ("alt", "caption", "credit"):
                if not (getattr(self, field) or "").strip():
                    errors[field] = _("Required when an image is set.")
        if errors:
            raise ValidationError(errors)

    # -- what templates need, without queries or storage calls beyond url() --
    def srcset(self) -> str:
        return ", ".join(f"{default_storage.url(r['name'])} {r['width']}w" for r in self.renditions)

    def url_for(self, width: int) -> str:
        """The smallest rendition at least ``width`` wide (or the largest)."""
        if not self.renditions:
            return self.image.url if self.image else ""
        fitting = [r for r in self.renditions if r["width"] >= width] or self.renditions[-1:]
        return default_storage.url(fitting[0]["name"])

    @property
    def src(self):
        return self.url_for(960)

    @property
    def largest_url(self):
        return self.url_for(10**6)

    def display_height(self, width):
        return round(self.height * width / self.width) if self.width and self.height else None


class ArticleImage(ImageBase):
    article = models.OneToOneField("articles.Article", on_delete=models.CASCADE, related_name="lead_image", verbose_name=_("article"))
    rendition_prefix = "article"

    class Meta:
        verbose_name = _("lead image")
        verbose_name_plural = _("lead images")

    def __str__(self):
        return self.alt


class AuthorPortrait(ImageBase):
    author = models.OneToOneField("articles.Author", on_delete=models.CASCADE, related_name="portrait", verbose_name=_("author"))
    rendition_prefix = "author"

    class Meta:
        verbose_name = _("portrait")
        verbose_name_plural = _("portraits")

    def __str__(self):
        return self.alt


class ActorImage(ImageBase):
    actor = models.OneToOneField("actors.Actor", on_delete=models.CASCADE, related_name="image", verbose_name=_("actor"))
    rendition_prefix = "actor"

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self):
        return self.alt


def image_of(obj, relation: str):
    """``obj``'s image through a one-to-one ``relation`` (loaded with select_related), or None."""
    try:
        image = getattr(obj, relation)
    except ObjectDoesNotExist:
        return None
    return image if image is not None and image.image else None
