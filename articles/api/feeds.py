"""The ClaimReview data feed (``/api/v1/claimreview/``): every claim with a verdict as
a schema.org ``DataFeed`` whose elements are the same ``ClaimReview`` objects the claim
pages carry as JSON-LD (``articles.pages.jsonld.claim_page``, the one builder), with the
reviewed ``Claim`` embedded. Fixed number of queries (``Claim.objects.for_detail()``).
"""

from django.conf import settings
from django.urls import reverse

from articles.models import Claim
from articles.pages import jsonld


def claim_reviews(request):
    """[(claim, ClaimReview dict)] for every assessed claim, oldest id first."""
    reviews = []
    for claim in Claim.objects.exclude(verdict="").for_detail().order_by("pk"):
        graph = jsonld.claim_page(claim, request)["@graph"]
        claim_ld = next(node for node in graph if node["@type"] == "Claim")
        review = next(node for node in graph if node["@type"] == "ClaimReview")
        review = {**review, "itemReviewed": claim_ld}
        reviews.append((claim, review))
    return reviews


def claim_review_feed(request):
    reviews = claim_reviews(request)
    modified = max((claim.updated_at for claim, _ in reviews), default=None)
    feed = {
        "@context": jsonld.SCHEMA,
        "@type": "DataFeed",
        "name": f"{settings.KZ_SITE_NAME} fact checks",
        "url": request.build_absolute_uri(reverse("api:claimreview")),
        "publisher": jsonld.site_organisation(request),
        "dataFeedElement": [review for _, review in reviews],
    }
    if modified is not None:
        feed["dateModified"] = modified.isoformat()
    return feed
