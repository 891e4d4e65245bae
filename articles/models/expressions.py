"""Query expressions shared by the query plans."""

from django.db.models import IntegerField, Subquery


class SubqueryCount(Subquery):
    """COUNT(*) of a correlated subquery: counts without joins, so they never multiply."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _count)"
    output_field = IntegerField()
