"""Reference pages: actors, themes, authors, publications, claims and the timeline.

Thin views over the plans in ``reference_queries`` (a fixed number of queries
per page, published commentary only). Every page fills the base layout's
title, description, breadcrumbs and JSON-LD through ``ReferencePageMixin``.
"""


from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.views.generic import TemplateView

from actors.models import Actor, ActorRelation

from . import reference_queries as rq
from . import seo
from .models import Claim
from .reference_filters import ClaimFilter
from .svg import Edge, Node, TimelineItem, actor_network_svg, period_end, timeline_svg

SCHEMA = "https://schema.org"
NETWORK_LIMIT = 24  # neighbours drawn in the actor picture (all are listed in text)
CLAIMS_PER_PAGE = 30

KIND_PLURALS = {
    Actor.Kind.COUNTRY: "Countries",
    Actor.Kind.ORGANISATION: "Organisations",
    Actor.Kind.PERSON: "People",
    Actor.Kind.GROUP: "Groups",
    Actor.Kind.PLACE: "Places",
}

# For ClaimReview's Rating: 5 = supported … 1 = false; alternateName carries the label.
VERDICT_RATINGS = {
    Claim.Verdict.SUPPORTED: 5,
    Claim.Verdict.PARTLY_SUPPORTED: 4,
    Claim.Verdict.DISPUTED: 3,
    Claim.Verdict.UNSUPPORTED: 2,
    Claim.Verdict.MISLEADING: 2,
    Claim.Verdict.FALSE: 1,
}



class ReferencePageMixin:
    """What every reference page shares: unknown objects are a 404, and the
    context carries ``crumbs``, ``page_title``, ``page_description`` and ``jsonld``.

    Subclasses implement ``page_context(**kwargs)`` (the data) and may
    override ``crumbs``/``jsonld``.
    """

    section: tuple[str, str] | None = None  # (label, URL name) of the list page above

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            context.update(self.page_context(**kwargs))
        except ObjectDoesNotExist as missing:
            raise Http404("No such page.") from missing
        context["crumbs"] = self.crumbs(context)
        context["jsonld"] = self.jsonld(context)
        return context

    def page_context(self, **kwargs):
        return {}

    def crumbs(self, context):
        crumbs = []
        if self.section:
            label, name = self.section
            crumbs.append((label, reverse(name)))
        crumbs.append((context.get("page_title", ""), ""))
        return crumbs

    def jsonld(self, context):
        return None

    def absolute(self, path):
        return self.request.build_absolute_uri(path)


class ReferenceListMixin(ReferencePageMixin):
    """List pages: JSON-LD ``CollectionPage`` whose ``mainEntity`` lists what the page lists.

    Subclasses implement ``list_items(context)`` → [(name, path)].
    """

    def list_items(self, context):
        return []

    def jsonld(self, context):
        return {
            "@context": SCHEMA,
            "@type": "CollectionPage",
            "name": context["page_title"],
            "description": context["page_description"],
            "url": self.absolute(self.request.path),
            "mainEntity": {
                "@type": "ItemList",
                "itemListElement": [
                    {"@type": "ListItem", "position": position, "name": name, "url": self.absolute(path)}
                    for position, (name, path) in enumerate(self.list_items(context), start=1)
                ],
            },
        }


def article_ld(request, article):
    data = {"@type": "Article", "headline": article.title, "url": request.build_absolute_uri(article.get_absolute_url())}
    if article.date_iso:
        data["datePublished"] = article.date_iso
    if article.publication_id:
        data["publisher"] = {"@type": "Organization", "name": article.publication.name}
    return data


def first_appearance(articles):
    """The earliest article, if its date (at its precision) ends before any other starts.

    A piece dated only "2022" may or may not precede one dated 15 January
    2022, and an undated piece may precede anything: then there is no answer.
    """
    if not articles or any(a.published_on is None for a in articles):
        return None
    first, *others = sorted(articles, key=lambda a: a.published_on)
    ends = period_end(first.published_on, first.published_on_precision)
    return first if all(other.published_on >= ends for other in others) else None


# --------------------------------------------------------------------------
# Actors
# --------------------------------------------------------------------------


