"""Where commentary comes from: publications and authors."""

import re
from urllib.parse import unquote

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

_EMAIL_IN_TEXT = re.compile(r"[^@\s/]+@[^@\s/]+\.[^@\s/]+")


class Publication(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    url = models.URLField("site URL", blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("publications:detail", kwargs={"slug": self.slug})


class Author(models.Model):
    name = models.CharField(
        max_length=200, help_text="As the author writes it, with diacritics: “Alica Kizeková”."
    )
    slug = models.SlugField(max_length=200, unique=True)
    affiliation = models.CharField(
        max_length=300,
        blank=True,
        help_text="Affiliation or role line exactly as the publication printed it.",
    )
    bio = models.TextField(blank=True)
    social = models.CharField(
        "social handle or URL",
        max_length=200,
        blank=True,
        help_text="A public handle such as @AlicaKizekova, or a profile URL. Never an email address.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("authors:detail", kwargs={"slug": self.slug})

    @property
    def public_social(self):
        """The social handle or URL as readers may see it: never anything holding an
        email address, even inside a URL (query string, userinfo, %40)."""
        value = (self.social or "").strip()
        return "" if _EMAIL_IN_TEXT.search(unquote(value)) else value

    @property
    def public_social_url(self):
        value = self.public_social
        return value if value.lower().startswith(("http://", "https://")) else ""

    def clean(self):
        if "@" in self.social and "." in self.social.split("@", 1)[1] and not self.social.startswith("http"):
            raise ValidationError({"social": "Give a public handle or URL, not an email address."})


# --------------------------------------------------------------------------
# Timeline events (declared before Article, which links to them)
# --------------------------------------------------------------------------
