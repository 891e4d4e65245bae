"""The actor network: relations and co-mentions around one actor."""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe

from .common import _DEFAULT_COLOURS, _HALO, KIND_COLOURS, KIND_LABELS, _link, _num, _open_svg, shorten, text


@dataclass(frozen=True)
class Node:
    key: str
    label: str
    href: str = ""
    kind: str = ""


@dataclass(frozen=True)
class Edge:
    """A line from the centre to ``target``.

    ``kind`` is "relation" (solid, with ``label`` such as "is a member of";
    dotted when ``ended``) or "co-mention" (dashed, ``weight`` = number of
    articles mentioning both).
    """

    target: str
    kind: str
    label: str = ""
    weight: int = 1
    ended: bool = False


def actor_network_svg(
    centre: Node,
    neighbours: list[Node],
    edges: list[Edge],
    *,
    id_prefix: str = "actor-network",
    title: str = "",
    desc: str = "",
) -> SafeString:
    """A radial picture: the actor in the middle, related and co-mentioned actors around it.

    Neighbours are placed on a circle in the order given (callers sort them),
    starting at twelve o'clock and going clockwise. Labels stay apart for up
    to about 24 neighbours; callers draw at most that many and list the rest.
    """
    # Wide enough for a 26-character label on either side of the circle.
    size, cx, cy = 900.0, 450.0, 250.0
    radius = 190.0 if len(neighbours) > 1 else 150.0
    kinds = list(dict.fromkeys(node.kind for node in [centre, *neighbours] if node.kind in KIND_COLOURS))
    height = 540.0 + (28.0 if kinds else 0.0)
    legend_y = 540.0 - 34
    title = title or f"Relations and co-mentions of {centre.label}"
    if not desc:
        desc = (
            f"{centre.label} in the centre, linked to {len(neighbours)} actors: "
            "solid lines are stated relations, dashed lines mean the actors are mentioned "
            "in the same published commentary (thicker = more articles)."
        )
    parts = [_open_svg(size, height, id_prefix, title, desc, "ref-svg ref-network")]

    positions = {}
    count = len(neighbours)
    for index, node in enumerate(neighbours):
        angle = -math.pi / 2 + (2 * math.pi * index / count if count else 0)
        positions[node.key] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle), angle)

    max_weight = max((e.weight for e in edges if e.kind == "co-mention"), default=1) or 1
    lines = []
    # Co-mentions first, so a stated relation to the same actor is drawn on top.
    for edge in sorted(edges, key=lambda e: e.kind == "relation"):
        if edge.target not in positions:
            continue
        x, y, _ = positions[edge.target]
        if edge.kind == "relation":
            style = (
                'class="ref-network__relation ref-network__relation--ended" stroke-dasharray="1 5" '
                'stroke-linecap="round" stroke-width="3"'
                if edge.ended
                else 'class="ref-network__relation" stroke-width="2"'
            )
            lines.append(
                f'<line {style} x1="{_num(cx)}" y1="{_num(cy)}" '
                f'x2="{_num(x)}" y2="{_num(y)}" stroke="#374151"/>'
            )
        else:
            width = 1 + 4 * (max(edge.weight, 1) / max_weight)
            lines.append(
                f'<line class="ref-network__comention" x1="{_num(cx)}" y1="{_num(cy)}" '
                f'x2="{_num(x)}" y2="{_num(y)}" stroke="#6b7280" stroke-width="{_num(width)}" '
                f'stroke-dasharray="6 4"/>'
            )
    parts.append(f'<g aria-hidden="true">{"".join(lines)}</g>')

    edge_notes: dict[str, list[str]] = {}
    for edge in edges:
        if edge.kind == "relation":
            edge_notes.setdefault(edge.target, []).append(edge.label)
        else:
            n = edge.weight
            edge_notes.setdefault(edge.target, []).append(
                f"mentioned together in {n} article{'s' if n != 1 else ''}"
            )

    for node in neighbours:
        x, y, angle = positions[node.key]
        fill, stroke = KIND_COLOURS.get(node.kind, _DEFAULT_COLOURS)
        cos = math.cos(angle)
        if cos > 0.05:
            anchor, lx = "start", x + 14
        elif cos < -0.05:
            anchor, lx = "end", x - 14
        else:  # straight above or below the centre
            anchor, lx = "middle", x
        ly = y + 4 if anchor != "middle" else (y - 16 if math.sin(angle) < 0 else y + 24)
        label = shorten(node.label, 30)
        note = "; ".join(edge_notes.get(node.key, []))
        full = f"{node.label} ({note})" if note else node.label
        inner = (
            f"<title>{text(full)}</title>"
            f'<circle class="ref-network__node ref-kind-{text(node.kind)}" cx="{_num(x)}" cy="{_num(y)}" '
            f'r="9" fill="{fill}" stroke="{stroke}" stroke-width="2"/>'
            f'<text x="{_num(lx)}" y="{_num(ly)}" text-anchor="{anchor}" font-size="13" '
            f'{_HALO}fill="#111827">{text(label)}</text>'
        )
        parts.append(_link(node.href, inner, full))

    fill, stroke = KIND_COLOURS.get(centre.kind, _DEFAULT_COLOURS)
    centre_label = shorten(centre.label, 32)
    parts.append(
        f'<g class="ref-network__centre"><circle cx="{_num(cx)}" cy="{_num(cy)}" r="16" '
        f'fill="{fill}" stroke="{stroke}" stroke-width="3"/>'
        f'<text x="{_num(cx)}" y="{_num(cy + 38)}" text-anchor="middle" font-size="15" '
        f'font-weight="700" {_HALO}fill="#111827">{text(centre_label)}</text></g>'
    )
    if not neighbours:
        parts.append(
            f'<text x="{_num(cx)}" y="{_num(cy - 40)}" text-anchor="middle" font-size="13" '
            f'fill="#374151">No relations or co-mentions recorded yet.</text>'
        )
    parts.append(
        f'<g class="ref-network__legend" aria-hidden="true" font-size="12" fill="#374151">'
        f'<line x1="16" y1="{_num(legend_y)}" x2="56" y2="{_num(legend_y)}" stroke="#374151" stroke-width="2"/>'
        f'<text x="64" y="{_num(legend_y + 4)}">stated relation</text>'
        f'<line x1="200" y1="{_num(legend_y)}" x2="240" y2="{_num(legend_y)}" stroke="#6b7280" '
        f'stroke-width="3" stroke-dasharray="6 4"/>'
        f'<text x="248" y="{_num(legend_y + 4)}">mentioned in the same articles (thicker = more)</text>'
        + (
            f'<line x1="590" y1="{_num(legend_y)}" x2="630" y2="{_num(legend_y)}" stroke="#374151" '
            f'stroke-width="3" stroke-dasharray="1 5" stroke-linecap="round"/>'
            f'<text x="638" y="{_num(legend_y + 4)}">relation that no longer holds</text>'
            if any(edge.ended for edge in edges)
            else ""
        )
        + "".join(
            f'<circle cx="{_num(26 + 150 * i)}" cy="{_num(legend_y + 30)}" r="7" fill="{KIND_COLOURS[kind][0]}" '
            f'stroke="{KIND_COLOURS[kind][1]}" stroke-width="2"/>'
            f'<text x="{_num(40 + 150 * i)}" y="{_num(legend_y + 34)}">{text(KIND_LABELS.get(kind, kind))}</text>'
            for i, kind in enumerate(kinds)
        )
        + "</g>"
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every value above went through text()
