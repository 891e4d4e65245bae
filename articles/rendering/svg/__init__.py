"""Server-rendered SVG visuals (see ``common`` for the escaping and accessibility rules)."""

from .common import KIND_COLOURS, safe_href, shorten, text
from .network import Edge, Node, actor_network_svg
from .timeline import TimelineItem, timeline_svg

__all__ = ["KIND_COLOURS", "Edge", "Node", "TimelineItem", "actor_network_svg", "safe_href", "shorten", "text", "timeline_svg"]