class ActorListView(ReferenceListMixin, TemplateView):
    template_name = "reference/actor_list.html"

    def list_items(self, context):
        return [(a.name, a.get_absolute_url()) for _, _, members in context["groups"] for a in members]

    def page_context(self, **kwargs):
        return {
            "page_title": "Actors",
            "page_description": "The countries, organisations, people and groups in the commentary on the "
            "January 2022 Kazakhstan crisis, with how often published commentary mentions each.",
            "groups": [(KIND_PLURALS.get(kind, label), kind, members) for label, kind, members in rq.actor_index()],
        }


def relation_text(relation):
    """"Russia is a member of CSTO", saying when it ended or that it no longer holds."""
    if relation.end_date:
        return f"{relation} (until {date_format(relation.end_date, 'j F Y')})"
    return f"{relation} (no longer holds)" if relation.ended else str(relation)


def actor_network(page):
    """The actor picture: relations first (by kind, then name), then co-mentions (most shared first)."""
    actor = page.actor
    neighbours, edges, seen = [], [], {}

    def add(other_pk, name, slug, kind):
        if other_pk not in seen:
            seen[other_pk] = Node(str(other_pk), name, reverse("actors:detail", kwargs={"slug": slug}), kind)
            neighbours.append(seen[other_pk])

    for group in page.relation_groups:
        for other, relation in group.items:
            add(other.pk, other.name, other.slug, other.kind)
            edges.append(Edge(str(other.pk), "relation", relation_text(relation), ended=relation.ended))
    for row in page.co_mentions:
        add(row["actor__pk"], row["actor__name"], row["actor__slug"], row["actor__kind"])
        edges.append(Edge(str(row["actor__pk"]), "co-mention", weight=row["shared"]))

    drawn = neighbours[:NETWORK_LIMIT]
    desc = (
        f"{actor.name} in the centre, linked to {len(drawn)} actors"
        + (f" (the first {len(drawn)} of {len(neighbours)})" if len(neighbours) > len(drawn) else "")
        + ": solid lines are stated relations (dotted where they no longer hold), dashed lines join "
        "actors mentioned in the same "
        "published commentary, thicker for more articles. The same information follows as a list."
    )
    return actor_network_svg(
        Node(str(actor.pk), actor.name, "", actor.kind),
        drawn,
        edges,
        id_prefix="actor-network",
        title=f"{actor.name}: relations and co-mentions",
        desc=desc,
    )


class ActorDetailView(ReferencePageMixin, TemplateView):
    template_name = "reference/actor_detail.html"
    section = ("Actors", "actors:list")

    def page_context(self, slug, **kwargs):
        page = rq.actor_page(slug)
        actor = page.actor
        description = actor.description or (
            f"{actor.name}{', ' + actor.role if actor.role else ''}: who they are in the January 2022 "
            "Kazakhstan crisis, what they claimed and what commentary says about them."
        )
        return {
            "page": page,
            "actor": actor,
            "page_title": actor.name,
            "page_description": description,
            "network_svg": actor_network(page),
        }

    def jsonld(self, context):
        page = context["page"]
        actor = page.actor
        data = {"@context": SCHEMA, **seo.actor_thing(actor, self.request)}
        if actor.description:
            data["description"] = actor.description
        aliases = [alias.name for alias in actor.aliases.all()]
        if aliases:
            data["alternateName"] = aliases
        if actor.wikidata_id:
            data["sameAs"] = [actor.wikidata_url]
        if actor.kind == Actor.Kind.PERSON and actor.role:
            data["jobTitle"] = actor.role
        # Current memberships only: "out" = organisations it belongs to, "in" = its members.
        current = {
            direction: [
                seo.actor_thing(other, self.request)
                for group in page.relation_groups
                if group.direction == direction and group.kind == ActorRelation.Kind.MEMBER_OF
                for other, relation in group.items
                if not relation.ended
            ]
            for direction in ("out", "in")
        }
        if data["@type"] in ("Person", "Organization") and current["out"]:
            data["memberOf"] = current["out"]
        if data["@type"] == "Organization" and current["in"]:
            data["member"] = current["in"]
        return data


# --------------------------------------------------------------------------
# Themes, authors, publications
# --------------------------------------------------------------------------


class ThemeListView(ReferenceListMixin, TemplateView):
    template_name = "reference/theme_list.html"

    def list_items(self, context):
        return [(t.name, t.get_absolute_url()) for t in context["themes"]]

    def page_context(self, **kwargs):
        return {
            "page_title": "Themes",
            "page_description": "The questions the commentary on the January 2022 Kazakhstan crisis keeps "
            "returning to, each with its articles, claims and events.",
            "themes": list(rq.theme_index()),
        }


