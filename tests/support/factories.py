"""Small factories: each builds the least a valid object needs."""

import datetime

import factory
from django.utils import timezone

from actors.models import Actor, ActorAlias, ActorRelation
from articles.models import (
    Article,
    ArticleAuthor,
    Author,
    Citation,
    Claim,
    Comment,
    Contribution,
    Event,
    Publication,
    Theme,
)


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor

    kind = Actor.Kind.COUNTRY
    name = factory.Sequence(lambda n: f"Country {n}")
    slug = factory.Sequence(lambda n: f"country-{n}")


class ActorAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActorAlias

    actor = factory.SubFactory(ActorFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")


class ActorRelationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActorRelation

    subject = factory.SubFactory(ActorFactory)
    object = factory.SubFactory(ActorFactory)
    kind = ActorRelation.Kind.MEMBER_OF


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")
    description = "What this theme covers."


class PublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publication

    name = factory.Sequence(lambda n: f"Outlet {n}")
    slug = factory.Sequence(lambda n: f"outlet-{n}")


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Expert {n}")
    slug = factory.Sequence(lambda n: f"expert-{n}")
    affiliation = "Senior Fellow, Somewhere Institute"


class ArticleFactory(factory.django.DjangoModelFactory):
    """A draft by default; ``published=True`` makes it visible since yesterday."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    class Params:
        published = factory.Trait(
            status=Article.Status.PUBLISHED,
            live_from=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1)),
        )

    title = factory.Sequence(lambda n: f"Commentary {n}")
    slug = factory.Sequence(lambda n: f"commentary-{n}")
    standfirst = "What the crisis tells us."
    body = "The CSTO deployed troops to Kazakhstan.\n\nRussia quickly came to the government's aid."
    publication = factory.SubFactory(PublicationFactory)
    published_on = datetime.date(2022, 1, 20)
    status = Article.Status.DRAFT

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if create and extracted:
            for order, author in enumerate(extracted):
                ArticleAuthor.objects.create(article=self, author=author, order=order)


def ready_article(*, status=None, **kwargs):
    """An article publishing would accept: a byline, a date, its publication, a
    rights note and no citation needing review; in review unless ``status`` says
    otherwise (set on creation, as a fixture, not through the workflow)."""
    kwargs.setdefault("authors", [AuthorFactory()])
    kwargs.setdefault("rights", "Republished with the author's written permission (test data).")
    if status is None and not kwargs.get("published"):
        status = Article.Status.REVIEW
    return ArticleFactory(**kwargs) if status is None else ArticleFactory(status=status, **kwargs)


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    article = factory.SubFactory(ArticleFactory)
    author = factory.SubFactory(AuthorFactory)
    order = factory.Sequence(lambda n: n + 1)
    body = "An expert's answer about the Shanghai Cooperation Organisation."


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    statement = factory.Sequence(lambda n: f"Claim number {n} about the crisis.")
    slug = factory.Sequence(lambda n: f"claim-{n}")
    claimant_actor = factory.SubFactory(ActorFactory)
    made_on = datetime.date(2022, 1, 7)


class CitationFactory(factory.django.DjangoModelFactory):
    """Quotes the first sentence of the default article body."""

    class Meta:
        model = Citation

    claim = factory.SubFactory(ClaimFactory)
    article = factory.SubFactory(ArticleFactory)
    quote = "The CSTO deployed troops to Kazakhstan."
    stance = Citation.Stance.REPORTS


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Event {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    date = datetime.date(2022, 1, 6)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    article = factory.SubFactory(ArticleFactory, published=True)
    name = "A reader"
    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    body = "A thoughtful comment."


def one_of_each():
    """An article with an author, a round-up contribution, a citation (its claim about an
    actor in a relation, its claimant in an event), a theme and a comment, and a blocklist
    term: a row for every admin page the editors open. Returns the article."""
    from articles.models import BlocklistTerm

    article = ArticleFactory(authors=[AuthorFactory()])
    ContributionFactory(article=article)
    citation = CitationFactory(article=article)
    citation.claim.about.add(ActorRelationFactory().subject)
    article.themes.add(ThemeFactory())
    EventFactory().actors.add(citation.claim.claimant_actor)
    CommentFactory(article=article)
    BlocklistTerm.objects.create(term="casino")
    return article
