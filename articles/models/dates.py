"""Partial dates: a date known to the day, the month or only the year.

The one home of every partial-date rule: how such a date is stored (on the
first day of its period), shown, written for machines, and where its period
starts and ends. Models, filters, archives and the SVG timeline all use these.
"""

import calendar
import datetime

from django.db import models
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    DAY = "day", _("Exact day")
    MONTH = "month", _("Month only")
    YEAR = "year", _("Year only")


def format_partial_date(value: datetime.date | None, precision: str) -> str:
    """Human date at its known precision: '20 January 2022', 'January 2022', '2022'."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return format_date(value, gettext("F Y"))
    return format_date(value, gettext("j F Y"))


def iso_partial_date(value: datetime.date | None, precision: str) -> str:
    """Machine-readable date at its precision, for <time datetime> and JSON-LD."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


class PartialDateMixin:
    """For models with a ``<prefix>`` date and ``<prefix>_precision`` pair."""

    partial_date_field = "date"

    @property
    def date_display(self):
        field = self.partial_date_field
        return format_partial_date(getattr(self, field), getattr(self, f"{field}_precision"))

    @property
    def date_iso(self):
        field = self.partial_date_field
        return iso_partial_date(getattr(self, field), getattr(self, f"{field}_precision"))


def period_start(value: datetime.date, precision: str) -> datetime.date:
    """First day of the period a partial date stands for."""
    if precision == DatePrecision.YEAR:
        return value.replace(month=1, day=1)
    if precision == DatePrecision.MONTH:
        return value.replace(day=1)
    return value


def period_end(value: datetime.date, precision: str) -> datetime.date:
    """Last day of the period a partial date stands for."""
    if precision == DatePrecision.YEAR:
        return datetime.date(value.year, 12, 31)
    if precision == DatePrecision.MONTH:
        return datetime.date(value.year, value.month, calendar.monthrange(value.year, value.month)[1])
    return value


def normalise_partial_date(value, precision):
    """Store month/year-precision dates on the first day of their period."""
    if value is None:
        return None
    return period_start(value, precision)


# --------------------------------------------------------------------------
# Themes (django-taggit with our own tag model)
# --------------------------------------------------------------------------
