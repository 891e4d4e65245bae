"""``POST /articles/<slug>/rating/``: a reader's vote, then back to the article (PRG).

Refusals say why on a small page with a link back (400 bad form, 429 too many);
nothing is stored. Only urlencoded posts of at most 4 kB (``kzportal.formguard``).
"""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from articles.comments import ratelimit
from articles.comments.services import hash_client_ip
from articles.models import Article
from kzportal.clientaddr import client_address
from kzportal.formguard import form_endpoint

from . import services
from .forms import RatingForm


def _refused(request, article, message, status):
    return render(request, "articles/rating_refused.html", {"article": article, "message": message}, status=status)


@form_endpoint(max_bytes=4096)
def post_rating(request, slug):
    article = get_object_or_404(Article.objects.published(), slug=slug)
    form = RatingForm(request.POST, article=article)
    if not form.is_valid():
        message = " ".join(str(error) for errors in form.errors.values() for error in errors)
        return _refused(request, article, message, 400)
    ip = client_address(request)
    rate = ratelimit.parse_rate(settings.KZ_RATING_RATE)
    if not ratelimit.hit(hash_client_ip(ip), rate=rate, scope="rating"):
        return _refused(request, article, _("Several ratings came from your connection in a short time. "
                                            "Please wait a while and rate this article again."), 429)
    score = form.cleaned_data["score"]
    _vote, created = services.cast_vote(article=article, score=score, client_ip=ip)
    if created:
        messages.success(request, _("Thank you: your rating (%(score)d of 5) is recorded.") % {"score": score})
    else:
        messages.success(request, _("Your rating is now %(score)d of 5; it replaces your earlier one.") % {"score": score})
    return redirect(f"{article.get_absolute_url()}#rating")
