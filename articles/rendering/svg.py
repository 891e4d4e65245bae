"""
Server-rendered SVG visuals for the reference pages.

Pure functions: they take plain data (no models, no database) and return
markup. Every piece of text and every attribute value is escaped before it is
joined into the markup, and only the finished string is marked safe. Layouts
are deterministic (same input, same output), so pages cache well and tests can
pin them.

The visuals are ``role="img"`` with a ``<title>`` and ``<desc>``; assistive
technology reads those, and each page puts an equivalent text list next to the
picture. Links inside the picture are therefore left out of the tab order
(``tabindex="-1"``): keyboard users follow the same links in the text list.
"""

from __future__ import annotations

import calendar
import datetime
import math
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Characters XML 1.0 forbids even when escaped (C0 controls except tab/LF/CR).
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SAFE_HREF = re.compile(r"^(/(?!/)|#|https?://)", re.I)

# A rough average glyph width for the system sans-serif at 1 px font size:
# enough to keep labels from overlapping without measuring fonts.
_GLYPH_WIDTH = 0.56

KIND_COLOURS = {
    # Fill and stroke per actor kind; chosen for contrast on white (≥ 3:1 for
    # the strokes, text is always dark on light).
    "country": ("#dbeafe", "#1d4ed8"),
    "organisation": ("#fef3c7", "#92400e"),
    "person": ("#dcfce7", "#166534"),
    "group": ("#fce7f3", "#9d174d"),
    "place": ("#ede9fe", "#5b21b6"),
}
_DEFAULT_COLOURS = ("#f3f4f6", "#374151")
# A white outline under label text keeps it legible where lines cross it.
_HALO = 'stroke="#ffffff" stroke-width="4" stroke-linejoin="round" paint-order="stroke" '



def text(value) -> str:
    """Escape any value for use as SVG text or attribute value."""
    return escape(_XML_FORBIDDEN.sub("", str(value)))


def safe_href(href: str) -> str:
    """Only site-relative paths, fragments and http(s) links; anything else is dropped."""
    href = (href or "").strip()
    return href if _SAFE_HREF.match(href) else ""


def shorten(value: str, limit: int) -> str:
    value = " ".join(str(value).split())
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def text_width(value: str, font_size: float) -> float:
    return len(value) * font_size * _GLYPH_WIDTH


