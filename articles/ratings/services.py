"""Writes and sums for article ratings."""

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
    transaction.on_commit(lambda: forget_article_pages(article))
    return vote, created


def forget_article_pages(article: Article) -> None:
    """The article's page shows its average: drop its cached copies in every language."""
    from django.conf import settings
    from django.utils import translation

    from articles import pagecache

    paths = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            paths.append(article.get_absolute_url())
    pagecache.forget_pages(paths)


def summary(article) -> dict:
    """{"average": 4.2 or None, "count": 12}, one query."""
    data = Vote.objects.filter(article=article).aggregate(average=Avg("score"), count=Count("pk"))
    return {"average": round(data["average"], 1) if data["average"] is not None else None, "count": data["count"]}


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
