"""The actor pages (articles/pages/actors.py): index, actor page, its picture and JSON-LD, and their query plans."""

import datetime
import json
import re

import pytest

from actors.models import ActorRelation
from articles.models import Article, ArticleActor
from articles.pages import actors
from tests.support.factories import (
    ActorFactory,
    ActorRelationFactory,
    ArticleFactory,
)
from tests.support.reference_world import (
    consume_actor_page,
)
from tests.support.scene import SVG_NS, html, jsonld, svg_of
from tests.support.shared import OverAGeneratedWorld, OverTheScene

pytestmark = pytest.mark.django_db


# ---- actors --------------------------------------------------------------------


class TestTheScene(OverTheScene):
    """Tests that only read the scene, made once for the class (``shared_scene``)."""

    def test_actor_index_groups_actors_by_kind_with_published_mention_counts(self, client, scene):
        page = html(client, "/actors/")
        assert page.index('id="kind-country"') < page.index('id="kind-organisation"') < page.index('id="kind-person"')
        russia = re.search(r'href="/actors/russia/">Russia</a>.*?<span class="count">(.*?)</span>', page, re.S)
        # Three published articles (the excluded and the draft mention do not count): 3 + 5 + 1 mentions.
        assert russia.group(1) == "3 articles, 9 mentions"
        putin = re.search(r'href="/actors/putin/">Vladimir Putin</a>.*?<span class="count">(.*?)</span>', page, re.S)
        assert putin.group(1) == "not yet in published commentary"

    def test_actor_page_shows_profile_aliases_and_relations_in_both_directions(self, client, scene):
        russia = html(client, "/actors/russia/")
        assert "Moscow" in russia and "A CSTO member." in russia
        assert re.search(r"<h3>Member of</h3>\s*<ul>\s*<li><a href=\"/actors/csto/\">CSTO</a>", russia)
        assert re.search(r"<h3>Led by</h3>\s*<ul>\s*<li><a href=\"/actors/putin/\">Vladimir Putin</a>", russia)
        csto = html(client, "/actors/csto/")
        members = re.search(r"<h3>Members</h3>\s*<ul>(.*?)</ul>", csto, re.S).group(1)
        assert "Kazakhstan" in members and "Russia" in members

    def test_actor_page_lists_claims_made_by_and_about_the_actor(self, client, scene):
        russia = html(client, "/actors/russia/")
        made = russia[russia.index('id="claims-made"'):russia.index('id="claims-about"')]
        assert scene.claim.statement in made
        kazakhstan = html(client, "/actors/kazakhstan/")
        about = kazakhstan[kazakhstan.index('id="claims-about"'):kazakhstan.index('id="commentary"')]
        assert scene.claim.statement in about

    def test_actor_page_lists_published_commentary_most_mentions_first_without_excluded_rows(self, client, scene):
        page = html(client, "/actors/russia/")
        commentary = page[page.index('id="commentary"'):page.index('id="events"')]
        assert commentary.index("A sceptical view") < commentary.index("Russia and the CSTO") < commentary.index(
            "Experts answer"
        )
        assert "Wrongly detected piece" not in page
        assert "Mentions Russia 5 times." in commentary

    def test_actor_page_lists_its_events_and_co_mentioned_actors(self, client, scene):
        page = html(client, "/actors/russia/")
        events = page[page.index('id="events"'):]
        assert 'href="/timeline/#event-csto-request"' in events
        co = re.search(r'<ol class="ref-co-mentions">(.*?)</ol>', page, re.S).group(1)
        assert "CSTO" in co and "in 2 articles" in co
        assert "Vladimir Putin" not in co  # only co-mentioned in the draft

    def test_actor_page_draws_an_accessible_svg_of_relations_and_co_mentions(self, client, scene):
        page = html(client, "/actors/russia/")
        svg = svg_of(page)
        assert svg.get("role") == "group"  # it holds links: never role="img"
        title_id, desc_id = svg.get("aria-labelledby").split()
        assert svg.find(f"{SVG_NS}title").get("id") == title_id and svg.find(f"{SVG_NS}desc").get("id") == desc_id
        hrefs = {a.get("href") for a in svg.iter(f"{SVG_NS}a")}
        assert {"/actors/csto/", "/actors/putin/"} <= hrefs
        labels = ["".join(t.itertext()) for t in svg.iter(f"{SVG_NS}text")]
        assert "CSTO" in labels and "Russia" in labels

    def test_actor_json_ld_is_a_country_linked_to_wikidata(self, client, scene):
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

    def test_a_hostile_actor_name_stays_text_in_the_page_and_the_svg(self, client, scene):
        hostile = ActorFactory(name='<script>alert("x")</script>', slug="hostile")
        ArticleActor.objects.create(article=scene.article, actor=hostile, mentions=1)
        page = html(client, "/actors/russia/")
        assert '<script>alert("x")</script>' not in page
        svg_of(page)  # still well-formed


