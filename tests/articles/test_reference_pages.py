"""The reference pages over real HTTP: actors, themes, authors, publications,
claims and the timeline. Published content shows; drafts never do, not even
as a title or a count."""

import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest

from actors.models import ActorRelation
from articles.models import Article, ArticleActor, Citation, Claim, DatePrecision
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

pytestmark = pytest.mark.django_db

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


@pytest.fixture
def scene():
    return Scene()


def html(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def jsonld(page):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return [json.loads(block) for block in blocks]


def svg_of(page):
    markup = re.search(r"<svg.*?</svg>", page, re.S).group(0)
    return ET.fromstring(markup)  # noqa: S314 - our own output


# ---- every page ----------------------------------------------------------------


def test_every_reference_page_renders_for_published_content(client, scene):
    for url in scene.pages():
        page = html(client, url)
        assert "<h1" in page and "</main>" in page, url


def test_drafts_never_appear_on_any_reference_page(client, scene):
    for url in scene.pages():
        page = html(client, url)
        assert DRAFT_TITLE not in page, url
        assert "secret-draft" not in page, url


def test_json_ld_parses_on_every_reference_page(client, scene):
    for url in scene.pages():
        blocks = jsonld(html(client, url))
        assert blocks, url
        assert all(block["@context"] == "https://schema.org" for block in blocks)


@pytest.mark.parametrize(
    "url",
    ["/actors/nobody/", "/themes/nothing/", "/authors/no-one/", "/publications/nowhere/",
     "/claims/no-such-claim/", "/claims/987654/", "/claims/99999999999999999999999999/"],
)
def test_unknown_slugs_are_a_404(client, scene, url):
    assert client.get(url).status_code == 404


# ---- actors --------------------------------------------------------------------


def test_actor_index_groups_actors_by_kind_with_published_mention_counts(client, scene):
    page = html(client, "/actors/")
    assert page.index('id="kind-country"') < page.index('id="kind-organisation"') < page.index('id="kind-person"')
    russia = re.search(r'href="/actors/russia/">Russia</a>.*?<span class="count">(.*?)</span>', page, re.S)
    # Three published articles (the excluded and the draft mention do not count): 3 + 5 + 1 mentions.
    assert russia.group(1) == "3 articles, 9 mentions"
    putin = re.search(r'href="/actors/putin/">Vladimir Putin</a>.*?<span class="count">(.*?)</span>', page, re.S)
    assert putin.group(1) == "not yet in published commentary"


def test_actor_page_shows_profile_aliases_and_relations_in_both_directions(client, scene):
    russia = html(client, "/actors/russia/")
    assert "Moscow" in russia and "A CSTO member." in russia
    assert re.search(r"<h3>Member of</h3>\s*<ul>\s*<li><a href=\"/actors/csto/\">CSTO</a>", russia)
    assert re.search(r"<h3>Led by</h3>\s*<ul>\s*<li><a href=\"/actors/putin/\">Vladimir Putin</a>", russia)
    csto = html(client, "/actors/csto/")
    members = re.search(r"<h3>Members</h3>\s*<ul>(.*?)</ul>", csto, re.S).group(1)
    assert "Kazakhstan" in members and "Russia" in members


def test_actor_page_lists_claims_made_by_and_about_the_actor(client, scene):
    russia = html(client, "/actors/russia/")
    made = russia[russia.index('id="claims-made"'):russia.index('id="claims-about"')]
    assert scene.claim.statement in made
    kazakhstan = html(client, "/actors/kazakhstan/")
    about = kazakhstan[kazakhstan.index('id="claims-about"'):kazakhstan.index('id="commentary"')]
    assert scene.claim.statement in about


def test_actor_page_lists_published_commentary_most_mentions_first_without_excluded_rows(client, scene):
    page = html(client, "/actors/russia/")
    commentary = page[page.index('id="commentary"'):page.index('id="events"')]
    assert commentary.index("A sceptical view") < commentary.index("Russia and the CSTO") < commentary.index(
        "Experts answer"
    )
    assert "Wrongly detected piece" not in page
    assert "Mentions Russia 5 times." in commentary


def test_actor_page_lists_its_events_and_co_mentioned_actors(client, scene):
    page = html(client, "/actors/russia/")
    events = page[page.index('id="events"'):]
    assert 'href="/timeline/#event-csto-request"' in events
    co = re.search(r'<ol class="ref-co-mentions">(.*?)</ol>', page, re.S).group(1)
    assert "CSTO" in co and "in 2 articles" in co
    assert "Vladimir Putin" not in co  # only co-mentioned in the draft


def test_actor_page_draws_an_accessible_svg_of_relations_and_co_mentions(client, scene):
    page = html(client, "/actors/russia/")
    svg = svg_of(page)
    assert svg.get("role") == "img"
    title_id, desc_id = svg.get("aria-labelledby").split()
    assert svg.find(f"{SVG_NS}title").get("id") == title_id and svg.find(f"{SVG_NS}desc").get("id") == desc_id
    hrefs = {a.get("href") for a in svg.iter(f"{SVG_NS}a")}
    assert {"/actors/csto/", "/actors/putin/"} <= hrefs
    labels = ["".join(t.itertext()) for t in svg.iter(f"{SVG_NS}text")]
    assert "CSTO" in labels and "Russia" in labels


def test_actor_json_ld_is_a_country_linked_to_wikidata(client, scene):
    (data,) = jsonld(html(client, "/actors/russia/"))
    assert data["@type"] == "Country"
    assert data["sameAs"] == ["https://www.wikidata.org/wiki/Q159"]
    assert data["alternateName"] == ["Moscow"]
    (person,) = jsonld(html(client, "/actors/putin/"))
    assert person["@type"] == "Person" and person["jobTitle"] == "President of Russia"
    assert "sameAs" not in person
    (org,) = jsonld(html(client, "/actors/csto/"))
    assert org["@type"] == "Organization"
    assert {m["name"] for m in org["member"]} == {"Russia", "Kazakhstan"}


def test_a_hostile_actor_name_stays_text_in_the_page_and_the_svg(client, scene):
    hostile = ActorFactory(name='<script>alert("x")</script>', slug="hostile")
    ArticleActor.objects.create(article=scene.article, actor=hostile, mentions=1)
    page = html(client, "/actors/russia/")
    assert '<script>alert("x")</script>' not in page
    svg_of(page)  # still well-formed


# ---- themes, authors, publications ---------------------------------------------


def test_theme_index_counts_published_articles_claims_and_events(client, scene):
    page = html(client, "/themes/")
    assert "1 article</span><span>1 claim</span><span>1 event</span>" in page


def test_theme_page_gathers_published_articles_claims_and_events(client, scene):
    page = html(client, "/themes/regional-organisations/")
    assert "Russia and the CSTO in Kazakhstan" in page
    assert scene.claim.statement in page
    assert "Tokayev asks the CSTO for troops" in page
    assert 'href="/timeline/#event-csto-request"' in page


def test_author_page_shows_affiliation_bio_social_link_articles_and_claims(client, scene):
    page = html(client, "/authors/kizekova/")
    assert "CEIAS" in page and "Works on Central Asia." in page
    assert 'href="https://social.example/@alica"' in page
    assert "Russia and the CSTO in Kazakhstan" in page
    assert scene.author_claim.statement in page
    (data,) = jsonld(page)
    assert data["@type"] == "Person"
    assert data["affiliation"] == {"@type": "Organization", "name": "CEIAS"}


def test_author_page_includes_round_up_contributions_with_a_link_to_the_section(client, scene):
    page = html(client, "/authors/tchakarova/")
    assert "Experts answer" in page
    assert 'href="/articles/roundup/#contribution-1"' in page


def test_author_page_never_shows_an_email_address(client, scene):
    scene.author.social = "alica@example.org"  # saved without clean(), as an import might
    scene.author.save()
    page = html(client, "/authors/kizekova/")
    assert "alica@example.org" not in page


def test_publication_page_links_its_site_and_lists_its_published_articles(client, scene):
    page = html(client, "/publications/geo-notes/")
    assert "A magazine." in page and 'href="https://notes.example/"' in page
    assert "Russia and the CSTO in Kazakhstan" in page


# ---- claims ----------------------------------------------------------------------


def test_claim_page_groups_published_citations_by_stance(client, scene):
    page = html(client, "/claims/external-threat/")
    summary = re.search(r'<p class="ref-stance-summary">(.*?)</p>', page, re.S).group(1)
    assert "Cited in 3 published articles" in summary
    assert "Asserts or supports (1)" in summary  # the draft's "supports" is not counted
    assert "Reports (1)" in summary and "Disputes or qualifies (1)" in summary
    agree = re.search(r'id="stance-agree"(.*?)</section>', page, re.S).group(1)
    assert "Russia and the CSTO in Kazakhstan" in agree


def test_claim_page_links_each_quote_to_its_paragraph_and_names_the_contributor(client, scene):
    page = html(client, "/claims/external-threat/")
    assert '<a href="/articles/russia-csto/#p1">“The CSTO deployed troops”</a>' in page
    assert '<a href="/articles/sceptical/#p1">“Russia quickly came”</a>' in page
    report = re.search(r'id="stance-report"(.*?)</section>', page, re.S).group(1)
    assert 'href="/articles/roundup/#c1-p2"' in report
    assert "Velina Tchakarova" in report


def test_claim_page_shows_claimant_date_at_its_precision_and_assessment(client, scene):
    page = html(client, "/claims/external-threat/")
    assert '<a href="/actors/russia/">Russia</a>' in page
    assert '<time datetime="2022-01">January 2022</time>' in page
    assert "Unsupported" in page and "No commentary finds an external threat." in page


def test_claim_json_ld_has_claim_with_published_appearances_and_a_review(client, scene):
    (data,) = jsonld(html(client, "/claims/external-threat/"))
    claim, review = data["@graph"]
    assert claim["@type"] == "Claim" and claim["text"] == scene.claim.statement
    assert {a["headline"] for a in claim["appearance"]} == {
        "Russia and the CSTO in Kazakhstan", "A sceptical view", "Experts answer",
    }
    assert claim["author"]["name"] == "Russia"
    assert review["@type"] == "ClaimReview"
    assert review["reviewRating"]["alternateName"] == "Unsupported"
    assert review["itemReviewed"] == {"@id": claim["@id"]}


def test_an_unassessed_claim_has_no_claim_review(client, scene):
    (data,) = jsonld(html(client, "/claims/multi-vector/"))
    assert [node["@type"] for node in data["@graph"]] == ["Claim"]


def test_a_claim_id_redirects_to_its_slug_address(client, scene):
    response = client.get(f"/claims/{scene.claim.pk}/")
    assert response.status_code == 301
    assert response["Location"] == "/claims/external-threat/"


def test_claims_list_shows_stance_counts_over_published_commentary(client, scene):
    page = html(client, "/claims/")
    item = re.search(r"external-threat/.*?</article>", page, re.S).group(0)
    assert "In 3 published articles" in item
    assert "Asserts or supports (1)" in item


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("theme=regional-organisations", ["external-threat"], ["multi-vector"]),
        ("actor=kazakhstan", ["external-threat"], ["multi-vector"]),
        ("actor=russia", ["external-threat"], ["multi-vector"]),
        ("verdict=unsupported", ["external-threat"], ["multi-vector"]),
        ("verdict=none", ["multi-vector"], ["external-threat"]),
        ("theme=regional-organisations&actor=russia&verdict=unsupported", ["external-threat"], ["multi-vector"]),
        ("theme=regional-organisations&verdict=false", [], ["external-threat", "multi-vector"]),
    ],
)
def test_claims_list_filters_alone_and_combined(client, scene, query, shown, hidden):
    page = html(client, f"/claims/?{query}")
    for slug in shown:
        assert f'href="/claims/{slug}/"' in page, (query, slug)
    for slug in hidden:
        assert f'href="/claims/{slug}/"' not in page, (query, slug)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("theme=no-such-theme", "There is no theme “no-such-theme”"),
        ("actor=nobody", "There is no actor “nobody”"),
        ("verdict=maybe", "There is no verdict “maybe”"),
        ("order=sideways", "is not a way to order claims"),
        ("page=abc", "That page number was not a number"),
        ("page=99999", "There is only 1 page here"),
        ("theme=%00bad", "The theme filter was not understood"),
        ("actor=" + "x" * 5000, "The actor filter was not understood"),
    ],
)
def test_bad_claim_filters_give_a_clear_message_not_an_error(client, scene, query, message):
    page = html(client, f"/claims/?{query}")
    assert message in page
    assert 'href="/claims/external-threat/"' in page  # the other filters (none) still apply


