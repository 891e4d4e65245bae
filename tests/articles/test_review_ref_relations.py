"""Review: relations that no longer hold say so everywhere the actor page shows them:
the list, the SVG picture and the JSON-LD."""

import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest

from actors.models import ActorRelation
from articles.rendering.svg import Edge, Node, actor_network_svg
from tests.support.factories import ActorFactory, ActorRelationFactory

pytestmark = pytest.mark.django_db
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


def svg_of(page):
    return ET.fromstring(re.search(r"<svg.*?</svg>", page, re.S).group(0))  # noqa: S314 - our own output


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


def test_an_ended_relation_is_drawn_dotted_and_explained_in_the_legend():
    centre = Node("c", "CSTO", "", "organisation")
    neighbours = [Node("a", "Now", "/a/", "country"), Node("b", "Then", "/b/", "country")]
    edges = [Edge("a", "relation", "Now is a member"), Edge("b", "relation", "Then was a member", ended=True)]
    root = ET.fromstring(str(actor_network_svg(centre, neighbours, edges)))  # noqa: S314
    classes = sorted(line.get("class") for line in root.iter(f"{SVG}line") if line.get("class"))
    assert classes == ["ref-network__relation", "ref-network__relation ref-network__relation--ended"]
    plain = ET.fromstring(str(actor_network_svg(centre, neighbours[:1], edges[:1])))  # noqa: S314
    assert "no longer" not in "".join(plain.find(f".//{SVG}g[@class='ref-network__legend']").itertext())
