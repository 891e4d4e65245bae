"""
Old addresses keep working: when the slug of an article, actor, theme, author or
claim changes, its old addresses (its page and its feed, and what lies under them) answer
with a permanent redirect to the new one.

* ``record_move`` stores one redirect, collapsing chains and never making loops;
* the ``pre_save``/``post_save`` signals below call it for every path that saves
  (admin forms, reverts, imports, the shell);
* ``RedirectFallbackMiddleware`` answers a 404 with the redirect, if there is one:
  pages that exist never look at the table.
"""

from urllib.parse import unquote

from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.http import HttpResponsePermanentRedirect
from django.urls import reverse

from actors.models import Actor

from .models import Article, Author, Claim, Redirect, Theme

# The addresses each kind of page has, by URL name (each takes ``slug``); what lies
# under them (``…/atom/``, ``…/comments/``) follows by prefix.
ADDRESSES = {
    Article: ["articles:detail", "comments:feed"],
    Actor: ["actors:detail", "feeds:actor"],
    Theme: ["themes:detail", "feeds:theme"],
    Author: ["authors:detail", "feeds:author"],
    Claim: ["claims:detail"],
}


def _path(url: str) -> str:
    return unquote(url)


@transaction.atomic
def record_move(*, old_path: str, new_path: str, reason: str = "") -> Redirect | None:
    """Redirect ``old_path`` to ``new_path`` permanently.

    Redirects that led to ``old_path`` now lead straight to ``new_path`` (no
    chains); a redirect *from* ``new_path`` is dropped, since that address is
    in use again (no loops).
    """
    old_path, new_path = _path(old_path), _path(new_path)
    if old_path == new_path:
        return None
    Redirect.objects.filter(old_path=new_path).delete()
    Redirect.objects.filter(new_path=old_path).update(new_path=new_path)
    redirect, _created = Redirect.objects.update_or_create(
        old_path=old_path, defaults={"new_path": new_path, "reason": reason[:200]}
    )
    return redirect


def _remember_old_address(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    old_slug = sender._default_manager.filter(pk=instance.pk).values_list("slug", flat=True).first()
    instance._kz_old_slug = old_slug if old_slug not in (None, instance.slug) else None


def record_slug_change(*, model, old_slug: str, new_slug: str, reason: str = "") -> None:
    """Redirect every address of a ``model`` object from ``old_slug`` to ``new_slug``."""
    for name in ADDRESSES[model]:
        record_move(
            old_path=reverse(name, kwargs={"slug": old_slug}),
            new_path=reverse(name, kwargs={"slug": new_slug}),
            reason=reason,
        )


def _redirect_old_address(sender, instance, created=False, raw=False, **kwargs):
    old_slug = getattr(instance, "_kz_old_slug", None)
    if raw or created or not old_slug:
        return
    instance._kz_old_slug = None
    record_slug_change(
        model=sender, old_slug=old_slug, new_slug=instance.slug, reason=f"{sender._meta.verbose_name} address changed"
    )


def connect():
    for model in ADDRESSES:
        pre_save.connect(_remember_old_address, sender=model, dispatch_uid=f"kz-redirect-pre-{model.__name__}")
        post_save.connect(_redirect_old_address, sender=model, dispatch_uid=f"kz-redirect-post-{model.__name__}")


class RedirectFallbackMiddleware:
    """Answer a GET or HEAD that found nothing (404) with the permanent redirect stored
    for its address, keeping the query string. One query, only on 404s."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        if request.path.startswith("/admin/"):
            return response
        target = Redirect.objects.for_path(request.path)
        if target is None or target == request.path:
            return response
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(target + (f"?{query}" if query else ""))
