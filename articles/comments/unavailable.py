"""
A comment sent while the database is unavailable is not lost.

The endpoint is wrapped so that a refused, hung or locked database (anything
``kzportal.resilience.is_unavailable`` recognises) shows the comment form
again, filled in with what the reader sent, with a "please try again"
message and a 503 with ``Retry-After``. Nothing here touches the database:
the article may not even be readable, so the page names it by its address,
and the reader's own signed form token goes back into the form (it is still
valid for a day), so sending again works as soon as the database is back.
"""

import functools
import logging

from django.conf import settings
from django.forms.utils import ErrorDict, ErrorList
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext, gettext_noop

from kzportal import resilience

from .forms import CommentForm

logger = logging.getLogger(__name__)

TRY_AGAIN = gettext_noop(
    "We could not store your comment just now because the site is busy. Nothing you typed has "
    "been lost: please send it again in a minute."
)


def retry_form_page(request, slug):
    data = request.POST.copy()
    data["website"] = ""
    form = CommentForm(data, article=None)
    # Not validated (that needs the article): only the one message to show.
    form._errors = ErrorDict({"__all__": ErrorList([gettext(TRY_AGAIN)])})
    response = render(
        request,
        "articles/comment_unavailable.html",
        {"form": form, "action": reverse("comments:post", kwargs={"slug": slug}), "slug": slug},
        status=503,
    )
    response["Retry-After"] = str(settings.KZ_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


def keep_text_when_unavailable(view):
    @functools.wraps(view)
    def wrapper(request, slug, *args, **kwargs):
        try:
            return view(request, slug, *args, **kwargs)
        except Exception as exc:
            if not resilience.is_unavailable(exc):
                raise
            logger.warning("Comment on %s not stored, database unavailable: %s: %s", slug, type(exc).__name__, exc)
            resilience.drop_connections()
            return retry_form_page(request, slug)

    return wrapper
