"""Writes and sums for article ratings.

A vote changes no cached copy: every page shows its rating summary through a hole
(``articles.pagecache``) filled per request by ``summary_html``.
"""

from django.db import transaction
from django.db.models import Avg, Count
from django.utils import timezone

from articles.comments.services import hash_client_ip
from articles.models import Article

from .models import Vote


@transaction.atomic
def cast_vote(*, article: Article, score: int, client_ip: str) -> tuple[Vote, bool]:
    """Record the reader's vote, replacing their earlier one: (vote, created)."""
    if not article.is_published:
        raise Article.DoesNotExist("Only published articles can be rated.")
    client_hash = hash_client_ip(client_ip)
    vote = Vote.objects.select_for_update().filter(article=article, client_hash=client_hash).first()
    created = vote is None
    if created:
        vote = Vote(article=article, client_hash=client_hash)
    vote.score = score
    vote.updated_at = timezone.now()
    vote.full_clean(validate_constraints=False)
    vote.save()
    return vote, created


def summary_text(count: int, average: float | None) -> str:
    """What the page says of its votes: "4.2 from 12 votes" (in the reader's language)."""
    from django.template.defaultfilters import floatformat
    from django.utils.translation import gettext, ngettext

    if not count:
        return gettext("No votes yet")
    # The msgids of the template's former {% blocktranslate count %}: the catalogues keep them.
    return ngettext("%(average)s from %(counter)s vote", "%(average)s from %(counter)s votes", count) % {
        "average": floatformat(average, 1), "counter": count,
    }


def summary_html(article_pk: int) -> str:
    """The summary of the article's votes as they are now, escaped: one query on every
    request for a page kept with holes, so plain SQL (building the ORM's aggregate took
    longer than running it)."""
    from django.db import connection
    from django.utils.html import escape

    table = connection.ops.quote_name(Vote._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*), AVG(score) FROM {table} WHERE article_id = %s", [article_pk])  # noqa: S608 (a table name)
        count, average = cursor.fetchone()
    # Not rounded first: summary_text rounds once, as for a freshly rendered page.
    return escape(summary_text(count, average))


def with_rating(queryset):
    """Annotate ``rating_average`` and ``rating_count`` in the same SELECT (no extra query)."""
    from django.db.models import FloatField, IntegerField, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    votes = Vote.objects.filter(article=OuterRef("pk")).order_by().values("article")
    return queryset.annotate(
        rating_average=Subquery(votes.annotate(a=Avg("score")).values("a")[:1], output_field=FloatField()),
        rating_count=Coalesce(
            Subquery(votes.annotate(c=Count("pk")).values("c")[:1], output_field=IntegerField()), 0
        ),
    )
