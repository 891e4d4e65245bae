"""Themes: django-taggit with our own tag model, so a theme has a description and a page."""

from django.db import models
from django.urls import reverse
from taggit.models import GenericTaggedItemBase, TagBase


class Theme(TagBase):
    description = models.TextField(
        blank=True, help_text="Two or three sentences telling readers what this theme covers."
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "theme"

    def get_absolute_url(self):
        return reverse("themes:detail", kwargs={"slug": self.slug})


class ThemedItem(GenericTaggedItemBase):
    tag = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        verbose_name = "themed item"
        indexes = [models.Index(fields=["content_type", "object_id"])]


# --------------------------------------------------------------------------
# Publications and authors
