"""Keeping addresses and links alive: redirects from old addresses, and the
results of checking the outside links editors entered."""

from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_PATH = 300  # Redirect.old_path's length
MAX_DEPTH = 12


class RedirectQuerySet(models.QuerySet):
    def for_path(self, path: str):
        """The redirect serving ``path``: one whose old address is ``path`` itself or
        the longest of its leading segments (``/articles/old/`` also moves
        ``/articles/old/comments/feed/``). One query; None if there is none."""
        if len(path) > MAX_PATH or path.count("/") > MAX_DEPTH:
            return None  # longer than any stored address: nothing to look up
        if "\x00" in path:
            return None  # no stored address holds a NUL, and PostgreSQL refuses one in a query
        prefixes, position = [], 0
        while (position := path.find("/", position + 1)) != -1:
            prefixes.append(path[: position + 1])
        if path not in prefixes:
            prefixes.append(path)
        found = list(self.filter(old_path__in=prefixes))
        if not found:
            return None
        best = max(found, key=lambda redirect: len(redirect.old_path))
        return best.new_path + path[len(best.old_path) :]


class Redirect(models.Model):
    """A permanent (301) redirect from an address readers may have saved.

    Made automatically when the slug of an article, actor, theme, author or claim
    changes, and when themes are merged. Chains are collapsed when a new one is
    made (A→B then B→C stores A→C and B→C), and an address in use again stops
    redirecting, so there are never loops.
    """

    old_path = models.CharField(_("old address"), max_length=300, unique=True)
    new_path = models.CharField(_("new address"), max_length=300)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    objects = RedirectQuerySet.as_manager()

    class Meta:
        ordering = ["old_path"]
        verbose_name = _("redirect")
        constraints = [
            models.CheckConstraint(condition=~models.Q(old_path=models.F("new_path")), name="redirect_not_to_itself"),
        ]
        verbose_name_plural = _("redirects")

    def __str__(self):
        return f"{self.old_path} → {self.new_path}"


class LinkCheck(models.Model):
    """The last check of one outside address (an article's original, a source marker's
    or a claim's source): ``manage.py check_links`` and its scheduled task fill it."""

    url = models.URLField(_("address"), max_length=500, unique=True)
    ok = models.BooleanField(_("working"), null=True, help_text=_("Empty until the address is first checked."))
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    error = models.CharField(_("problem"), max_length=300, blank=True)
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True, db_index=True)
    used_by = models.CharField(
        _("used by"), max_length=300, blank=True, help_text=_("Where editors entered this address.")
    )

    class Meta:
        ordering = ["url"]
        verbose_name = _("link check")
        verbose_name_plural = _("link checks")

    def __str__(self):
        return self.url
