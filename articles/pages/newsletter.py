"""``/newsletter/``: sign up for the digest, confirm, unsubscribe, see or delete your data.

Every sign-up (and every request for a data link) gets the same answer,
whether the address is subscribed or not: "check your inbox". Nothing is
stored until the owner of the address follows the confirmation link.

Links from mail open a page with a button (mail scanners follow links, not
forms). The unsubscribe address also takes the one-click POST of RFC 8058
from mail programs, which carries no CSRF cookie: the signed link is the
authority there, so that view is exempt from CSRF.
"""

import json

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt

from articles.comments import ratelimit
from articles.comments.services import hash_client_ip
from articles.newsletter import services, tokens
from articles.newsletter.forms import DataRequestForm, SignupForm
from kzportal.clientaddr import client_address
from kzportal.formguard import form_endpoint

MAX_BODY_BYTES = 64 * 1024
TOO_MANY = _("Several requests came from your connection in a short time. Please wait a while and try again.")
LINK_PROBLEMS = {
    tokens.BAD: _("This link is not complete or was changed. Please copy the whole link from the e-mail."),
    tokens.EXPIRED: _("This link has expired. Please sign up again to get a new one."),
}
DATA_LINK_PROBLEMS = {
    **LINK_PROBLEMS,
    tokens.EXPIRED: _("This link has expired. Ask for a new one below."),
}


def _crumbs(label):
    return [(_("Newsletter"), reverse("newsletter:signup")), (label, "")]


def _allowed(request) -> bool:
    rate = ratelimit.parse_rate(settings.KZ_NEWSLETTER_RATE)
    return ratelimit.hit(hash_client_ip(client_address(request)), rate=rate, scope="newsletter")


def _link_problem(request, problem, *, status=400, data_link=False):
    messages = DATA_LINK_PROBLEMS if data_link else LINK_PROBLEMS
    return render(request, "newsletter/link_problem.html", {
        "message": messages[problem.code], "data_link": data_link, "crumbs": _crumbs(_("Link not valid")),
        "form": DataRequestForm() if data_link else None,
    }, status=status)


@form_endpoint(max_bytes=MAX_BODY_BYTES, methods=("GET", "HEAD", "POST"))
def signup(request):
    """GET: the form. POST: the same "check your inbox" answer for any valid address."""
    if request.method == "POST":
        form = SignupForm(request.POST)
        if not form.is_valid():
            return render(request, "newsletter/signup.html", {"form": form.with_fresh_token(), "crumbs": _crumbs(_("Sign up"))}, status=400)
        if not _allowed(request):
            form.add_error(None, TOO_MANY)
            return render(request, "newsletter/signup.html", {"form": form.with_fresh_token(), "crumbs": _crumbs(_("Sign up"))}, status=429)
        if not form.honeypot_filled:
            data = form.cleaned_data
            services.request_subscription(
                email=data["email"], frequency=data["frequency"], everything=data["scope"] == SignupForm.EVERYTHING,
                themes=data["themes"], actors=data["actors"], language=translation.get_language(),
            )
        return redirect("newsletter:sent")
    return render(request, "newsletter/signup.html", {"form": SignupForm(), "crumbs": [(_("Newsletter"), "")]})


def sent(request):
    return render(request, "newsletter/sent.html", {"crumbs": _crumbs(_("Check your inbox"))})


@form_endpoint(max_bytes=MAX_BODY_BYTES, methods=("GET", "HEAD", "POST"))
def confirm(request, token):
    try:
        data = tokens.read_confirm_token(token)
    except tokens.LinkProblem as problem:
        return _link_problem(request, problem)
    if request.method == "POST":
        services.confirm_subscription(token=token)
        return render(request, "newsletter/confirmed.html", {"crumbs": _crumbs(_("Subscribed"))})
    return render(request, "newsletter/confirm.html", {"email": data["e"], "crumbs": _crumbs(_("Confirm"))})


@csrf_exempt
@form_endpoint(max_bytes=MAX_BODY_BYTES, methods=("GET", "HEAD", "POST"),
               content_types=("application/x-www-form-urlencoded", "multipart/form-data"))
def unsubscribe(request, token):
    """GET: a page with the button. POST (the button, or a mail program's one-click): done."""
    try:
        tokens.read_unsubscribe_token(token)
    except tokens.LinkProblem as problem:
        return _link_problem(request, problem)
    if request.method == "POST":
        services.unsubscribe(token=token)
        return render(request, "newsletter/unsubscribed.html", {"crumbs": _crumbs(_("Unsubscribed"))})
    return render(request, "newsletter/unsubscribe.html", {"token": token, "crumbs": _crumbs(_("Unsubscribe"))})


def _subscriber_or_problem(request, token):
    try:
        return services.subscriber_for_data(token=token), None
    except tokens.LinkProblem as problem:
        return None, _link_problem(request, problem, data_link=True)


def data(request, token):
    subscriber, problem = _subscriber_or_problem(request, token)
    if problem:
        return problem
    return render(request, "newsletter/data.html", {
        "subscriber": subscriber, "token": token, "crumbs": _crumbs(_("Your data")),
    })


def data_download(request, token):
    subscriber, problem = _subscriber_or_problem(request, token)
    if problem:
        return problem
    payload = services.subscriber_data(subscriber) if subscriber else {}
    response = HttpResponse(json.dumps(payload, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="newsletter-data.json"'
    response["Cache-Control"] = "no-store"
    return response


@form_endpoint(max_bytes=MAX_BODY_BYTES)
def data_delete(request, token):
    subscriber, problem = _subscriber_or_problem(request, token)
    if problem:
        return problem
    if subscriber is not None:
        services.delete_subscriber(subscriber=subscriber)
    return render(request, "newsletter/unsubscribed.html", {"deleted": True, "crumbs": _crumbs(_("Data deleted"))})


@form_endpoint(max_bytes=MAX_BODY_BYTES, methods=("GET", "HEAD", "POST"))
def data_request(request):
    """Ask for a link to your data: mailed if the address is subscribed; the same answer either way."""
    if request.method == "POST":
        form = DataRequestForm(request.POST)
        if not form.is_valid():
            return render(request, "newsletter/data_request.html", {"form": form.with_fresh_token(), "crumbs": _crumbs(_("Your data"))}, status=400)
        if not _allowed(request):
            form.add_error(None, TOO_MANY)
            return render(request, "newsletter/data_request.html", {"form": form.with_fresh_token(), "crumbs": _crumbs(_("Your data"))}, status=429)
        if not form.honeypot_filled:
            services.request_data_link(email=form.cleaned_data["email"], language=translation.get_language())
        return redirect("newsletter:sent")
    return render(request, "newsletter/data_request.html", {"form": DataRequestForm(), "crumbs": _crumbs(_("Your data"))})
