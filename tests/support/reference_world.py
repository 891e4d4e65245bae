"""A generated, interlinked data set for the reference pages' query budgets.

``build_world(scale)`` makes roughly ``40*scale`` actors, ``60*scale`` claims,
``40*scale`` published articles (plus drafts), ``30*scale`` events, each linked
to the others so every reference page lists many things. Drafts mention the
same actors and cite the same claims, so leaks would show.
"""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from actors.models import Actor, ActorAlias, ActorRelation
from articles.models import (
    Article,
    ArticleActor,
    ArticleAuthor,
    Author,
    Citation,
    Claim,
    ClaimSubject,
    Contribution,
    Event,
    Publication,
    Theme,
)
from articles.pages import actors

KINDS = [Actor.Kind.COUNTRY, Actor.Kind.ORGANISATION, Actor.Kind.PERSON, Actor.Kind.GROUP]
STANCES = list(Citation.Stance.values)
VERDICTS = ["", *Claim.Verdict.values]


@dataclass
class World:
    hub: Actor
    theme: Theme
    author: Author
    publication: Publication
    claim: Claim
    actors: list
    claims: list
    articles: list
    drafts: list
    events: list


def build_world(scale: float = 1.0, prefix: str = "w") -> World:
    n_actors = max(int(40 * scale), 6)
    n_claims = max(int(60 * scale), 4)
    n_articles = max(int(40 * scale), 4)
    n_events = max(int(30 * scale), 3)
    yesterday = timezone.now() - datetime.timedelta(days=1)

    themes = [Theme.objects.create(name=f"{prefix} theme {i}", slug=f"{prefix}-theme-{i}") for i in range(6)]
    publications = [
        Publication.objects.create(name=f"{prefix} outlet {i}", slug=f"{prefix}-outlet-{i}", url="https://example.org/")
        for i in range(4)
    ]
    authors = [
        Author.objects.create(name=f"{prefix} expert {i}", slug=f"{prefix}-expert-{i}", affiliation="Institute")
        for i in range(10)
    ]
    actors = Actor.objects.bulk_create(
        Actor(kind=KINDS[i % len(KINDS)], name=f"{prefix} actor {i}", slug=f"{prefix}-actor-{i}")
        for i in range(n_actors)
    )
    hub = actors[1]  # an organisation everyone belongs to
    others = [a for a in actors if a != hub]
    ActorAlias.objects.bulk_create(ActorAlias(actor=a, name=f"{a.name} alias") for a in actors)
    ActorRelation.objects.bulk_create(
        [ActorRelation(subject=a, kind=ActorRelation.Kind.MEMBER_OF, object=hub) for a in actors if a != hub]
        + [ActorRelation(subject=actors[2], kind=ActorRelation.Kind.LEADER_OF, object=hub)]
        + [ActorRelation(subject=hub, kind=ActorRelation.Kind.PARTNER_OF, object=actors[3])]
    )

    body = "\n\n".join(f"Paragraph {p} about the crisis and its actors." for p in range(1, 6))

    def make_article(i, published):
        article = Article(
            title=f"{prefix} {'published' if published else 'DRAFT'} commentary {i}",
            slug=f"{prefix}-{'pub' if published else 'draft'}-{i}",
            body=body,
            publication=publications[i % len(publications)],
            published_on=datetime.date(2022, 1, 1) + datetime.timedelta(days=i % 28),
            status=Article.Status.PUBLISHED if published else Article.Status.DRAFT,
            live_from=yesterday if published else None,
        )
        article.save()
        return article

    articles = [make_article(i, True) for i in range(n_articles)]
    drafts = [make_article(i, False) for i in range(max(n_articles // 4, 2))]
    everything = articles + drafts
    ArticleAuthor.objects.bulk_create(
        ArticleAuthor(article=a, author=authors[(i + k) % len(authors)], order=k)
        for i, a in enumerate(everything)
        for k in range(2)
    )
    for i, article in enumerate(everything[::5]):
        Contribution.objects.create(
            article=article, author=authors[(i + 5) % len(authors)], order=1, body="A contributed answer."
        )
    for i, article in enumerate(everything):
        article.themes.add(themes[i % len(themes)], themes[(i + 1) % len(themes)])
    ArticleActor.objects.bulk_create(
        ArticleActor(
            article=a,
            actor=others[(i + k) % len(others)] if k else hub,
            mentions=10 - k,
            origin=ArticleActor.Origin.EXCLUDED if k == 7 else ArticleActor.Origin.DETECTED,
        )
        for i, a in enumerate(everything)
        for k in range(8)
    )

    events = []
    for i in range(n_events):
        event = Event.objects.create(
            title=f"{prefix} event {i}",
            slug=f"{prefix}-event-{i}",
            date=datetime.date(2022, 1, 1) + datetime.timedelta(days=i % 25),
            date_precision="month" if i % 10 == 9 else "day",
        )
        event.actors.add(hub, actors[i % n_actors], actors[(i + 3) % n_actors])
        event.themes.add(themes[i % len(themes)])
        event.articles.add(*everything[i % len(everything) :: 7])
        events.append(event)

    claims = []
    for i in range(n_claims):
        claim = Claim.objects.create(
            statement=f"{prefix} claim {i} about the crisis.",
            slug=f"{prefix}-claim-{i}",
            claimant_actor=actors[i % n_actors] if i % 3 else None,
            claimant_author=None if i % 3 else authors[i % len(authors)],
            made_on=datetime.date(2022, 1, 1 + i % 28),
            verdict=VERDICTS[i % len(VERDICTS)],
            rationale="Because the commentary says so." if VERDICTS[i % len(VERDICTS)] else "",
        )
        claim.themes.add(themes[i % len(themes)])
        claims.append(claim)
    ClaimSubject.objects.bulk_create(
        [ClaimSubject(claim=c, actor=hub) for c in claims]
        + [ClaimSubject(claim=c, actor=others[(i + 5) % len(others)]) for i, c in enumerate(claims)]
    )
    Citation.objects.bulk_create(
        Citation(
            claim=c,
            article=everything[(i * 3 + k) % len(everything)],
            quote=f"Paragraph {k + 1} about the crisis",
            stance=STANCES[(i + k) % len(STANCES)],
            anchor=f"p{k + 1}",
            position=k,
        )
        for i, c in enumerate(claims)
        for k in range(4)
    )
    return World(hub, themes[0], authors[0], publications[0], claims[1], actors, claims, articles, drafts, events)


def count_queries(function):
    """Queries of a cold call: counts kept until the next write (``pagecache.remember``) are
    dropped first, so both data sizes pay for them."""
    from tests.support.caches import clear_own_keys

    clear_own_keys()
    with CaptureQueriesContext(connection) as ctx:
        function()
    return len(ctx.captured_queries)


def consume_actor_page(slug):
    page = actors.actor_page(slug)
    for article in page.articles:
        article.publication and [aa.author for aa in article.article_authors.all()]
        list(article.themes.all())
    list(page.actor.aliases.all())
    return page


def consume_timeline():
    for event in Event.objects.for_timeline():
        list(event.actors.all())
        list(event.published_articles)


# ---- whole pages over HTTP ------------------------------------------------------

BUDGET = 12


def page_urls(w):
    # A combination of filters that matches something at every size.
    sample = next(c for c in w.claims if c.verdict and w.theme in c.themes.all())
    return {
        "actor index": "/actors/",
        "actor": f"/actors/{w.hub.slug}/",
        "ordinary actor": f"/actors/{w.actors[5].slug}/",
        "theme index": "/themes/",
        "theme": f"/themes/{w.theme.slug}/",
        "author": f"/authors/{w.author.slug}/",
        "publication": f"/publications/{w.publication.slug}/",
        "claim index": "/claims/",
        "filtered claims": f"/claims/?theme={w.theme.slug}&actor={w.hub.slug}&verdict={sample.verdict}&order=cited",
        "bad claim filters": "/claims/?theme=nope&actor=nobody&verdict=x&page=abc",
        "claim": f"/claims/{w.claim.slug}/",
        "timeline": "/timeline/",
    }


def http_query_count(client, url):
    from tests.support.caches import clear_own_keys

    clear_own_keys()  # cold, like count_queries
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)
