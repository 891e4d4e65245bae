"""
The comment endpoint: ``POST /articles/<slug>/comments/``.

POST/redirect/GET: a stored comment redirects to the article with a message;
every refusal re-shows the form on ``articles/comment_form.html`` with the
reader's text kept and the reason next to the field (400), or says plainly why
not (403 closed, 404 unpublished, 429 too many). Only POST is allowed (405).

Client address: ``kzportal.clientaddr.client_address`` (``REMOTE_ADDR``, or
the X-Forwarded-For hop added by a proxy listed in ``KZ_TRUSTED_PROXIES``).
A database that is unavailable shows the form again with the reader's text
(``unavailable.keep_text_when_unavailable``, 503).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from articles.models import Article
from kzportal.clientaddr import client_address

from . import ratelimit, services
from .forms import CommentForm
from .unavailable import keep_text_when_unavailable

THANKS = "Thank you — your comment was received and is awaiting moderation."
CLOSED = "Comments are closed on this article, so your comment was not sent. Your text is shown below so you can keep a copy."
CSRF_EXPIRED = (
    "Your comment was not sent because this page had expired or your browser blocked its security "
    "cookie. Your text is kept below: please send it again."
)
TOO_MANY = (
    "You have sent several comments in a short time. Please wait a while and send this one again; "
    "your text is kept below."
)


def client_ip(request) -> str:
    return client_address(request)


def _form_page(request, article, form, *, status):
    return render(request, "articles/comment_form.html", {"article": article, "form": form}, status=status)


def _closed_page(request, article, form):
    """Comments are closed: nothing is stored; the reader's text is shown back to copy,
    cleaned as the form cleans it (control characters out, NFC) but never cut short."""
    kept_text = form.fields["body"].to_python(form.data.get("body", ""))
    return render(
        request,
        "articles/comment_form.html",
        {"article": article, "form": form, "closed": True, "kept_text": kept_text},
        status=403,
    )


@require_POST
@keep_text_when_unavailable
def post_comment(request, slug):
    article = get_object_or_404(Article.objects.published(), slug=slug)
    form = CommentForm(request.POST, article=article)

    if not article.comments_open:
        return _closed_page(request, article, form)

    if not form.is_valid():
        return _form_page(request, article, form.with_fresh_token(), status=400)

    data = form.cleaned_data
    resent = {key: data[key] for key in ("name", "email", "body")}
    if services.is_resubmission(article=article, **resent):
        # A double click or a resent form: the comment is already stored, and
        # must not use up the reader's allowance a second time.
        messages.success(request, THANKS)
        return redirect(f"{article.get_absolute_url()}#comments")

    ip = client_ip(request)
    if not ratelimit.hit(services.hash_client_ip(ip)):
        form.add_error(None, TOO_MANY)
        return _form_page(request, article, form.with_fresh_token(), status=429)

    try:
        services.submit_comment(
            article=article,
            name=data["name"],
            email=data["email"],
            body=data["body"],
            client_ip=ip,
            admin_base_url=request.build_absolute_uri("/").rstrip("/"),
        )
    except ValidationError as error:
        if getattr(error, "code", None) == "unpublished":
            raise Http404 from error
        if getattr(error, "code", None) == "closed":
            return _closed_page(request, article, form)
        # Model validation the form did not catch: show it next to the fields.
        for field, field_errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
        return _form_page(request, article, form.with_fresh_token(), status=400)

    messages.success(request, THANKS)
    return redirect(f"{article.get_absolute_url()}#comments")


def csrf_failure(request, reason=""):
    """A refused CSRF check (expired page, blocked cookies) must not lose a comment.

    On the comment endpoint, show the comment form again with the reader's
    text and a fresh token, explaining what happened; elsewhere, a plain page
    in the site's layout. Always 403: nothing is stored.
    """
    match = getattr(request, "resolver_match", None)
    if match is None:
        from django.urls import Resolver404, resolve

        try:
            match = resolve(request.path_info)
        except Resolver404:
            match = None
    if match is not None and match.view_name == "comments:post":
        article = Article.objects.published().filter(slug=match.kwargs.get("slug")).first()
        if article is not None:
            form = CommentForm(request.POST, article=article)
            form.is_valid()
            form = form.with_fresh_token()
            form.add_error(None, CSRF_EXPIRED)
            return _form_page(request, article, form, status=403)
    return render(request, "403_csrf.html", status=403)
