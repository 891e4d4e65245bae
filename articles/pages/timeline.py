"""``/timeline/``: every event in date order, with the SVG overview."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from articles.models import Event
from articles.rendering.svg import TimelineItem, timeline_svg

from . import jsonld
from .base import EVENT_ARTICLES_SHOWN, PageMixin


class TimelineView(PageMixin, TemplateView):
    template_name = "timeline.html"

    def page_context(self, **kwargs):
        events = list(Event.objects.for_timeline(shown=EVENT_ARTICLES_SHOWN))  # 3 queries
        visual = timeline_svg(
            [
                TimelineItem(e.date, e.date_precision, e.title, f"#event-{e.slug}", e.date_display)
                for e in events
            ],
            id_prefix="timeline-visual",
            title=gettext("Timeline of the January 2022 Kazakhstan crisis"),
        )
        return {
            "events": events,
            "timeline_svg": visual,
            "page_title": _("Timeline"),
            "page_description": _("What happened when in the January 2022 Kazakhstan crisis: events in date "
                                  "order, who was involved, and the commentary that discusses each."),
        }

    def jsonld(self, context):
        return jsonld.timeline(context["events"], self.request)
