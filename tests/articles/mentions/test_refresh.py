"""Stored mention counts (articles/mentions/refresh.py): editors' choices kept, fixed query cost,
the bulk recount and its command."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actors.models import ActorAlias
from articles.mentions import refresh_actor_mentions, refresh_all_actor_mentions
from articles.models import ArticleActor
from tests.support.factories import ActorAliasFactory, ActorFactory, ArticleFactory, ContributionFactory

# --- refresh_actor_mentions ----------------------------------------------------


@pytest.fixture
def actors(db):
    russia = ActorFactory(name="Russia", slug="russia")
    ActorAliasFactory(actor=russia, name="Moscow")
    ActorAliasFactory(actor=russia, name="the Kremlin")
    csto = ActorFactory(name="Collective Security Treaty Organization", slug="csto", kind="organisation")
    ActorAliasFactory(actor=csto, name="CSTO")
    china = ActorFactory(name="China", slug="china")
    turkey = ActorFactory(name="Turkey", slug="turkey")
    return {"russia": russia, "csto": csto, "china": china, "turkey": turkey}


def rows(article):
    return {
        row.actor.slug: (row.origin, row.mentions)
        for row in ArticleActor.objects.filter(article=article).select_related("actor")
    }


DETECTED = ArticleActor.Origin.DETECTED


MANUAL = ArticleActor.Origin.MANUAL


EXCLUDED = ArticleActor.Origin.EXCLUDED


def test_refresh_counts_body_and_contributions(actors):
    article = ArticleFactory(
        body="The Kremlin acted.\n\n## Russia and the CSTO\n\nMoscow sent troops to the CSTO mission."
    )
    ContributionFactory(article=article, body="China was consulted. Russia’s role grew.")
    refresh_actor_mentions(article=article)
    assert rows(article) == {
        "russia": (DETECTED, 4),
        "csto": (DETECTED, 2),
        "china": (DETECTED, 1),
    }


def test_refresh_follows_edits_of_detected_rows(actors):
    article = ArticleFactory(body="Russia and China.")
    refresh_actor_mentions(article=article)
    assert set(rows(article)) == {"russia", "china"}
    article.body = "Russia, Russia and the CSTO."
    article.save()
    refresh_actor_mentions(article=article)
    assert rows(article) == {"russia": (DETECTED, 2), "csto": (DETECTED, 1)}


def test_actor_added_by_hand_stays_even_when_not_mentioned(actors):
    article = ArticleFactory(body="Russia acted.")
    ArticleActor.objects.create(article=article, actor=actors["turkey"], origin=MANUAL)
    refresh_actor_mentions(article=article)
    assert rows(article) == {"russia": (DETECTED, 1), "turkey": (MANUAL, 0)}


def test_manual_row_keeps_its_origin_and_gets_the_count(actors):
    article = ArticleFactory(body="China and China.")
    ArticleActor.objects.create(article=article, actor=actors["china"], origin=MANUAL)
    refresh_actor_mentions(article=article)
    assert rows(article) == {"china": (MANUAL, 2)}


def test_actor_removed_by_hand_stays_removed(actors):
    article = ArticleFactory(body="Moscow acted. Russia’s troops went to the CSTO mission.")
    refresh_actor_mentions(article=article)
    row = ArticleActor.objects.get(article=article, actor=actors["russia"])
    row.origin = EXCLUDED
    row.save()
    article.body += "\n\nRussia again."
    article.save()
    refresh_actor_mentions(article=article)
    assert rows(article)["russia"] == (EXCLUDED, 3)
    shown = ArticleActor.objects.filter(article=article).mentioned().values_list("actor__slug", flat=True)
    assert list(shown) == ["csto"]


def test_refresh_is_idempotent(actors):
    article = ArticleFactory(body="Russia and China and the CSTO.")
    refresh_actor_mentions(article=article)
    before = list(ArticleActor.objects.filter(article=article).values_list("pk", "mentions", "origin"))
    refresh_actor_mentions(article=article)
    after = list(ArticleActor.objects.filter(article=article).values_list("pk", "mentions", "origin"))
    assert sorted(before) == sorted(after)


def _queries_for(article):
    with CaptureQueriesContext(connection) as captured:
        refresh_actor_mentions(article=article)
    return len(captured)


def test_query_count_does_not_grow_with_the_number_of_actors(db, django_assert_max_num_queries):
    def setup(n, prefix):
        made = [ActorFactory(name=f"{prefix} Land {i}", slug=f"{prefix}-land-{i}") for i in range(n)]
        for actor in made:
            ActorAliasFactory(actor=actor, name=f"{prefix} Capital {actor.pk}")
        body = " ".join(f"{prefix} Land {i} met {prefix} Capital {made[i].pk}." for i in range(n))
        return ArticleFactory(body=body), made

    small, small_actors = setup(2, "Small")
    ContributionFactory(article=small)
    small_queries = _queries_for(small)

    large, large_actors = setup(40, "Large")
    ContributionFactory(article=large)
    # A manual and an excluded row, and one detected row that must go.
    ArticleActor.objects.create(article=large, actor=small_actors[0], origin=MANUAL)
    ArticleActor.objects.create(article=large, actor=small_actors[1], origin=EXCLUDED)
    stale = ActorFactory(name="Nowhere", slug="nowhere")
    ArticleActor.objects.create(article=large, actor=stale, origin=DETECTED, mentions=3)
    with django_assert_max_num_queries(small_queries + 3):  # + update and delete (and savepoints)
        refresh_actor_mentions(article=large)
    assert ArticleActor.objects.filter(article=large, origin=DETECTED).count() == 40
    assert not ArticleActor.objects.filter(actor=stale).exists()

    # Recounting again, with rows to update only, costs no more.
    large.body += f" Large Land 0 and Large Land 1 {large_actors[0].name}."
    large.save()
    with django_assert_max_num_queries(small_queries + 3):
        refresh_actor_mentions(article=large)


# --- saving in the admin -------------------------------------------------------


def _admin_post_data(response, article, **overrides):
    """The article change form as the browser would send it, inlines empty."""
    data = {
        "title": article.title,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "publication": article.publication_id or "",
        "series": article.series,
        "series_number": article.series_number or "",
        "original_url": article.original_url,
        "published_on": article.published_on.isoformat() if article.published_on else "",
        "published_on_precision": article.published_on_precision,
        "date_note": article.date_note,
        "editorial_note": article.editorial_note,
        "language": article.language,
        "origin": article.origin,
        "rights": article.rights,
        "status": article.status,
        "live_from_0": "",
        "live_from_1": "",
        "comments_open": "on",
        "themes": "",
    }
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        initial = formset.initial_form_count()
        data[f"{formset.prefix}-TOTAL_FORMS"] = str(initial)
        data[f"{formset.prefix}-INITIAL_FORMS"] = str(initial)
        data[f"{formset.prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{formset.prefix}-MAX_NUM_FORMS"] = "1000"
        for n, form in enumerate(formset.initial_forms):
            for name in form.fields:
                value = form[name].value()
                data[f"{formset.prefix}-{n}-{name}"] = "" if value is None else value
    data.update(overrides)
    return data


def test_saving_in_the_admin_recomputes_mentions_and_keeps_manual_choices(editor_client, actors):
    article = ArticleFactory(body="Russia acted.")
    refresh_actor_mentions(article=article)
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = editor_client.get(url)
    assert response.status_code == 200

    # The editor adds Turkey by hand, removes Russia, and rewrites the body.
    prefix = "article_actors"
    data = _admin_post_data(response, article, body="Russia and China, and the CSTO.")
    russia_row = ArticleActor.objects.get(article=article, actor=actors["russia"])
    data.update(
        {
            f"{prefix}-0-origin": EXCLUDED,
            f"{prefix}-TOTAL_FORMS": "2",
            f"{prefix}-1-actor": str(actors["turkey"].pk),
            f"{prefix}-1-origin": MANUAL,
            f"{prefix}-1-article": str(article.pk),
        }
    )
    assert data[f"{prefix}-0-id"] == russia_row.pk
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors

    assert rows(article) == {
        "russia": (EXCLUDED, 1),
        "china": (DETECTED, 1),
        "csto": (DETECTED, 1),
        "turkey": (MANUAL, 0),
    }


@pytest.mark.django_db
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


@pytest.mark.django_db
def test_bulk_recount_runs_a_fixed_number_of_queries(django_assert_max_num_queries):
    china = ActorFactory(name="China")
    ActorAlias.objects.create(actor=china, name="Beijing")
    for _ in range(25):
        ArticleFactory(body="Beijing watched China's neighbour.")
    with django_assert_max_num_queries(9):  # + the page-cache generation bump
        created, _, _ = refresh_all_actor_mentions()
    assert created == 25


@pytest.mark.django_db
def test_refresh_mentions_command_reports_and_dry_run_changes_nothing(capsys):
    ArticleFactory(body="China spoke.")
    ActorFactory(name="China")
    call_command("refresh_mentions", "--dry-run")
    assert "Would change actor mentions: 1 added" in capsys.readouterr().out
    assert not ArticleActor.objects.exists()
    call_command("refresh_mentions")
    assert ArticleActor.objects.count() == 1