class ThemeDetailView(ReferencePageMixin, TemplateView):
    template_name = "reference/theme_detail.html"
    section = ("Themes", "themes:list")

    def page_context(self, slug, **kwargs):
        page = rq.theme_page(slug)
        return {
            "page": page,
            "theme": page.theme,
            "page_title": page.theme.name,
            "page_description": page.theme.description
            or f"Commentary, claims and events on {page.theme.name} in the January 2022 Kazakhstan crisis.",
        }

    def jsonld(self, context):
        page = context["page"]
        return {
            "@context": SCHEMA,
            "@type": "CollectionPage",
            "name": page.theme.name,
            "description": page.theme.description,
            "url": self.absolute(page.theme.get_absolute_url()),
            "hasPart": [article_ld(self.request, a) for a in page.articles],
        }


class AuthorDetailView(ReferencePageMixin, TemplateView):
    template_name = "reference/author_detail.html"

    def page_context(self, slug, **kwargs):
        page = rq.author_page(slug)
        author = page.author
        social = author.public_social
        return {
            "page": page,
            "author": author,
            "social": social,
            "social_is_url": social.lower().startswith(("http://", "https://")),
            "page_title": author.name,
            "page_description": (
                f"{author.name}{' (' + author.affiliation + ')' if author.affiliation else ''}: "
                "commentary and claims on the January 2022 Kazakhstan crisis."
            ),
        }

    def crumbs(self, context):
        return [("Commentary", reverse("articles:list")), (context["page_title"], "")]

    def jsonld(self, context):
        author = context["author"]
        data = {
            "@context": SCHEMA,
            "@type": "Person",
            "name": author.name,
            "url": self.absolute(author.get_absolute_url()),
        }
        if author.affiliation:
            data["affiliation"] = {"@type": "Organization", "name": author.affiliation}
        if author.bio:
            data["description"] = author.bio
        if context["social_is_url"]:
            data["sameAs"] = [context["social"]]
        return data


class PublicationDetailView(ReferencePageMixin, TemplateView):
    template_name = "reference/publication_detail.html"

    def page_context(self, slug, **kwargs):
        page = rq.publication_page(slug)
        publication = page.publication
        return {
            "page": page,
            "publication": publication,
            "page_title": publication.name,
            "page_description": publication.description
            or f"Commentary on the January 2022 Kazakhstan crisis published by {publication.name}.",
        }

    def crumbs(self, context):
        return [("Commentary", reverse("articles:list")), (context["page_title"], "")]

    def jsonld(self, context):
        publication = context["publication"]
        data = {
            "@context": SCHEMA,
            "@type": "Organization",
            "name": publication.name,
            "url": self.absolute(publication.get_absolute_url()),
        }
        if publication.description:
            data["description"] = publication.description
        if publication.url:
            data["sameAs"] = [publication.url]
        return data


# --------------------------------------------------------------------------
# Claims
# --------------------------------------------------------------------------


class ClaimListView(ReferenceListMixin, TemplateView):
    template_name = "reference/claim_list.html"

    def list_items(self, context):
        return [(c.statement, c.get_absolute_url()) for c in context["claims"]]

    def page_context(self, **kwargs):
        claim_filter = ClaimFilter(self.request.GET, queryset=Claim.objects.for_index())
        notices = claim_filter.notices
        paginator = Paginator(claim_filter.qs, CLAIMS_PER_PAGE)
        raw_page = self.request.GET.get("page") or "1"
        # ASCII digits only: "²" and "①" are digits to str.isdigit() but not to int().
        number = int(raw_page) if raw_page.isascii() and raw_page.isdigit() and len(raw_page) < 10 else None
        if number is None or number < 1:
            if raw_page != "1":
                notices.append("That page number was not understood, so this is the first page.")
            number = 1
        elif number > paginator.num_pages:
            pages = paginator.num_pages
            notices.append(
                f"There {'is' if pages == 1 else 'are'} only {pages} page{'s' if pages != 1 else ''} "
                "of claims, so this is the last one."
            )
            number = paginator.num_pages
        page_obj = paginator.page(number)
        return {
            "filter": claim_filter,
            "page_obj": page_obj,
            "claims": page_obj.object_list,
            "notices": notices,
            "page_title": "Claims",
            "page_description": "What governments, leaders and experts claimed about the January 2022 "
            "Kazakhstan crisis, how commentary supports or disputes each claim, and our assessments.",
        }