def _num(value: float) -> str:
    """Stable, compact number formatting for coordinates."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _link(href: str, inner: str, label: str) -> str:
    href = safe_href(href)
    if not href:
        return f"<g>{inner}</g>"
    return f'<a href="{text(href)}" tabindex="-1" aria-label="{text(label)}">{inner}</a>'


def _open_svg(width: float, height: float, id_prefix: str, title: str, desc: str, css_class: str) -> str:
    prefix = text(id_prefix)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{text(css_class)}" '
        f'viewBox="0 0 {_num(width)} {_num(height)}" width="{_num(width)}" height="{_num(height)}" '
        f'role="img" aria-labelledby="{prefix}-title {prefix}-desc" '
        f'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif">'
        f'<title id="{prefix}-title">{text(title)}</title>'
        f'<desc id="{prefix}-desc">{text(desc)}</desc>'
    )


# --------------------------------------------------------------------------
# Actor network: relations and co-mentions around one actor
# --------------------------------------------------------------------------


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
    height = 540.0
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
        f'<line x1="16" y1="{_num(height - 34)}" x2="56" y2="{_num(height - 34)}" stroke="#374151" stroke-width="2"/>'
        f'<text x="64" y="{_num(height - 30)}">stated relation</text>'
        f'<line x1="200" y1="{_num(height - 34)}" x2="240" y2="{_num(height - 34)}" stroke="#6b7280" '
        f'stroke-width="3" stroke-dasharray="6 4"/>'
        f'<text x="248" y="{_num(height - 30)}">mentioned in the same articles (thicker = more)</text>'
        + (
            f'<line x1="590" y1="{_num(height - 34)}" x2="630" y2="{_num(height - 34)}" stroke="#374151" '
            f'stroke-width="3" stroke-dasharray="1 5" stroke-linecap="round"/>'
            f'<text x="638" y="{_num(height - 30)}">relation that no longer holds</text>'
            if any(edge.ended for edge in edges)
            else ""
        )
        + "</g>"
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every value above went through text()


# --------------------------------------------------------------------------
# Timeline: events on a day axis
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineItem:
    date: datetime.date
    precision: str  # "day", "month" or "year"
    label: str
    href: str = ""
    date_label: str = ""


def period_end(date: datetime.date, precision: str) -> datetime.date:
    """Last day of the period a partial date stands for."""
    if precision == "year":
        return datetime.date(date.year, 12, 31)
    if precision == "month":
        return datetime.date(date.year, date.month, calendar.monthrange(date.year, date.month)[1])
    return date


def _period_start(date: datetime.date, precision: str) -> datetime.date:
    if precision == "year":
        return datetime.date(date.year, 1, 1)
    if precision == "month":
        return date.replace(day=1)
    return date


def timeline_svg(
    items: list[TimelineItem],
    *,
    id_prefix: str = "timeline-visual",
    title: str = "Timeline of events",
    desc: str = "",
) -> SafeString:
    """Events on a horizontal axis by day.

    The axis spans the events dated to the day (a day either side). Those are
    dots on the axis, labelled in lanes above it so labels never overlap.
    Events known only to the month or year go in a band below the axis, one
    row each: a bar over the part of their period the axis shows, or an arrow
    at the edge when the period lies wholly before or after it. Every marker
    and label links to ``item.href``.
    """
    font = 12.0
    margin_x, lane_height, row_height = 24.0, 20.0, 34.0
    items = sorted(items, key=lambda i: (_period_start(i.date, i.precision), i.precision != "day", i.label))
    if not items:
        parts = [_open_svg(640, 60, id_prefix, title, desc or "No events yet.", "ref-svg ref-timeline")]
        parts.append('<text x="16" y="36" font-size="13" fill="#374151">No events yet.</text></svg>')
        return mark_safe("".join(parts))  # noqa: S308

    precise = [i for i in items if i.precision == "day"]
    imprecise = [i for i in items if i.precision != "day"]
    basis = precise or items
    first = min(_period_start(i.date, i.precision) for i in basis) - datetime.timedelta(days=1)
    last = max(period_end(i.date, i.precision) for i in basis) + datetime.timedelta(days=1)
    days = (last - first).days + 1
    plot_width = min(max(days * 30.0, 560.0), 1600.0)
    per_day = plot_width / days
    plot_end = margin_x + plot_width

    def x_of(day: datetime.date) -> float:
        return margin_x + (day - first).days * per_day + per_day / 2

    # Lanes for the day events' labels, filled greedily left to right: a label
    # goes into the first lane whose previous label ends before it starts.
    lane_ends: list[float] = []
    placed = []
    for item in precise:
        x = x_of(item.date)
        label = shorten(item.label, 38)
        start, end = x - 4, x + 8 + text_width(label, font)
        for lane, lane_end in enumerate(lane_ends):
            if start > lane_end + 6:
                lane_ends[lane] = end
                break
        else:
            lane = len(lane_ends)
            lane_ends.append(end)
        placed.append((item, x, label, lane))
    lanes = max(len(lane_ends), 1)
    axis_y = 16 + lanes * lane_height + 20
    band_top = axis_y + 60
    height = band_top + (len(imprecise) * row_height + 20 if imprecise else 0)
    width = max([plot_end + margin_x, *(end + margin_x for end in lane_ends)])

    if not desc:
        desc = (
            f"{len(items)} events from {items[0].date_label or items[0].date.isoformat()} "
            f"to {items[-1].date_label or items[-1].date.isoformat()}, on an axis by day."
        )
    parts = [_open_svg(width, height, id_prefix, title, desc, "ref-svg ref-timeline")]

    # The axis: a tick per day when there is room, day numbers when they fit,
    # month names at month starts (years when months are too narrow).
    axis = [
        f'<line x1="{_num(margin_x)}" y1="{_num(axis_y)}" x2="{_num(plot_end)}" '
        f'y2="{_num(axis_y)}" stroke="#374151" stroke-width="1.5"/>'
    ]
    number_every = 1 if per_day >= 18 else (7 if per_day * 7 >= 18 else 0)
    months_fit = per_day * 28 >= 90
    for offset in range(days):
        day = first + datetime.timedelta(days=offset)
        x = x_of(day)
        period_start = offset == 0 or (day.day == 1 if months_fit else (day.month, day.day) == (1, 1))
        if per_day >= 3 or period_start:
            axis.append(
                f'<line x1="{_num(x)}" y1="{_num(axis_y)}" x2="{_num(x)}" '
                f'y2="{_num(axis_y + (8 if period_start else 4))}" stroke="#374151" stroke-width="1"/>'
            )
        if number_every and (day.day - 1) % number_every == 0:
            axis.append(
                f'<text x="{_num(x)}" y="{_num(axis_y + 20)}" text-anchor="middle" font-size="11" '
                f'fill="#374151">{day.day}</text>'
            )
        if period_start:
            name = day.strftime("%B %Y") if months_fit else str(day.year)
            axis.append(
                f'<text x="{_num(x - per_day / 2)}" y="{_num(axis_y + 40)}" font-size="12" '
                f'font-weight="600" fill="#111827">{text(name)}</text>'
            )
    parts.append(f'<g class="ref-timeline__axis" aria-hidden="true">{"".join(axis)}</g>')

    for item, x, label, lane in placed:
        label_y = 16 + (lanes - lane - 1) * lane_height + font
        full = f"{item.date_label}: {item.label}" if item.date_label else item.label
        inner = (
            f"<title>{text(full)}</title>"
            f'<line x1="{_num(x)}" y1="{_num(label_y + 4)}" x2="{_num(x)}" y2="{_num(axis_y - 6)}" '
            f'stroke="#9ca3af" stroke-width="1"/>'
            f'<circle class="ref-timeline__marker" cx="{_num(x)}" cy="{_num(axis_y)}" r="6" '
            f'fill="#1d4ed8" stroke="#ffffff" stroke-width="2"/>'
            f'<text x="{_num(x - 4)}" y="{_num(label_y)}" font-size="{_num(font)}" fill="#111827">'
            f"{text(label)}</text>"
        )
        parts.append(_link(item.href, inner, full))

    if imprecise:
        parts.append(
            f'<text x="{_num(margin_x)}" y="{_num(band_top)}" font-size="12" font-style="italic" '
            f'fill="#374151">Known only to the month or year:</text>'
        )
    for row, item in enumerate(imprecise):
        top = band_top + 8 + row * row_height
        bar_y = top + 18
        start, end = _period_start(item.date, item.precision), period_end(item.date, item.precision)
        full = f"{item.date_label}: {item.label}" if item.date_label else item.label
        label = shorten(full, 70)
        label_w = text_width(label, font)
        if end < first:  # wholly before the axis: an arrow at its left end
            shape = _arrow(margin_x, bar_y, -1)
            lx, anchor = margin_x + 14, "start"
        elif start > last:  # wholly after it
            shape = _arrow(plot_end, bar_y, 1)
            lx, anchor = plot_end - 14, "end"
        else:
            x1 = x_of(max(start, first)) - per_day / 2
            x2 = x_of(min(end, last)) + per_day / 2
            shape = (
                f'<rect class="ref-timeline__span" x="{_num(x1)}" y="{_num(bar_y - 4)}" '
                f'width="{_num(max(x2 - x1, 4))}" height="8" rx="3" fill="#fde68a" stroke="#92400e"/>'
            )
            if start < first:
                shape += _arrow(x1, bar_y, -1)
            if end > last:
                shape += _arrow(x2, bar_y, 1)
            lx, anchor = (x1, "start") if x1 + label_w <= width - margin_x else (x2, "end")
        inner = (
            f"<title>{text(full)}</title>{shape}"
            f'<text x="{_num(lx)}" y="{_num(top + 8)}" text-anchor="{anchor}" font-size="{_num(font)}" '
            f'fill="#111827">{text(label)}</text>'
        )
        parts.append(_link(item.href, inner, full))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every value above went through text()


def _arrow(x: float, y: float, direction: int) -> str:
    """A small triangle pointing left (-1) or right (1) from ``x``: the period goes on that way."""
    tip = x + 9 * direction
    return (
        f'<path d="M{_num(x)} {_num(y - 6)} L{_num(tip)} {_num(y)} L{_num(x)} {_num(y + 6)} Z" '
        f'fill="#92400e"/>'
    )
