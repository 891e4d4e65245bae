"""
The comment endpoint: ``POST /articles/<slug>/comments/``.

POST/redirect/GET: a stored comment redirects to the article's ``#comment-sent``,
the confirmation shown in the comments section where the reader lands;
every refusal re-shows the form on ``articles/comment_form.html`` with the
reader's text kept and the reason next to the field (400), or says plainly why
not (403 closed, 404 unpublished, 429 too many).

Before CSRF or anything else reads the body (``kzportal.formguard``): only
POST (405), only ``application/x-www-form-urlencoded`` (415: no multipart
uploads; a small multipart post is read only to show its text back) and at
most ``MAX_BODY_BYTES`` (413). The cap is far above what the
form's 5000 characters can take, so a comment that is merely too long is read
and shown back with its text; only an enormous post is refused unread, and
then the reader's text is still in the form they sent it from.

Each form token sends one comment (``UsedFormToken``); sending the same
comment again lands on the stored one, a different one needs a fresh form.

Client address: ``kzportal.clientaddr.client_address`` (``REMOTE_ADDR``, or
the X-Forwarded-For hop added by a proxy listed in ``KZ_TRUSTED_PROXIES``).
A database that is unavailable shows the form again with the reader's text
(``unavailable.keep_text_when_unavailable``, 503).
"""

from django.contrib import messages
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.forms.utils import ErrorDict
from django.http import Http404
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext, gettext_noop
from django.views.decorators.http import require_POST

from articles.models import Article
from kzportal.clientaddr import client_address
from kzportal.formguard import form_endpoint

from . import ratelimit, services
from .forms import TOKEN_USED, CommentForm
from .unavailable import keep_text_when_unavailable

# 5000 characters at up to 9 bytes each once percent-encoded, plus the other
# fields, is under 50 kB; anything past this is not a person's comment form.
MAX_BODY_BYTES = 256 * 1024

THANKS = gettext_noop("Thank you — your comment was received and is awaiting moderation.")
CLOSED = gettext_noop("Comments are closed on this article, so your comment was not sent. Your text is shown below so you can keep a copy.")
CSRF_EXPIRED = gettext_noop(
    "Your comment was not sent because this page had expired or your browser blocked its security "
    "cookie. Your text is kept below: please send it again."
)
TOO_MANY = gettext_noop(
    "You have sent several comments in a short time. Please wait a while and send this one again; "
    "your text is kept below."
)


# The confirmation is shown inside the comments section (includes/comments.html), where
# the redirect lands: the reader sees it without scrolling and focus moves to it.
SENT_TAG = "comment-sent"
SENT_ANCHOR = "comment-sent"


def _thanks(request, article):
    messages.success(request, gettext(THANKS), extra_tags=SENT_TAG)
    return redirect(f"{article.get_absolute_url()}#{SENT_ANCHOR}")


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


REFUSED = {
    405: gettext_noop("Comments are sent with the form under an article."),
    413: gettext_noop(
        "Your comment was not read: it is far longer than a comment may be (5000 characters). "
        "Your text is still in the form you sent it from: go back, shorten it and send it again."
    ),
    415: gettext_noop(
        "Your comment was not read: this form only takes the text fields of the comment form, not files. "
        "Your text is still in the form you sent it from: go back and send it again."
    ),
    400: gettext_noop("Your comment could not be read. Go back and send it again."),
}


NOT_A_FORM_POST = gettext_noop(
    "Your comment was not sent: it did not arrive as an ordinary form submission (no files can be "
    "sent with a comment). Your text is kept below: please send it again."
)
MULTIPART = "multipart/form-data"


def refused(request, status, message, view_kwargs):
    """A refusal before the body was read: say why, and where the reader's text still is.

    A multipart post (a form with an ``enctype`` of its own, a script) that is within
    the size cap is read after all, only to show its text fields back in the comment
    form; nothing is stored and no file is kept. Anything larger stays unread."""
    article = Article.objects.published().filter(slug=view_kwargs.get("slug", "")).first()
    if status == 415 and article is not None and request.content_type == MULTIPART and _within_cap(request):
        try:
            fields = {name: request.POST.get(name, "") for name in ("name", "email", "body")}
        except (MultiPartParserError, SuspiciousOperation):
            fields = None  # not even readable as multipart
        if fields and any(fields.values()):  # otherwise: the page below says where the text is
            form = CommentForm(fields, article=article)
            form.is_valid()
            form = form.with_fresh_token()
            form._errors = ErrorDict()  # only the reason below, not "required" for what was left empty
            form.add_error(None, gettext(NOT_A_FORM_POST))
            return _form_page(request, article, form, status=415)
    return render(
        request,
        "articles/comment_refused.html",
        {"article": article, "message": gettext(REFUSED.get(status, message))},
        status=status,
    )


def _within_cap(request) -> bool:
    try:
        return 0 < int(request.META.get("CONTENT_LENGTH") or 0) <= MAX_BODY_BYTES
    except ValueError:
        return False


@form_endpoint(max_bytes=MAX_BODY_BYTES, on_refusal=refused)
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
        return _thanks(request, article)

    if services.form_token_used(form.nonce):
        form.add_error(None, gettext(TOKEN_USED))
        return _form_page(request, article, form.with_fresh_token(), status=400)

    ip = client_ip(request)
    if not ratelimit.hit(services.hash_client_ip(ip)):
        form.add_error(None, gettext(TOO_MANY))
        return _form_page(request, article, form.with_fresh_token(), status=429)

    try:
        services.submit_comment(
            article=article,
            name=data["name"],
            email=data["email"],
            body=data["body"],
            client_ip=ip,
            admin_base_url=request.build_absolute_uri("/").rstrip("/"),
            form_nonce=form.nonce,
        )
    except ValidationError as error:
        if getattr(error, "code", None) == "unpublished":
            raise Http404 from error
        if getattr(error, "code", None) == "closed":
            return _closed_page(request, article, form)
        if getattr(error, "code", None) == "token_used":
            form.add_error(None, gettext(TOKEN_USED))
            return _form_page(request, article, form.with_fresh_token(), status=400)
        # Model validation the form did not catch: show it next to the fields.
        for field, field_errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
        return _form_page(request, article, form.with_fresh_token(), status=400)

    return _thanks(request, article)


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
            form.add_error(None, gettext(CSRF_EXPIRED))
            return _form_page(request, article, form, status=403)
    return render(request, "403_csrf.html", status=403)
