"""A generated body of commentary, for query budgets and the benchmark.

``build_corpus(n)`` makes ``n`` published articles that use everything a page
can show (authors with affiliations, a publication, themes, actors mentioned,
citations of shared claims, a round-up contribution on every third article,
source markers, events, approved and pending comments), plus drafts, an
article in review and a scheduled one that must never appear publicly.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from actors.models import Actor
from articles.models import (
    Article,
    ArticleActor,
    ArticleAuthor,
    Citation,
    Comment,
    Contribution,
    DatePrecision,
    SourceMarker,
)
from tests.support.factories import (
    ActorFactory,
    ArticleFactory,
    AuthorFactory,
    ClaimFactory,
    EventFactory,
    PublicationFactory,
    ThemeFactory,
)

BODY = (
    "The CSTO deployed troops to Kazakhstan within days [↗].\n\n"
    "Russia quickly came to the government's aid, and China watched closely.\n\n"
    "## What it means\n\n"
    "Analysts disagree about whether the intervention was about {topic} or about power in Almaty [↗].\n\n"
    "Tokayev consolidated his position & the old elite lost ground."
)


@dataclass
class Corpus:
    published: list = field(default_factory=list)
    hidden: list = field(default_factory=list)
    themes: list = field(default_factory=list)
    actors: list = field(default_factory=list)
    authors: list = field(default_factory=list)
    publications: list = field(default_factory=list)
    claims: list = field(default_factory=list)
    events: list = field(default_factory=list)


def build_corpus(n=40, *, start=datetime.date(2022, 1, 5)):
    corpus = Corpus()
    corpus.themes = [ThemeFactory() for _ in range(6)]
    corpus.actors = [ActorFactory(kind=Actor.Kind.COUNTRY) for _ in range(8)]
    corpus.authors = [AuthorFactory() for _ in range(10)]
    corpus.publications = [PublicationFactory(url="https://outlet.example/") for _ in range(4)]
    corpus.claims = [ClaimFactory(claimant_actor=corpus.actors[i % 8]) for i in range(6)]
    corpus.events = [EventFactory(date=start + datetime.timedelta(days=i)) for i in range(5)]
    now = timezone.now()
    for i in range(n):
        precision = DatePrecision.MONTH if i % 10 == 9 else DatePrecision.DAY
        article = ArticleFactory(
            published=True,
            live_from=now - datetime.timedelta(days=n - i, hours=1),
            body=BODY.format(topic=f"topic {i}"),
            publication=corpus.publications[i % 4],
            published_on=start + datetime.timedelta(days=i % 25),
            published_on_precision=precision,
            original_url=f"https://outlet.example/{i}",
        )
        corpus.published.append(article)
        _dress(article, i, corpus)
    hidden_states = [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.REVIEW},
        {"status": Article.Status.ARCHIVED, "live_from": now - datetime.timedelta(days=3)},
        {"status": Article.Status.PUBLISHED, "live_from": now + datetime.timedelta(days=2)},
    ]
    for i, state in enumerate(hidden_states):
        article = ArticleFactory(
            title=f"Unpublished piece {i}",
            body=BODY.format(topic="secrets"),
            publication=corpus.publications[0],
            **state,
        )
        corpus.hidden.append(article)
        _dress(article, i, corpus)
    return corpus


def _dress(article, i, corpus):
    for order, author in enumerate((corpus.authors[i % 10], corpus.authors[(i + 3) % 10])):
        ArticleAuthor.objects.create(article=article, author=author, order=order)
    article.themes.add(corpus.themes[i % 6], corpus.themes[(i + 1) % 6], corpus.themes[(i + 2) % 6])
    for k in range(4):
        ArticleActor.objects.create(
            article=article, actor=corpus.actors[(i + k) % 8], mentions=5 - k, origin=ArticleActor.Origin.DETECTED
        )
    article.events.add(corpus.events[i % 5], corpus.events[(i + 1) % 5])
    if i % 3 == 0:
        Contribution.objects.create(
            article=article,
            author=corpus.authors[(i + 5) % 10],
            order=1,
            heading="A second view",
            body="The Shanghai Cooperation Organisation stayed silent.\n\nBeijing preferred stability.",
        )
    Citation.objects.create(
        claim=corpus.claims[i % 6], article=article, quote="The CSTO deployed troops to Kazakhstan",
        stance=Citation.Stance.REPORTS,
    )
    Citation.objects.create(
        claim=corpus.claims[(i + 1) % 6], article=article, quote="Russia quickly came to the government's aid",
        stance=Citation.Stance.DISPUTES,
    )
    SourceMarker.objects.bulk_create(
        [
            SourceMarker(article=article, order=1, anchor="p1", context="troops to Kazakhstan within days",
                         url="https://source.example/csto"),
            SourceMarker(article=article, order=2, anchor="p3", context="about power in Almaty"),
        ]
    )
    Comment.objects.bulk_create(
        [
            Comment(article=article, name=f"Reader {k}", email=f"reader{i}-{k}@example.org",
                    body="A thoughtful comment.", status=Comment.Status.APPROVED, fingerprint=f"{i}-{k}")
            for k in range(3)
        ]
        + [
            Comment(article=article, name="Spammer", email=f"spam{i}@example.org", body="Buy now",
                    status=Comment.Status.PENDING, fingerprint=f"{i}-p")
        ]
    )
