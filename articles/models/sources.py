"""Where commentary comes from: publications and authors."""

import re
from urllib.parse import unquote

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kzportal.links import url_for

_EMAIL_IN_TEXT = re.compile(r"[^@\s/]+@[^@\s/]+\.[^@\s/]+")


class Publication(models.Model):
    name = models.CharField(max_length=200, verbose_name=_("name"))
    slug = models.SlugField(max_length=200, unique=True, verbose_name=_("slug"))
    url = models.URLField(_("site URL"), blank=True)
    description = models.TextField(blank=True, verbose_name=_("description"))
    aliases = models.TextField(
        blank=True,
        help_text=(
            _("Other names and web domains this publication appears under, one per line "
            "(e.g. “Council on Geostrategy” or “geostrategy.org.uk”). The importer matches "
            "imported pages against the name, the site URL and these lines, and never "
            "creates a publication by itself.")
        ),
        verbose_name=_("aliases"),
    )

    # ``history`` is registered in articles/translation.py, once the per-language
    # columns exist, so it records every language.

    class Meta:
        ordering = ["name"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return url_for("publications:detail", slug=self.slug)

    @property
    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]


class Author(models.Model):
    name = models.CharField(
        max_length=200, help_text=_("As the author writes it, with diacritics: “Alica Kizeková”."),
        verbose_name=_("name"),
    )
    slug = models.SlugField(max_length=200, unique=True, verbose_name=_("slug"))
    affiliation = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("Affiliation or role line exactly as the publication printed it."),
        verbose_name=_("affiliation"),
    )
    bio = models.TextField(blank=True, verbose_name=_("bio"))
    social = models.CharField(
        _("social handle or URL"),
        max_length=200,
        blank=True,
        help_text=_("A public handle such as @AlicaKizekova, or a profile URL. Never an email address."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return url_for("authors:detail", slug=self.slug)

    def _social_holds_email(self):
        """The one e-mail rule for social links: an address anywhere, URLs included
        (query strings, userinfo, %40), makes the value private."""
        return bool(_EMAIL_IN_TEXT.search(unquote((self.social or "").strip())))

    @property
    def public_social(self):
        """The social handle or URL as readers may see it: never anything holding an e-mail address."""
        return "" if self._social_holds_email() else (self.social or "").strip()

    @property
    def public_social_url(self):
        value = self.public_social
        return value if value.lower().startswith(("http://", "https://")) else ""

    def clean(self):
        if self._social_holds_email():
            raise ValidationError({"social": "Give a public handle or URL, not an email address."})
