"""Storing detected mentions as ``ArticleActor`` rows, never undoing an editor's choice
(see ``detect`` for the rules): per article on every save, or for every article
after an actor or alias changes."""

from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.utils import translation

from actors.models import Actor
from articles import pagecache
from articles.models import Article, ArticleActor

from .detect import _plain_text, detect_mentions


def article_text(article: Article) -> str:
    """The text mention detection reads: the body and every contribution."""
    sections = [article.body]
    sections += [c.body for c in article.contributions.all()]
    return "\n\n".join(_plain_text(section) for section in sections if section)


def _actor_names():
    # The English names, whatever language the request runs in (an editor's admin
    # may be in Russian or Kazakh): detection reads them, as it always has.
    with translation.override(settings.LANGUAGE_CODE):
        actors = Actor.objects.prefetch_related("aliases").only("id", "name")
        return [(a.pk, a.names()) for a in actors]


def _reconcile(article, counts, existing, to_create, to_update, to_delete):
    """Plan the row changes for one article; editors' manual choices stay."""
    for actor_id, row in existing.items():
        count = counts.get(actor_id, 0)
        if row.origin == ArticleActor.Origin.DETECTED and count == 0:
            to_delete.append(row.pk)
        elif row.mentions != count:
            # Manual and excluded rows keep their origin; only the count moves.
            row.mentions = count
            to_update.append(row)
    for actor_id, count in counts.items():
        if actor_id not in existing:
            to_create.append(
                ArticleActor(
                    article=article,
                    actor_id=actor_id,
                    mentions=count,
                    origin=ArticleActor.Origin.DETECTED,
                )
            )


def _write(to_create, to_update, to_delete):
    if to_create or to_update or to_delete:
        pagecache.bump()  # bulk writes send no signals
    if to_create:
        ArticleActor.objects.bulk_create(to_create)
    if to_update:
        ArticleActor.objects.bulk_update(to_update, ["mentions"])
    if to_delete:
        ArticleActor.objects.filter(pk__in=to_delete).delete()
    return len(to_create), len(to_update), len(to_delete)


@transaction.atomic
def refresh_actor_mentions(*, article: Article) -> None:
    """Recompute the article's detected actor mentions; keep editors' choices.

    A fixed number of queries whatever the number of actors: actors with
    their aliases (two), contributions (one), the article's current rows
    (one), then at most one insert, one update and one delete.
    """
    counts = detect_mentions(article_text(article), _actor_names())
    existing = {row.actor_id: row for row in ArticleActor.objects.filter(article=article).order_by()}
    to_create, to_update, to_delete = [], [], []
    _reconcile(article, counts, existing, to_create, to_update, to_delete)
    _write(to_create, to_update, to_delete)


@transaction.atomic
def refresh_all_actor_mentions(*, articles=None) -> tuple[int, int, int]:
    """Recount every article (or the given queryset) after actors or aliases change.

    Runs a fixed number of queries however many articles there are: actors
    and aliases, articles with contributions, all their mention rows, then one
    bulk insert, update and delete. Returns (created, updated, deleted).
    """
    names = _actor_names()
    queryset = Article.objects.all() if articles is None else articles
    articles = list(queryset.prefetch_related("contributions").order_by())
    rows = defaultdict(dict)
    for row in ArticleActor.objects.filter(article__in=[a.pk for a in articles]).order_by():
        rows[row.article_id][row.actor_id] = row
    to_create, to_update, to_delete = [], [], []
    for article in articles:
        counts = detect_mentions(article_text(article), names)
        _reconcile(article, counts, rows[article.pk], to_create, to_update, to_delete)
    return _write(to_create, to_update, to_delete)
