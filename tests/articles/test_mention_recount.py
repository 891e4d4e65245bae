import pytest
from django.core.management import call_command

from actors.models import ActorAlias
from articles.mentions import refresh_all_actor_mentions
from articles.models import ArticleActor
from tests.support.factories import ActorFactory, ArticleFactory

pytestmark = pytest.mark.django_db


def _mentions(article):
    return {row.actor.name: row.mentions for row in article.article_actors.select_related("actor")}


def test_saving_an_actor_with_aliases_recounts_existing_articles_once(
    django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    article = ArticleFactory(body="Moscow acted. Moscow stayed.")
    with django_capture_on_commit_callbacks() as callbacks:
        # What the admin does in one transaction: the actor, then its alias inline.
        russia = ActorFactory(name="Russia")
        ActorAlias.objects.create(actor=russia, name="Moscow")
        ActorAlias.objects.create(actor=russia, name="the Kremlin")
    assert _mentions(article) == {}  # nothing happens before the commit
    with django_assert_max_num_queries(8):  # one bulk recount, not three
        for callback in callbacks:
            callback()
    assert _mentions(article) == {"Russia": 2}


def test_removing_an_alias_drops_the_detected_mention_once_committed(django_capture_on_commit_callbacks):
    article = ArticleFactory(body="Ankara hesitated.")
    with django_capture_on_commit_callbacks(execute=True):
        turkey = ActorFactory(name="Turkey")
        alias = ActorAlias.objects.create(actor=turkey, name="Ankara")
    assert _mentions(article) == {"Turkey": 1}
    with django_capture_on_commit_callbacks(execute=True):
        alias.delete()
    assert _mentions(article) == {}


def test_bulk_recount_keeps_editors_manual_choices():
    article = ArticleFactory(body="Beijing and Moscow.")
    china = ActorFactory(name="China")
    ActorAlias.objects.create(actor=china, name="Beijing")
    russia = ActorFactory(name="Russia")
    ActorAlias.objects.create(actor=russia, name="Moscow")
    usa = ActorFactory(name="United States")
    ArticleActor.objects.create(article=article, actor=russia, origin=ArticleActor.Origin.EXCLUDED)
    ArticleActor.objects.create(article=article, actor=usa, origin=ArticleActor.Origin.MANUAL)
    refresh_all_actor_mentions()
    rows = {r.actor.name: r.origin for r in article.article_actors.select_related("actor")}
    assert rows == {"China": "detected", "Russia": "excluded", "United States": "manual"}


def test_bulk_recount_runs_a_fixed_number_of_queries(django_assert_max_num_queries):
    china = ActorFactory(name="China")
    ActorAlias.objects.create(actor=china, name="Beijing")
    for _ in range(25):
        ArticleFactory(body="Beijing watched China's neighbour.")
    with django_assert_max_num_queries(8):
        created, _, _ = refresh_all_actor_mentions()
    assert created == 25


def test_refresh_mentions_command_reports_and_dry_run_changes_nothing(capsys):
    ArticleFactory(body="China spoke.")
    ActorFactory(name="China")
    call_command("refresh_mentions", "--dry-run")
    assert "Would change actor mentions: 1 added" in capsys.readouterr().out
    assert not ArticleActor.objects.exists()
    call_command("refresh_mentions")
    assert ArticleActor.objects.count() == 1
