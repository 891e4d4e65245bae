"""``/actors/``: every actor by kind, and each actor's page (relations, claims,
commentary mentioning it, events, co-mentioned actors, the network picture).

Query plans live beside their views; everything touching articles starts from
``Article.objects.published()``. They live here, not in ``actors`` (which never
imports ``articles``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, F, OuterRef, Q, Subquery, Sum
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from actors.models import Actor, ActorRelation
from articles import pagecache
from articles.images.models import image_of
from articles.models import Article, ArticleActor, Claim, Event
from articles.rendering.svg import Edge, Node, actor_network_svg

from . import jsonld
from .base import ListPageMixin, PagedSectionMixin, PageMixin, card_rows, paged

# How many co-mentioned actors an actor page shows (and draws).
CO_MENTION_LIMIT = 12
NETWORK_LIMIT = 24  # neighbours drawn in the actor picture (all are listed in text)

KIND_PLURALS = {
    Actor.Kind.COUNTRY: "Countries",
    Actor.Kind.ORGANISATION: "Organisations",
    Actor.Kind.PERSON: "People",
    Actor.Kind.GROUP: "Groups",
    Actor.Kind.PLACE: "Places",
}

# Headings for an actor's relations, seen from the subject and from the object:
# Russia "Member of" CSTO; on the CSTO page, "Members" lists Russia.
RELATION_HEADINGS = {
    ActorRelation.Kind.MEMBER_OF: (_("Member of"), _("Members")),
    ActorRelation.Kind.LEADER_OF: (_("Leads"), _("Led by")),
    ActorRelation.Kind.CHAIR_OF: (_("Chairs"), _("Chaired by")),
    ActorRelation.Kind.OFFICIAL_OF: (_("Holds office in"), _("Office holders")),
    ActorRelation.Kind.ALLY_OF: (_("Ally of"), _("Allies")),
    ActorRelation.Kind.PARTNER_OF: (_("Partner of"), _("Partners")),
}


def published_mentions():
    """Article–actor rows readers may see: published articles, not removed by an editor."""
    return ArticleActor.objects.mentioned().filter(article__in=Article.objects.published())


def actor_index():
    """Every actor with ``article_count`` (the one count rule, as GROUP BY) and ``mention_count``
    over published commentary. Three queries, kept until the next write. Returns [(kind label, kind, [actors])]
    in the order of ``Actor.Kind``."""
    def counted():
        articles = Article.objects.published().counts_per("actor")
        mentions = dict(
            published_mentions().values_list("actor").order_by().annotate(total=Sum("mentions"))
        )
        actors = list(Actor.objects.order_by("name"))
        for actor in actors:
            actor.article_count = articles.get(actor.pk, 0)
            actor.mention_count = mentions.get(actor.pk) or 0
        return actors

    actors = pagecache.remember("actor-index", counted, per_language=True)  # sorted by the translated name; kept until the next write
    groups = {kind: [] for kind in Actor.Kind.values}
    for actor in actors:
        groups.setdefault(actor.kind, []).append(actor)
    labels = dict(Actor.Kind.choices)
    return [(labels.get(kind, kind), kind, members) for kind, members in groups.items() if members]


@dataclass
class RelationGroup:
    heading: str
    kind: str
    direction: str  # "out": the actor is the subject; "in": it is the object
    items: list = field(default_factory=list)  # [(other actor, relation)]


@dataclass
class ActorPage:
    actor: Actor
    relation_groups: list[RelationGroup]
    claims_made: list[Claim]
    claims_about: list[Claim]
    articles: list[Article]
    events: list[Event]
    co_mentions: list[dict]
    article_page: object = None  # the Page of ``articles`` (number, count, links)
    notice: str | None = None


def actor_page(slug: str, page: str | None = None) -> ActorPage:
    """Everything an actor page shows, in ten queries; its commentary one page at a time.

    Raises ``Actor.DoesNotExist`` for an unknown slug.
    """
    actor = Actor.objects.for_detail().select_related("image").get(slug=slug)  # 2: actor (with its image), aliases

    relations = ActorRelation.objects.filter(Q(subject=actor) | Q(object=actor)).select_related(
        "subject", "object"
    )  # 1
    groups: dict[tuple[str, str], RelationGroup] = {}
    for relation in relations:
        direction = "out" if relation.subject_id == actor.pk else "in"
        other = relation.object if direction == "out" else relation.subject
        out_heading, in_heading = RELATION_HEADINGS.get(relation.kind, (relation.get_kind_display(),) * 2)
        key = (direction, relation.kind)
        group = groups.setdefault(
            key, RelationGroup(out_heading if direction == "out" else in_heading, relation.kind, direction)
        )
        group.items.append((other, relation))
    kind_order = list(ActorRelation.Kind.values)
    relation_groups = sorted(
        groups.values(), key=lambda g: (g.direction != "out", kind_order.index(g.kind))
    )
    for group in relation_groups:
        group.items.sort(key=lambda item: item[0].name)

    claims = list(Claim.objects.involving_actor(actor).for_list().with_stance_counts())  # 1
    claims_made = [c for c in claims if c.claimant_actor_id == actor.pk]
    claims_about = [c for c in claims if c.is_about]

    mentions = published_mentions().filter(actor=actor)
    # Selected by a join on the actor's own mention rows (index actor, mentions), not a subquery
    # per article; the page's twenty then read their mention count by key.
    shown_mentions = ArticleActor.objects.filter(actor=actor, article=OuterRef("pk")).values("mentions")[:1]
    article_page, notice = paged(
        Article.objects.published()
        .filter(ArticleActor.objects.mentioned_through("article_actors"), article_actors__actor=actor)  # one join
        .annotate(actor_mentions=F("article_actors__mentions"))
        .order_by("-actor_mentions", "-published_on", "-pk"),
        page,
        display=lambda rows: card_rows(rows).annotate(actor_mentions=Subquery(shown_mentions)),
    )  # 4: count, articles, authors, themes

    events = list(actor.events.order_by("date", "title"))  # 1

    def co_mentioned():
        return list(
            published_mentions()
            .filter(article__in=mentions.values("article"))
            .exclude(actor=actor)
            .values("actor__pk", "actor__name", "actor__slug", "actor__kind")
            .annotate(shared=Count("article", distinct=True), total_mentions=Sum("mentions"))
            .order_by("-shared", "-total_mentions", "actor__name")[:CO_MENTION_LIMIT]
        )

    # Reads every mention of the actor: kept until the next editorial write.
    co_mentions = pagecache.remember(f"co-mentions:{actor.pk}", co_mentioned)  # 1 (or 0)

    return ActorPage(
        actor, relation_groups, claims_made, claims_about, article_page.object_list, events, co_mentions,
        article_page, notice,
    )


class ActorListView(ListPageMixin, TemplateView):
    template_name = "actors/list.html"
    def list_items(self, context):
        return [(a.name, a.get_absolute_url()) for _, _, members in context["groups"] for a in members]

    def page_context(self, **kwargs):
        return {
            "page_title": _("Actors"),
            "page_description": _("The countries, organisations, people and groups in the commentary on the "
                                  "January 2022 Kazakhstan crisis, with how often published commentary mentions each."),
            "groups": [(KIND_PLURALS.get(kind, label), kind, members) for label, kind, members in actor_index()],
        }


def relation_text(relation):
    """"Russia is a member of CSTO", saying when it ended or that it no longer holds."""
    if relation.end_date:
        return gettext("{relation} (until {date})").format(relation=relation, date=date_format(relation.end_date, gettext("j F Y")))
    return gettext("{relation} (no longer holds)").format(relation=relation) if relation.ended else str(relation)


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
    desc = gettext(
        "{name} in the centre, linked to {count} actors{shown}: solid lines are stated relations (dotted where "
        "they no longer hold), dashed lines join actors mentioned in the same published commentary, thicker for "
        "more articles. The same information follows as a list."
    ).format(
        name=actor.name,
        count=len(drawn),
        shown=gettext(" (the first {count} of {total})").format(count=len(drawn), total=len(neighbours))
        if len(neighbours) > len(drawn) else "",
    )
    return actor_network_svg(
        Node(str(actor.pk), actor.name, "", actor.kind),
        drawn,
        edges,
        id_prefix="actor-network",
        title=gettext("{name}: relations and co-mentions").format(name=actor.name),
        desc=desc,
    )


class ActorDetailView(PagedSectionMixin, PageMixin, TemplateView):
    template_name = "actors/detail.html"
    section = (_("Actors"), "actors:list")

    def page_context(self, slug, **kwargs):
        page = actor_page(slug, self.raw_page)
        actor = page.actor
        description = actor.description or gettext(
            "{name}: who they are in the January 2022 Kazakhstan crisis, what they claimed and what "
            "commentary says about them."
        ).format(name=f"{actor.name}, {actor.role}" if actor.role else actor.name)
        picture = image_of(actor, "image")
        return {
            "page": page,
            "actor": actor,
            "picture": picture,
            "og_image": self.request.build_absolute_uri(picture.largest_url) if picture else "",
            "og_image_alt": picture.alt if picture else "",
            "page_title": actor.name,
            "page_description": description,
            "network_svg": actor_network(page),
            "notices": [page.notice] if page.notice else [],
        }

    def jsonld(self, context):
        return jsonld.actor_page(context["page"], self.request)
