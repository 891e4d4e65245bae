"""
Server-rendered SVG visuals for the reference pages: shared escaping and layout
helpers (this module), the actor network (``network``) and the timeline (``timeline``).

Pure functions: they take plain data (no models, no database) and return
markup. Every piece of text and every attribute value is escaped before it is
joined into the markup, and only the finished string is marked safe. Layouts
are deterministic (same input, same output), so pages cache well and tests can
pin them.

The visuals are ``role="group"`` named by their ``<title>`` and described by
their ``<desc>`` (not ``role="img"``: an image must not hold links, and these
do). Each link is named by its visible label first, then what the picture says
about it. Each page puts an equivalent text list next to the picture, so the
picture's links are left out of the tab order (``tabindex="-1"``): keyboard
users follow the same links in the text list; mouse, touch and screen-reader
users can follow them in the picture.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

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
# The legend's words for the node colours.
KIND_LABELS = {
    "country": _("country"),
    "organisation": _("organisation"),
    "person": _("person"),
    "group": _("group"),
    "place": _("place"),
}
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
    """At most ``limit`` characters, cut at a word boundary where one is near, with an ellipsis."""
    value = " ".join(str(value).split())
    if len(value) <= limit:
        return value
    cut = value[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-–") + "…"


def text_width(value: str, font_size: float) -> float:
    return len(value) * font_size * _GLYPH_WIDTH


def _num(value: float) -> str:
    """Stable, compact number formatting for coordinates."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _link(href: str, inner: str, label: str) -> str:
    """A link around ``inner``; ``label`` (its accessible name) must start with the visible text."""
    href = safe_href(href)
    if not href:
        return f"<g>{inner}</g>"
    return f'<a href="{text(href)}" tabindex="-1" aria-label="{text(label)}">{inner}</a>'


def _open_svg(width: float, height: float, id_prefix: str, title: str, desc: str, css_class: str) -> str:
    prefix = text(id_prefix)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{text(css_class)}" '
        f'viewBox="0 0 {_num(width)} {_num(height)}" width="{_num(width)}" height="{_num(height)}" '
        f'role="group" aria-labelledby="{prefix}-title {prefix}-desc" '
        f'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif">'
        f'<title id="{prefix}-title">{text(title)}</title>'
        f'<desc id="{prefix}-desc">{text(desc)}</desc>'
    )
