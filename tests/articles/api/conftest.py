import datetime

import pytest

from articles.models import ArticleActor, Citation
from tests.support.factories import (
    ActorAliasFactory,
    ActorFactory,
    ActorRelationFactory,
    ArticleFactory,
    AuthorFactory,
    CitationFactory,
    ClaimFactory,
    CommentFactory,
    ContributionFactory,
    EventFactory,
    PublicationFactory,
    ThemeFactory,
)


@pytest.fixture
def graph(db):
    return build_graph()


def build_graph():
    """A small published graph: two articles (one a round-up), a claim with a verdict
    cited by both, actors with an alias and a relation, a theme, an event, and an
    approved comment with an e-mail address."""
    kz = ActorFactory(name="Kazakhstan", slug="kazakhstan")
    csto = ActorFactory(name="CSTO", slug="csto", kind="organisation")
    ActorAliasFactory(actor=csto, name="Collective Security Treaty Organization")
    ActorRelationFactory(subject=kz, object=csto, kind="member_of", start_date=datetime.date(1994, 4, 20))
    theme = ThemeFactory(name="Security", slug="security")
    outlet = PublicationFactory(name="The Diplomat", slug="the-diplomat")
    author = AuthorFactory(name="Alica Kizeková", slug="alica", social="@AlicaKizekova")
    expert = AuthorFactory(name="Round-up Expert", slug="expert")
    claim = ClaimFactory(slug="csto-invited", statement="Tokayev invited the CSTO.", claimant_actor=kz,
                         verdict="supported", rationale="Every source agrees.")
    claim.about.add(csto)
    first = ArticleFactory(published=True, title="Troops arrive", slug="troops-arrive", publication=outlet,
                           authors=[author], published_on=datetime.date(2022, 1, 7), language="en")
    second = ArticleFactory(published=True, title="A round-up", slug="round-up", publication=outlet,
                            authors=[author], published_on=datetime.date(2022, 1, 12), language="ru")
    ContributionFactory(article=second, author=expert, order=1, heading="On the CSTO")
    for article in (first, second):
        article.themes.add(theme)
        ArticleActor.objects.create(article=article, actor=csto, mentions=2, origin="detected")
        CitationFactory(claim=claim, article=article, stance=Citation.Stance.SUPPORTS, note="Says so plainly.")
    event = EventFactory(title="CSTO deployment", slug="csto-deployment")
    event.actors.add(csto)
    event.themes.add(theme)
    event.articles.add(first)
    CommentFactory(article=first, status="approved", email="secret-reader@example.org", ip_hash="f" * 64)
    return {"kz": kz, "csto": csto, "theme": theme, "outlet": outlet, "author": author, "expert": expert,
            "claim": claim, "first": first, "second": second, "event": event}