class ClaimDetailView(ReferencePageMixin, TemplateView):
    template_name = "reference/claim_detail.html"
    section = ("Claims", "claims:list")

    def get(self, request, *args, **kwargs):
        try:
            claim, by_id = rq.claim_detail(kwargs["slug"])
        except Claim.DoesNotExist as missing:
            raise Http404("No such claim.") from missing
        if by_id:
            return redirect(claim, permanent=True)
        self.claim = claim
        return super().get(request, *args, **kwargs)

    def page_context(self, **kwargs):
        claim = self.claim
        for citation in claim.published_citations:
            citation.contribution = rq.contribution_for(citation)
        return {
            "claim": claim,
            "stance_groups": rq.group_citations(claim.published_citations),
            "cited_in": len({c.article_id for c in claim.published_citations}),
            "page_title": f"Claim: {claim.statement[:70]}{'…' if len(claim.statement) > 70 else ''}",
            "page_description": claim.statement,
        }

    def jsonld(self, context):
        claim = context["claim"]
        url = self.absolute(claim.get_absolute_url())
        articles = list({c.article_id: c.article for c in claim.published_citations}.values())
        appearances = [article_ld(self.request, article) for article in articles]
        claim_ld = {"@type": "Claim", "@id": f"{url}#claim", "text": claim.statement, "url": url}
        if claim.date_iso:
            claim_ld["datePublished"] = claim.date_iso
        if claim.claimant_actor_id:
            claim_ld["author"] = seo.actor_thing(claim.claimant_actor, self.request)
        elif claim.claimant_author_id:
            claim_ld["author"] = {
                "@type": "Person",
                "name": claim.claimant_author.name,
                "url": self.absolute(claim.claimant_author.get_absolute_url()),
            }
        if appearances:
            claim_ld["appearance"] = appearances
        first = first_appearance(articles)
        if first is not None:
            claim_ld["firstAppearance"] = article_ld(self.request, first)
        about = [seo.actor_thing(actor, self.request) for actor in claim.about.all()]
        if about:
            claim_ld["about"] = about
        graph = [claim_ld]
        if claim.verdict:
            graph.append(
                {
                    "@type": "ClaimReview",
                    "url": url,
                    "claimReviewed": claim.statement,
                    "itemReviewed": {"@id": f"{url}#claim"},
                    "author": seo.site_organisation(self.request),
                    "datePublished": claim.updated_at.date().isoformat(),
                    "reviewRating": {
                        "@type": "Rating",
                        "ratingValue": VERDICT_RATINGS.get(claim.verdict, 3),
                        "bestRating": 5,
                        "worstRating": 1,
                        "alternateName": claim.get_verdict_display(),
                        "ratingExplanation": claim.rationale,
                    },
                }
            )
        return {"@context": SCHEMA, "@graph": graph}


# --------------------------------------------------------------------------
# Timeline
# --------------------------------------------------------------------------


class TimelineView(ReferencePageMixin, TemplateView):
    template_name = "reference/timeline.html"

    def page_context(self, **kwargs):
        events = rq.timeline_events()
        visual = timeline_svg(
            [
                TimelineItem(e.date, e.date_precision, e.title, f"#event-{e.slug}", e.date_display)
                for e in events
            ],
            id_prefix="timeline-visual",
            title="Timeline of the January 2022 Kazakhstan crisis",
        )
        return {
            "events": events,
            "timeline_svg": visual,
            "page_title": "Timeline",
            "page_description": "What happened when in the January 2022 Kazakhstan crisis: events in date "
            "order, who was involved, and the commentary that discusses each.",
        }

    def jsonld(self, context):
        url = self.absolute(reverse("timeline"))
        return {
            "@context": SCHEMA,
            "@type": "ItemList",
            "name": "Timeline of the January 2022 Kazakhstan crisis",
            "url": url,
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": position,
                    "item": {
                        "@type": "Event",
                        "name": event.title,
                        "startDate": event.date_iso,
                        "url": f"{url}#event-{event.slug}",
                        **({"description": event.description} if event.description else {}),
                    },
                }
                for position, event in enumerate(context["events"], start=1)
            ],
        }
