"""Actor-mention detection: the pure matcher and the stored, editor-respecting refresh."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.mentions import detect_mentions, refresh_actor_mentions
from articles.models import ArticleActor
from tests.support.factories import ActorAliasFactory, ActorFactory, ArticleFactory, ContributionFactory

RUSSIA, CSTO, PUTIN, KAZAKHSTAN, TOKAYEV = 1, 2, 3, 4, 5


def count(text, **names):
    """detect_mentions with actors given as keyword lists, e.g. russia=["Russia"]."""
    ids = {name: n for n, name in enumerate(names, start=1)}
    result = detect_mentions(text, {ids[name]: aliases for name, aliases in names.items()})
    return {name: result[ids[name]] for name in names if ids[name] in result}


# --- the matcher -------------------------------------------------------------


def test_whole_words_only():
    text = "Russian troops and Russians, but Russia too. Also Belarus and Russiagate."
    assert count(text, russia=["Russia"]) == {"russia": 1}


def test_possessives_and_hyphenated_compounds_count():
    text = "Russia’s troops, Russia's planes and a Russia-led alliance."
    assert count(text, russia=["Russia"]) == {"russia": 3}


def test_proper_nouns_are_case_sensitive():
    assert count("the csto met; Kazakhstan asked the CSTO.", csto=["CSTO"]) == {"csto": 1}
    assert count("a turkey for dinner", turkey=["Turkey"]) == {}


def test_alias_starting_lowercase_also_matches_at_a_sentence_start():
    text = "The Kremlin agreed. Analysts say the Kremlin hesitated. THE KREMLIN"
    assert count(text, russia=["the Kremlin"]) == {"russia": 2}


def test_alias_starting_with_the_capitalised_also_matches_mid_sentence():
    assert count("Analysts say the Kremlin hesitated.", russia=["The Kremlin"]) == {"russia": 1}


def test_name_and_aliases_count_together_for_the_actor():
    text = "Russia acted. Moscow agreed, the Kremlin said, and Russia’s troops went."
    assert count(text, russia=["Russia", "Moscow", "the Kremlin"]) == {"russia": 4}


def test_longest_match_wins_over_a_shorter_alias_inside_it():
    text = "The Collective Security Treaty Organization deployed."
    names = ["Collective Security Treaty Organization", "Treaty Organization", "CSTO"]
    assert count(text, csto=names) == {"csto": 1}


def test_longest_match_wins_across_actors():
    text = "Russian President Putin spoke; later Putin spoke again, as did Russia."
    result = count(
        text,
        putin=["Vladimir Putin", "Russian President Putin", "Putin"],
        russia=["Russia", "Russian"],
    )
    assert result == {"putin": 2, "russia": 1}


def test_full_name_and_surname_are_one_mention():
    text = "Kassym-Jomart Tokayev asked for help. Tokayev’s request was granted."
    assert count(text, tokayev=["Kassym-Jomart Tokayev", "Tokayev"]) == {"tokayev": 2}


def test_name_with_its_abbreviation_in_brackets_is_one_mention():
    text = "the Collective Security Treaty Organization (CSTO), and later the CSTO again."
    names = ["Collective Security Treaty Organization", "CSTO"]
    assert count(text, csto=names) == {"csto": 2}


def test_counts_per_actor():
    text = "Kazakhstan asked Russia. Russia agreed. Kazakhstan thanked Russia, and China watched."
    result = count(text, kazakhstan=["Kazakhstan"], russia=["Russia"], china=["China"], turkey=["Turkey"])
    assert result == {"kazakhstan": 2, "russia": 3, "china": 1}


def test_a_shared_alias_counts_for_each_actor_that_has_it():
    result = detect_mentions("Moscow decided.", [(RUSSIA, ["Russia", "Moscow"]), (9, ["Moscow"])])
    assert result == {RUSSIA: 1, 9: 1}


def test_names_with_diacritics_and_spacing():
    text = "Alica Kizeková argued; Alica  Kizeková again; Alica Kizekova is not her."
    assert count(text, alica=["Alica Kizeková"]) == {"alica": 2}


def test_empty_names_and_text_are_harmless():
    assert detect_mentions("", {RUSSIA: ["Russia"]}) == {}
    assert detect_mentions("Russia", {RUSSIA: ["", " ", "R"]}) == {}


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
