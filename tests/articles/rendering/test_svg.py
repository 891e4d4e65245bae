"""The SVG pictures (articles/rendering/svg/): the actor network and the timeline."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils.safestring import SafeString

from articles.rendering.svg import Edge, Node, TimelineItem, actor_network_svg, safe_href, timeline_svg

SVG = "{http://www.w3.org/2000/svg}"


def parse(markup):
    return ET.fromstring(str(markup))  # noqa: S314 - our own output, parsed to check it


def texts(root):
    return ["".join(el.itertext()) for el in root.iter(f"{SVG}text")]


def network(**overrides):
    centre = Node("csto", "CSTO", "/actors/csto/", "organisation")
    neighbours = [
        Node("russia", "Russia", "/actors/russia/", "country"),
        Node("kazakhstan", "Kazakhstan", "/actors/kazakhstan/", "country"),
        Node("china", "China", "/actors/china/", "country"),
    ]
    edges = [
        Edge("russia", "relation", "Russia is a member of CSTO"),
        Edge("kazakhstan", "relation", "Kazakhstan is a member of CSTO"),
        Edge("russia", "co-mention", weight=3),
        Edge("china", "co-mention", weight=1),
    ]
    kwargs = {"centre": centre, "neighbours": neighbours, "edges": edges} | overrides
    return actor_network_svg(**kwargs)


def events(*labels):
    start = datetime.date(2022, 1, 2)
    return [
        TimelineItem(start + datetime.timedelta(days=i), "day", label, f"#event-e{i}", f"{2 + i} January 2022")
        for i, label in enumerate(labels)
    ]


def test_actor_network_is_well_formed_svg_with_title_and_description():
    markup = network()
    assert isinstance(markup, SafeString)
    root = parse(markup)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "group"  # it holds links: never role="img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{SVG}title").get("id") == title_id
    assert root.find(f"{SVG}desc").get("id") == desc_id
    assert "CSTO" in root.find(f"{SVG}title").text


def test_actor_network_labels_every_actor_and_links_to_its_page():
    root = parse(network())
    labels = texts(root)
    for name in ("CSTO", "Russia", "Kazakhstan", "China"):
        assert name in labels
    hrefs = {a.get("href") for a in root.iter(f"{SVG}a")}
    assert hrefs == {"/actors/russia/", "/actors/kazakhstan/", "/actors/china/"}


def test_actor_network_draws_relations_solid_and_co_mentions_dashed_and_weighted():
    root = parse(network())
    lines = [line for line in root.iter(f"{SVG}line") if line.get("class")]
    relations = [line for line in lines if line.get("class") == "ref-network__relation"]
    comentions = [line for line in lines if line.get("class") == "ref-network__comention"]
    assert len(relations) == 2 and len(comentions) == 2
    assert all(line.get("stroke-dasharray") for line in comentions)
    widths = sorted(float(line.get("stroke-width")) for line in comentions)
    assert widths[0] < widths[1]


def test_actor_network_places_neighbours_clockwise_from_twelve_o_clock_in_the_order_given():
    # The actor page sorts neighbours (relations by kind and name, then co-mentions); the
    # picture must keep that order so the same page always draws the same picture.
    root = parse(network())
    centre = root.find(f".//{SVG}g[@class='ref-network__centre']/{SVG}circle")
    cx, cy = float(centre.get("cx")), float(centre.get("cy"))
    nodes = [
        (float(c.get("cx")), float(c.get("cy")))
        for c in root.iter(f"{SVG}circle")
        if "ref-network__node" in (c.get("class") or "")
    ]
    assert len(nodes) == 3
    (x1, y1), (x2, y2), (x3, y3) = nodes
    assert abs(x1 - cx) < 0.5 and y1 < cy  # Russia, first, straight above the centre
    assert x2 > cx and y2 > cy  # Kazakhstan next, clockwise: lower right
    assert x3 < cx and y3 > cy  # China last: lower left
    labels = [t for t in texts(root) if t in {"Russia", "Kazakhstan", "China"}]
    assert labels == ["Russia", "Kazakhstan", "China"]


def test_a_label_with_markup_stays_text_in_the_network():
    hostile = Node("x", '<script>alert("x")</script> & Co', "/actors/x/", "group")
    markup = network(neighbours=[hostile], edges=[Edge("x", "co-mention", weight=1)])
    assert "<script>" not in str(markup)
    root = parse(markup)
    assert root.find(f".//{SVG}script") is None
    assert any("<script>" in label for label in texts(root))


def test_unsafe_links_are_dropped_from_the_network():
    evil = Node("x", "Evil", "javascript:alert(1)", "group")
    root = parse(network(neighbours=[evil], edges=[]))
    assert not list(root.iter(f"{SVG}a"))
    assert "Evil" in texts(root)
    assert safe_href("//evil.example/") == ""
    assert safe_href("/actors/x/") == "/actors/x/"
    assert safe_href("#event-x") == "#event-x"


def test_network_without_neighbours_says_so():
    root = parse(network(neighbours=[], edges=[]))
    assert any("No relations" in label for label in texts(root))


def test_control_characters_do_not_break_the_xml():
    root = parse(network(centre=Node("c", "Bad\x00\x0bname", "", "person")))
    assert any(label.startswith("Bad") and label.endswith("name") for label in texts(root))


def test_timeline_is_well_formed_and_links_each_marker_to_its_event_anchor():
    markup = timeline_svg(events("Fuel price protests begin", "State of emergency", "CSTO troops arrive"))
    assert isinstance(markup, SafeString)
    root = parse(markup)
    assert root.get("role") == "group"  # it holds links: never role="img"
    assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}desc") is not None
    links = list(root.iter(f"{SVG}a"))
    assert [a.get("href") for a in links] == ["#event-e0", "#event-e1", "#event-e2"]
    assert all(a.find(f"{SVG}circle") is not None for a in links)


def test_timeline_has_a_tick_per_day_and_month_labels():
    root = parse(timeline_svg(events("A", "B")))
    labels = texts(root)
    assert "January 2022" in labels
    # 2 events on consecutive days, padded by a day either side: four day numbers.
    assert {"1", "2", "3", "4"} <= set(labels)


def test_timeline_markers_are_in_date_order_left_to_right():
    root = parse(timeline_svg(list(reversed(events("First", "Second", "Third")))))
    xs = [float(a.find(f"{SVG}circle").get("cx")) for a in root.iter(f"{SVG}a")]
    assert xs == sorted(xs)


def test_timeline_labels_on_the_same_day_go_into_separate_lanes():
    same_day = [
        TimelineItem(datetime.date(2022, 1, 5), "day", "A long label for the first event", "#event-a"),
        TimelineItem(datetime.date(2022, 1, 5), "day", "Another long label for a second one", "#event-b"),
    ]
    root = parse(timeline_svg(same_day))
    ys = {a.find(f"{SVG}text").get("y") for a in root.iter(f"{SVG}a")}
    assert len(ys) == 2


def test_month_precision_event_is_a_bar_spanning_the_month():
    items = [TimelineItem(datetime.date(2022, 1, 1), "month", "Unrest across the month", "#event-m")]
    root = parse(timeline_svg(items))
    bar = root.find(f".//{SVG}rect")
    assert bar is not None and float(bar.get("width")) > 20 * 20


def test_a_label_with_markup_stays_text_in_the_timeline():
    root = parse(timeline_svg(events("<script>alert(1)</script>")))
    assert root.find(f".//{SVG}script") is None
    assert "<script>alert(1)</script>" in texts(root)


def test_empty_timeline_is_still_valid_svg():
    root = parse(timeline_svg([]))
    assert "No events yet." in texts(root)


def test_long_labels_are_shortened_in_the_picture_but_complete_in_the_tooltip():
    long = "A very long event title that goes on and on about the many things that happened"
    root = parse(timeline_svg(events(long)))
    link = next(root.iter(f"{SVG}a"))
    assert link.find(f"{SVG}text").text.endswith("…")
    assert long in link.find(f"{SVG}title").text


@pytest.mark.django_db
def test_an_ended_relation_is_drawn_dotted_and_explained_in_the_legend():
    centre = Node("c", "CSTO", "", "organisation")
    neighbours = [Node("a", "Now", "/a/", "country"), Node("b", "Then", "/b/", "country")]
    edges = [Edge("a", "relation", "Now is a member"), Edge("b", "relation", "Then was a member", ended=True)]
    root = ET.fromstring(str(actor_network_svg(centre, neighbours, edges)))  # noqa: S314
    classes = sorted(line.get("class") for line in root.iter(f"{SVG}line") if line.get("class"))
    assert classes == ["ref-network__relation", "ref-network__relation ref-network__relation--ended"]
    plain = ET.fromstring(str(actor_network_svg(centre, neighbours[:1], edges[:1])))  # noqa: S314
    assert "no longer" not in "".join(plain.find(f".//{SVG}g[@class='ref-network__legend']").itertext())


def test_each_link_in_the_network_is_named_by_its_visible_label_first():
    long = Node("x", "Collective Security Treaty Organization of Eurasian States", "/actors/x/", "organisation")
    root = parse(network(neighbours=[long], edges=[Edge("x", "co-mention", weight=2)]))
    (link,) = root.iter(f"{SVG}a")
    visible = "".join(link.find(f"{SVG}text").itertext())
    assert visible.endswith("…") and " " not in visible[-2:]  # cut between words
    assert link.get("aria-label").startswith(visible.rstrip("…"))
    assert "mentioned together in 2 articles" in link.get("aria-label")


def test_the_network_legend_names_the_colour_of_each_kind_of_actor_drawn():
    legend = parse(network()).find(f".//{SVG}g[@class='ref-network__legend']")
    words = ["".join(t.itertext()) for t in legend.iter(f"{SVG}text")]
    assert {"country", "organisation"} <= set(words)
    assert "place" not in words  # only kinds in the picture


def test_timeline_labels_sit_above_every_leader_line():
    root = parse(timeline_svg(events("Protests begin in Zhanaozen", "CSTO request", "Troops leave")))
    children = list(root)
    leaders = next(i for i, el in enumerate(children) if el.get("class") == "ref-timeline__leaders")
    first_link = next(i for i, el in enumerate(children) if el.tag == f"{SVG}a")
    assert leaders < first_link
    for link in root.iter(f"{SVG}a"):
        visible = "".join(link.find(f"{SVG}text").itertext())
        assert link.get("aria-label").startswith(visible.rstrip("…"))
