"""``/claims/``: claims with filters, and each claim's page with every published
citation grouped by stance."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from articles.models import Citation, Claim, ClaimQuerySet

from . import jsonld
from .base import ListPageMixin, PageMixin, lenient_page
from .filters import ClaimFilter

CLAIMS_PER_PAGE = 30

STANCE_GROUP_LABELS = {
    "agree": _("Asserts or supports"),
    "report": _("Reports"),
    "dispute": _("Disputes or qualifies"),
}


@dataclass
class StanceGroup:
    key: str
    label: str
    citations: list[Citation]

    @property
    def count(self):
        return len(self.citations)


def group_citations(citations) -> list[StanceGroup]:
    """Citations in the three stance groups, always all three (empty ones too)."""
    groups = []
    for key, stances in ClaimQuerySet.STANCE_GROUPS.items():
        groups.append(
            StanceGroup(key, STANCE_GROUP_LABELS[key], [c for c in citations if c.stance in stances])
        )
    return groups


def claim_detail(key: str):
    """(claim, redirect) for a slug or a numeric id.

    A slug gives (claim, False); an id whose claim has another slug gives
    (claim, True) so the view can redirect. Raises ``Claim.DoesNotExist``.
    """
    plan = Claim.objects.for_detail()
    claim = plan.filter(slug=key).first()
    if claim is not None:
        return claim, False
    if key.isascii() and key.isdigit() and len(key) <= 18:
        return plan.get(pk=int(key)), True
    raise Claim.DoesNotExist(key)


def contribution_for(citation: Citation):
    """The round-up contribution a citation's quote comes from, if any (no query)."""
    anchor = citation.anchor or ""
    if not anchor.startswith("c") or "-" not in anchor:
        return None
    order = anchor[1:].split("-", 1)[0]
    for contribution in citation.article.contributions.all():
        if str(contribution.order) == order:
            return contribution
    return None


class ClaimListView(ListPageMixin, TemplateView):
    template_name = "claims/list.html"

    def list_items(self, context):
        return [(c.statement, c.get_absolute_url()) for c in context["claims"]]

    def page_context(self, **kwargs):
        claim_filter = ClaimFilter(self.request.GET, queryset=Claim.objects.for_index())
        notices = claim_filter.notices
        page_obj, notice = lenient_page(Paginator(claim_filter.qs, CLAIMS_PER_PAGE), self.request.GET.get("page"))
        if notice:
            notices.append(notice)
        return {
            "filter": claim_filter,
            "page_obj": page_obj,
            "claims": page_obj.object_list,
            "notices": notices,
            "page_title": _("Claims"),
            "page_description": _("What governments, leaders and experts claimed about the January 2022 "
                                  "Kazakhstan crisis, how commentary supports or disputes each claim, and our assessments."),
        }


class ClaimDetailView(PageMixin, TemplateView):
    template_name = "claims/detail.html"
    section = (_("Claims"), "claims:list")

    def get(self, request, *args, **kwargs):
        try:
            claim, by_id = claim_detail(kwargs["slug"])
        except Claim.DoesNotExist as missing:
            raise Http404("No such claim.") from missing
        if by_id:
            return redirect(claim, permanent=True)
        self.claim = claim
        return super().get(request, *args, **kwargs)

    def page_context(self, **kwargs):
        claim = self.claim
        for citation in claim.published_citations:
            citation.contribution = contribution_for(citation)
        return {
            "claim": claim,
            "stance_groups": group_citations(claim.published_citations),
            "cited_in": len({c.article_id for c in claim.published_citations}),
            "passages": len(claim.published_citations),
            "page_title": gettext("Claim: %(statement)s")
            % {"statement": f"{claim.statement[:70]}{'…' if len(claim.statement) > 70 else ''}"},
            "page_description": claim.statement,
        }

    def jsonld(self, context):
        return jsonld.claim_page(context["claim"], self.request)
