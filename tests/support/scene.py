"""A small interlinked scene for the reference pages: published pieces plus a draft that must never show."""

import datetime
import json
import re
import xml.etree.ElementTree as ET

from actors.models import ActorRelation
from articles.models import ArticleActor, Citation, Claim, DatePrecision
from tests.support.factories import (
    ActorAliasFactory,
    ActorFactory,
    ActorRelationFactory,
    ArticleFactory,
    AuthorFactory,
    CitationFactory,
    ClaimFactory,
    ContributionFactory,
    EventFactory,
    PublicationFactory,
    ThemeFactory,
)

DRAFT_TITLE = "Secret draft about the intervention"


SVG_NS = "{http://www.w3.org/2000/svg}"


class Scene:
    """A small, fully linked world with one draft that touches everything."""

    def __init__(self):
        A = ActorFactory
        self.russia = A(name="Russia", slug="russia", wikidata_id="Q159", description="A CSTO member.")
        self.kazakhstan = A(name="Kazakhstan", slug="kazakhstan")
        self.csto = A(name="CSTO", slug="csto", kind="organisation")
        self.putin = A(name="Vladimir Putin", slug="putin", kind="person", role="President of Russia")
        ActorAliasFactory(actor=self.russia, name="Moscow")
        ActorRelationFactory(subject=self.russia, object=self.csto, kind=ActorRelation.Kind.MEMBER_OF)
        ActorRelationFactory(subject=self.kazakhstan, object=self.csto, kind=ActorRelation.Kind.MEMBER_OF)
        ActorRelationFactory(subject=self.putin, object=self.russia, kind=ActorRelation.Kind.LEADER_OF)

        self.theme = ThemeFactory(name="Regional organisations", slug="regional-organisations")
        self.publication = PublicationFactory(
            name="Geopolitical Notes", slug="geo-notes", url="https://notes.example/", description="A magazine."
        )
        self.author = AuthorFactory(
            name="Alica Kizeková", slug="kizekova", affiliation="CEIAS", bio="Works on Central Asia.",
            social="https://social.example/@alica",
        )
        self.contributor = AuthorFactory(name="Velina Tchakarova", slug="tchakarova")

        self.article = ArticleFactory(
            published=True, title="Russia and the CSTO in Kazakhstan", slug="russia-csto",
            publication=self.publication, authors=[self.author],
        )
        self.article.themes.add(self.theme)
        self.other = ArticleFactory(
            published=True, title="A sceptical view", slug="sceptical",
            body="Russia quickly came to the government's aid.\n\nThe CSTO deployed troops to Kazakhstan.",
        )
        self.roundup = ArticleFactory(published=True, title="Experts answer", slug="roundup", body="Intro.")
        ContributionFactory(
            article=self.roundup, author=self.contributor, order=1,
            body="Moscow acted fast.\n\nThe CSTO deployed troops to Kazakhstan.",
        )
        self.excluded = ArticleFactory(published=True, title="Wrongly detected piece", slug="wrongly")
        self.draft = ArticleFactory(
            title=DRAFT_TITLE, slug="secret-draft", publication=self.publication, authors=[self.author]
        )
        self.draft.themes.add(self.theme)

        mention = ArticleActor.objects.create
        mention(article=self.article, actor=self.russia, mentions=3, origin="detected")
        mention(article=self.article, actor=self.csto, mentions=2, origin="detected")
        mention(article=self.other, actor=self.russia, mentions=5, origin="detected")
        mention(article=self.other, actor=self.csto, mentions=1, origin="detected")
        mention(article=self.roundup, actor=self.russia, mentions=1, origin="manual")
        mention(article=self.excluded, actor=self.russia, mentions=9, origin="excluded")
        mention(article=self.draft, actor=self.russia, mentions=7, origin="detected")
        mention(article=self.draft, actor=self.putin, mentions=7, origin="detected")

        self.claim = ClaimFactory(
            statement="The CSTO intervened because of an external threat.", slug="external-threat",
            claimant_actor=self.russia, made_on=datetime.date(2022, 1, 1), made_on_precision=DatePrecision.MONTH,
            verdict=Claim.Verdict.UNSUPPORTED, rationale="No commentary finds an external threat.",
        )
        self.claim.about.add(self.kazakhstan)
        self.claim.themes.add(self.theme)
        CitationFactory(claim=self.claim, article=self.article, stance=Citation.Stance.ASSERTS,
                        quote="The CSTO deployed troops")
        CitationFactory(claim=self.claim, article=self.other, stance=Citation.Stance.DISPUTES,
                        quote="Russia quickly came")
        CitationFactory(claim=self.claim, article=self.roundup, stance=Citation.Stance.REPORTS,
                        quote="The CSTO deployed troops")
        CitationFactory(claim=self.claim, article=self.draft, stance=Citation.Stance.SUPPORTS,
                        quote="The CSTO deployed troops")
        self.author_claim = ClaimFactory(
            statement="Kazakhstan keeps its multi-vector policy.", slug="multi-vector",
            claimant_actor=None, claimant_author=self.author,
        )

        self.event = EventFactory(
            title="Tokayev asks the CSTO for troops", slug="csto-request", date=datetime.date(2022, 1, 6),
            description="The request came overnight.",
        )
        self.event.actors.add(self.russia, self.csto)
        self.event.themes.add(self.theme)
        self.event.articles.add(self.article, self.draft)
        self.early = EventFactory(title="Fuel prices rise", slug="fuel", date=datetime.date(2022, 1, 2))
        self.vague = EventFactory(
            title="Talks with the West", slug="talks", date=datetime.date(2022, 1, 15),
            date_precision=DatePrecision.MONTH,
        )

    def pages(self):
        return [
            "/actors/", "/actors/russia/", "/actors/csto/", "/actors/kazakhstan/", "/actors/putin/",
            "/themes/", "/themes/regional-organisations/", "/authors/kizekova/", "/authors/tchakarova/",
            "/publications/geo-notes/", "/claims/", "/claims/external-threat/", "/timeline/",
        ]


def html(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def jsonld(page, *, breadcrumbs=False):
    """The page's JSON-LD about its subject, or (``breadcrumbs=True``) only its BreadcrumbList."""
    blocks = [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)]
    return [block for block in blocks if (block.get("@type") == "BreadcrumbList") == breadcrumbs]


def svg_of(page):
    markup = re.search(r"<svg.*?</svg>", page, re.S).group(0)
    return ET.fromstring(markup)  # noqa: S314 - our own output


def structured_data_article():
    """A published article with every field the head and JSON-LD show: byline with an
    e-mail hidden in the social field, publication, themes, actors mentioned."""
    article = ArticleFactory(
        published=True,
        slug="csto-and-russia",
        title="Kazakhstan, the CSTO and Russia",
        standfirst="Why the alliance moved so fast.",
        publication=PublicationFactory(name="CEIAS", url="https://ceias.example/"),
        authors=[AuthorFactory(name="Alica Kizeková", affiliation="Research Fellow, CEIAS",
                               social="alica@example.org")],
        original_url="https://ceias.example/kz",
        published_on=datetime.date(2022, 1, 20),
    )
    article.themes.add(ThemeFactory(name="Regional security"))
    ArticleActor.objects.create(article=article, actor=ActorFactory(name="Kazakhstan", wikidata_id="Q232"),
                                mentions=5)
    ArticleActor.objects.create(article=article, actor=ActorFactory(name="Somewhere"), mentions=1)
    return article
