"""``/archive/<year>/[<month>/[<day>/]]``: commentary by publication date, at its precision."""

from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import DayArchiveView, MonthArchiveView, YearArchiveView

from articles.models import DatePrecision

from .base import PublishedArticlesMixin


class ArchiveMixin(PublishedArticlesMixin):
    """Publication-date archives. A month-precision article belongs to its
    month and year, a year-precision one to its year only, never to a day."""

    template_name = "archive/archive.html"
    month_format = "%m"
    allow_empty = False
    level = "year"
    # Precisions whose articles have an archive one level down (month links
    # from a year, day links from a month): date_list links only to those.
    linkable = (DatePrecision.DAY, DatePrecision.MONTH)

    def get_date_list(self, queryset, date_type=None, ordering="ASC"):
        # (get_dated_queryset has already answered 404 for an empty period.)
        linked = queryset.filter(published_on_precision__in=self.linkable)
        return linked.dates(self.get_date_field(), date_type or self.get_date_list_period(), ordering)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = int(self.get_year())
        crumbs = [(_("Commentary"), reverse("articles:list"))]
        if self.level == "year":
            crumbs.append((str(year), ""))
        else:
            crumbs.append((str(year), reverse("archive:year", kwargs={"year": f"{year:04d}"})))
        context.update(level=self.level, crumbs=crumbs, period=gettext("in {year}").format(year=year))
        return context


class ArticleYearArchiveView(ArchiveMixin, YearArchiveView):
    make_object_list = True
    level = "year"


class ArticleMonthArchiveView(ArchiveMixin, MonthArchiveView):
    level = "month"
    linkable = (DatePrecision.DAY,)

    def get_queryset(self):
        return super().get_queryset().exclude(published_on_precision=DatePrecision.YEAR)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["crumbs"].append((date_format(context["month"], "F"), ""))
        context["period"] = gettext("in {month}").format(month=date_format(context["month"], gettext("F Y")))
        return context


class ArticleDayArchiveView(ArchiveMixin, DayArchiveView):
    level = "day"

    def get_queryset(self):
        return super().get_queryset().filter(published_on_precision=DatePrecision.DAY)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        day = context["day"]
        context["crumbs"].append(
            (date_format(day, "F"), reverse("archive:month", kwargs={"year": f"{day.year:04d}", "month": f"{day.month:02d}"}))
        )
        context["crumbs"].append((str(day.day), ""))
        context["period"] = gettext("on {day}").format(day=date_format(day, gettext("j F Y")))
        return context