# ---- exact plan sizes, published only ------------------------------------------


class TestAGeneratedWorld(OverAGeneratedWorld):
    """Tests that only read a generated world, made once for the class (``shared_world``)."""

    def test_actor_index_is_five_queries_kept_until_the_next_write(self, world, django_assert_num_queries):
        # The generation, the next go-live, then article counts and mention sums (GROUP BY) and the actors.
        with django_assert_num_queries(5):
            groups = actors.actor_index()
        assert sum(len(members) for _, _, members in groups) == len(world.actors)
        with django_assert_num_queries(1):  # the generation: the counts are kept
            actors.actor_index()

    def test_actor_page_is_twelve_queries(self, world, django_assert_num_queries):
        # Ten, plus the generation and next go-live that keep the co-mentions until the next write.
        with django_assert_num_queries(12):
            page = consume_actor_page(world.hub.slug)
        assert page.articles and page.claims_about and page.co_mentions and page.events

    # ---- published only

    def test_actor_page_counts_only_published_non_excluded_mentions(self, world):
        page = actors.actor_page(world.hub.slug)
        published = set(Article.objects.published().values_list("pk", flat=True))
        assert page.article_page.paginator.count == len(published)  # the hub is in every article
        assert {a.pk for a in page.articles} <= published
        assert len(page.articles) == min(len(published), 20)  # one page at a time
        assert all("DRAFT" not in a.title for a in page.articles)
        # Co-mention counts never exceed the number of published articles.
        assert all(row["shared"] <= len(published) for row in page.co_mentions)

    def test_actor_index_counts_published_articles_only(self, world):
        hub = next(a for _, _, members in actors.actor_index() for a in members if a.pk == world.hub.pk)
        assert hub.article_count == Article.objects.published().count()


SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def csto():
    csto = ActorFactory(name="CSTO", slug="csto", kind="organisation")
    ActorRelationFactory(subject=ActorFactory(name="Russia", slug="russia"), object=csto)
    ActorRelationFactory(subject=ActorFactory(name="Uzbekistan", slug="uzbekistan"), object=csto,
                         start_date=datetime.date(2006, 8, 16), end_date=datetime.date(2012, 12, 20))
    ActorRelationFactory(subject=ActorFactory(name="Georgia", slug="georgia"), object=csto, ended=True)
    person = ActorFactory(name="Former Secretary", slug="former", kind="person")
    ActorRelationFactory(subject=person, object=csto, kind=ActorRelation.Kind.MEMBER_OF, ended=True)
    return csto


def node_titles(svg):
    return {a.get("href"): a.find(f"{SVG}title").text for a in svg.iter(f"{SVG}a")}


def test_the_list_says_which_relations_no_longer_hold(client, csto):
    page = client.get("/actors/csto/").content.decode()
    members = re.search(r"<h3>Members</h3>\s*<ul>(.*?)</ul>", page, re.S).group(1)
    assert re.search(r"Georgia</a> <span class=\"count\">\(no longer holds\)", members)
    assert re.search(r"Uzbekistan</a> <span class=\"count\">\(from 16 August 2006 until 20 December 2012\)", members)
    assert not re.search(r"Russia</a> <span", members)


def test_the_svg_marks_relations_that_no_longer_hold(client, csto):
    svg = svg_of(client.get("/actors/csto/").content.decode())
    titles = node_titles(svg)
    assert "no longer holds" in titles["/actors/georgia/"]
    assert "until 20 December 2012" in titles["/actors/uzbekistan/"]
    assert "no longer" not in titles["/actors/russia/"] and "until" not in titles["/actors/russia/"]
    ended = [line for line in svg.iter(f"{SVG}line") if "ref-network__relation--ended" in (line.get("class") or "")]
    assert len(ended) == 3 and all(line.get("stroke-dasharray") for line in ended)
    legend = "".join(svg.find(f".//{SVG}g[@class='ref-network__legend']").itertext())
    assert "no longer holds" in legend


def test_json_ld_lists_only_current_members(client, csto):
    page = client.get("/actors/csto/").content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert [member["name"] for member in data["member"]] == ["Russia"]
    person = client.get("/actors/former/").content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', person, re.S).group(1))
    assert "memberOf" not in data


def test_an_editor_linked_piece_does_not_claim_zero_mentions(client):
    actor = ActorFactory(name="The Kremlin", slug="kremlin")
    article = ArticleFactory(published=True, title="Linked by hand")
    ArticleActor.objects.create(article=article, actor=actor, mentions=0, origin=ArticleActor.Origin.MANUAL)
    page = client.get("/actors/kremlin/").content.decode()
    assert "Linked by hand" in page
    assert "0 times" not in page
    assert "Linked to The Kremlin by our editors" in page