def test_a_bad_filter_value_is_never_reflected_unescaped(client, scene):
    page = html(client, "/claims/?theme=%3Cscript%3Ealert(1)%3C/script%3E")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_claims_list_can_be_ordered_by_most_disputed(client, scene):
    page = html(client, "/claims/?order=disputed")
    assert page.index("external-threat/") < page.index("multi-vector/")


# ---- timeline --------------------------------------------------------------------


def test_timeline_lists_events_in_date_order_with_machine_readable_dates(client, scene):
    page = html(client, "/timeline/")
    assert page.index('id="event-fuel"') < page.index('id="event-csto-request"')
    assert '<time datetime="2022-01-06">6 January 2022</time>' in page
    assert '<time datetime="2022-01">January 2022</time>' in page


def test_timeline_shows_actors_and_only_published_commentary_per_event(client, scene):
    page = html(client, "/timeline/")
    event = re.search(r'id="event-csto-request"(.*?)</article>', page, re.S).group(1)
    assert 'href="/actors/russia/">Russia</a>' in event
    assert 'href="/articles/russia-csto/"' in event
    assert DRAFT_TITLE not in event


def test_timeline_svg_markers_link_to_event_anchors_on_the_page(client, scene):
    page = html(client, "/timeline/")
    svg = svg_of(page)
    assert svg.get("role") == "img"
    hrefs = [a.get("href") for a in svg.iter(f"{SVG_NS}a")]
    assert set(hrefs) == {"#event-fuel", "#event-csto-request", "#event-talks"}
    for href in hrefs:
        assert f'id="{href[1:]}"' in page


def test_published_article_scheduled_for_later_stays_hidden(client, scene):
    Article.objects.filter(pk=scene.other.pk).update(
        live_from=datetime.datetime(2999, 1, 1, tzinfo=datetime.UTC)
    )
    for url in ("/actors/russia/", "/claims/external-threat/"):
        assert "A sceptical view" not in html(client, url)


def test_no_reference_page_repeats_an_element_id(client, scene):
    for url in scene.pages():
        ids = re.findall(r'\sid="([^"]+)"', html(client, url))
        assert len(ids) == len(set(ids)), (url, sorted({i for i in ids if ids.count(i) > 1}))


def test_headings_on_reference_pages_never_skip_a_level(client, scene):
    for url in scene.pages():
        page = html(client, url)
        main = page[page.index("<main"):page.index("</main>")]
        levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", main)]
        assert levels[0] == 1, url
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), (url, levels)
