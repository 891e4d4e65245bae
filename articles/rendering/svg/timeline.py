"""The timeline: events on a day axis, partial dates drawn as the periods they stand for."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe

from articles.models.dates import period_end, period_start

from .common import _HALO, _link, _num, _open_svg, shorten, text, text_width


@dataclass(frozen=True)
class TimelineItem:
    date: datetime.date
    precision: str  # "day", "month" or "year"
    label: str
    href: str = ""
    date_label: str = ""


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
    items = sorted(items, key=lambda i: (period_start(i.date, i.precision), i.precision != "day", i.label))
    if not items:
        parts = [_open_svg(640, 60, id_prefix, title, desc or "No events yet.", "ref-svg ref-timeline")]
        parts.append('<text x="16" y="36" font-size="13" fill="#374151">No events yet.</text></svg>')
        return mark_safe("".join(parts))  # noqa: S308

    precise = [i for i in items if i.precision == "day"]
    imprecise = [i for i in items if i.precision != "day"]
    basis = precise or items
    first = min(period_start(i.date, i.precision) for i in basis) - datetime.timedelta(days=1)
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
        tick_starts_period = offset == 0 or (day.day == 1 if months_fit else (day.month, day.day) == (1, 1))
        if per_day >= 3 or tick_starts_period:
            axis.append(
                f'<line x1="{_num(x)}" y1="{_num(axis_y)}" x2="{_num(x)}" '
                f'y2="{_num(axis_y + (8 if tick_starts_period else 4))}" stroke="#374151" stroke-width="1"/>'
            )
        if number_every and (day.day - 1) % number_every == 0:
            axis.append(
                f'<text x="{_num(x)}" y="{_num(axis_y + 20)}" text-anchor="middle" font-size="11" '
                f'fill="#374151">{day.day}</text>'
            )
        if tick_starts_period:
            name = day.strftime("%B %Y") if months_fit else str(day.year)
            axis.append(
                f'<text x="{_num(x - per_day / 2)}" y="{_num(axis_y + 40)}" font-size="12" '
                f'font-weight="600" fill="#111827">{text(name)}</text>'
            )
    parts.append(f'<g class="ref-timeline__axis" aria-hidden="true">{"".join(axis)}</g>')

    # Leader lines first, all of them, so no line is drawn over another event's label
    # (labels also carry a white halo where a line passes behind them).
    leaders = [
        f'<line x1="{_num(x)}" y1="{_num(16 + (lanes - lane - 1) * lane_height + font + 4)}" '
        f'x2="{_num(x)}" y2="{_num(axis_y - 6)}" stroke="#9ca3af" stroke-width="1"/>'
        for _item, x, _label, lane in placed
    ]
    parts.append(f'<g class="ref-timeline__leaders" aria-hidden="true">{"".join(leaders)}</g>')
    for item, x, label, lane in placed:
        label_y = 16 + (lanes - lane - 1) * lane_height + font
        # The link's name starts with the visible label.
        full = f"{item.label} ({item.date_label})" if item.date_label else item.label
        inner = (
            f"<title>{text(full)}</title>"
            f'<circle class="ref-timeline__marker" cx="{_num(x)}" cy="{_num(axis_y)}" r="6" '
            f'fill="#1d4ed8" stroke="#ffffff" stroke-width="2"/>'
            f'<text x="{_num(x - 4)}" y="{_num(label_y)}" font-size="{_num(font)}" {_HALO}fill="#111827">'
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
        start, end = period_start(item.date, item.precision), period_end(item.date, item.precision)
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
