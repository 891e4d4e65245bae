"""
Query plans for the reference pages (actors, themes, authors, publications,
claims, timeline).

Each page's data comes in a fixed number of queries whatever it lists, and
everything that touches articles starts from ``Article.objects.published()``:
drafts never show up as titles, counts or co-mentions. Actor plans that need
articles live here, not in ``actors`` (which never imports ``articles``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, Sum

from actors.models import Actor, ActorRelation

from .models import (
    Article,
    ArticleActor,
    ArticleAuthor,
    Author,
    Citation,
    Claim,
    ClaimQuerySet,
    Contribution,
    Event,
    Publication,
    SubqueryCount,
    Theme,
)

# How many co-mentioned actors an actor page shows (and draws).
CO_MENTION_LIMIT = 12

STANCE_GROUP_LABELS = {
    "agree": "Asserts or supports",
    "report": "Reports",
    "dispute": "Disputes or qualifies",
}

# Headings for an actor's relations, seen from the subject and from the object:
# Russia "Member of" CSTO; on the CSTO page, "Members" lists Russia.
RELATION_HEADINGS = {
    ActorRelation.Kind.MEMBER_OF: ("Member of", "Members"),
    ActorRelation.Kind.LEADER_OF: ("Leads", "Led by"),
    ActorRelation.Kind.CHAIR_OF: ("Chairs", "Chaired by"),
    ActorRelation.Kind.OFFICIAL_OF: ("Holds office in", "Office holders"),
    ActorRelation.Kind.ALLY_OF: ("Ally of", "Allies"),
    ActorRelation.Kind.PARTNER_OF: ("Partner of", "Partners"),
}


def published_mentions():
    """Article–actor rows readers may see: published articles, not removed by an editor."""
    return ArticleActor.objects.mentioned().filter(article__in=Article.objects.published())


# --------------------------------------------------------------------------
# Actors
# --------------------------------------------------------------------------


def actor_index():
    """Every actor with ``article_count`` and ``mention_count`` over published commentary.

    One query. Returns [(kind label, [actors])] in the order of ``Actor.Kind``.
    """
    published = Q(article_mentions__in=published_mentions())
    actors = Actor.objects.annotate(
        article_count=Count("article_mentions", filter=published),
        mention_count=Sum("article_mentions__mentions", filter=published, default=0),
    ).order_by("name")
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


def actor_page(slug: str) -> ActorPage:
    """Everything an actor page shows, in nine queries.

    Raises ``Actor.DoesNotExist`` for an unknown slug.
    """
    actor = Actor.objects.for_detail().get(slug=slug)  # 2: actor, aliases

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
    articles = list(
        Article.objects.published()
        .filter(pk__in=mentions.values("article"))
        .annotate(
            actor_mentions=mentions.filter(article=OuterRef("pk")).values("mentions")[:1],
        )
        .for_list()
        .defer("body", "body_html")
        .order_by("-actor_mentions", "-published_on", "-pk")
    )  # 3: articles, authors, themes

    events = list(actor.events.order_by("date", "title"))  # 1

    co_mentions = list(
        published_mentions()
        .filter(article__in=mentions.values("article"))
        .exclude(actor=actor)
        .values("actor__pk", "actor__name", "actor__slug", "actor__kind")
        .annotate(shared=Count("article", distinct=True), total_mentions=Sum("mentions"))
        .order_by("-shared", "-total_mentions", "actor__name")[:CO_MENTION_LIMIT]
    )  # 1

    return ActorPage(actor, relation_groups, claims_made, claims_about, articles, events, co_mentions)


# --------------------------------------------------------------------------
# Themes
# --------------------------------------------------------------------------


def theme_index():
    """Themes with counts of published articles, claims and events (one query)."""
    return Theme.objects.annotate(
        article_count=SubqueryCount(Article.objects.published().filter(themes=OuterRef("pk")).values("pk")),
        claim_count=SubqueryCount(Claim.objects.filter(themes=OuterRef("pk")).values("pk")),
        event_count=SubqueryCount(Event.objects.filter(themes=OuterRef("pk")).values("pk")),
    ).order_by("name")


@dataclass
class ThemePage:
    theme: Theme
    articles: list[Article]
    claims: list[Claim]
    events: list[Event]


def theme_page(slug: str) -> ThemePage:
    """A theme and everything under it, in eight queries."""
    theme = Theme.objects.get(slug=slug)  # 1
    articles = list(
        Article.objects.published().filter(themes=theme).for_list().defer("body", "body_html").by_date()
    )  # 3
    claims = list(Claim.objects.filter(themes=theme).for_list().with_stance_counts())  # 1
    events = list(Event.objects.filter(themes=theme).for_timeline())  # 3
    return ThemePage(theme, articles, claims, events)


# --------------------------------------------------------------------------
# Authors and publications
# --------------------------------------------------------------------------


@dataclass
class AuthorPage:
    author: Author
    articles: list[Article]
    claims: list[Claim]


def author_page(slug: str) -> AuthorPage:
    """An author's published articles (byline or round-up contribution) and claims: five queries."""
    author = Author.objects.get(slug=slug)  # 1
    byline = ArticleAuthor.objects.filter(author=author)
    contributed = Contribution.objects.filter(author=author)
    articles = list(
        Article.objects.published()
        .filter(Q(pk__in=byline.values("article")) | Q(pk__in=contributed.values("article")))
        .annotate(
            is_byline=Exists(byline.filter(article=OuterRef("pk"))),
            contribution_order=contributed.filter(article=OuterRef("pk")).values("order")[:1],
        )
        .for_list()
        .defer("body", "body_html")
        .by_date()
    )  # 3
    claims = list(Claim.objects.filter(claimant_author=author).for_list().with_stance_counts())  # 1
    return AuthorPage(author, articles, claims)


@dataclass
class PublicationPage:
    publication: Publication
    articles: list[Article]


def publication_page(slug: str) -> PublicationPage:
    """A publication and its published articles: four queries."""
    publication = Publication.objects.get(slug=slug)  # 1
    articles = list(
        Article.objects.published().filter(publication=publication).for_list().defer("body", "body_html").by_date()
    )  # 3
    return PublicationPage(publication, articles)


# --------------------------------------------------------------------------
# Claims
# --------------------------------------------------------------------------


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


# --------------------------------------------------------------------------
# Timeline
# --------------------------------------------------------------------------


def timeline_events():
    """Every event in date order with actors and published commentary: three queries."""
    return list(Event.objects.for_timeline())
