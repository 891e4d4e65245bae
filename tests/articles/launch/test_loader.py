"""articles/launch/loader.py: load_launch_content (the command: test_command.py; reading the
dataset's files: test_dataset.py)."""

import datetime
import hashlib

import pytest
from django.db import transaction

from actors.models import Actor, ActorAlias, ActorRelation
from articles.importing.parser import parse_commentary
from articles.launch import SEEDS_DIR, LaunchDataError, load_launch_content
from articles.launch.dataset import read_dataset
from articles.models import (
    Article,
    ArticleActor,
    ArticleAuthor,
    Author,
    Citation,
    Claim,
    ClaimSubject,
    Comment,
    Contribution,
    Event,
    Publication,
    SourceMarker,
    Theme,
    ThemedItem,
)

from .support import copy_dataset, edit

DATA = read_dataset().data
ROUND_UP = "ceias-considers-kazakhstan-crisis-global-response"
CHROME = ["Share this article", "Rate this article", "Key Topics", "Leave a Reply", "newsletter"]
MODELS = [
    Theme,
    ThemedItem,
    Publication,
    Author,
    Actor,
    ActorAlias,
    ActorRelation,
    Event,
    Article,
    ArticleAuthor,
    Contribution,
    ArticleActor,
    SourceMarker,
    Comment,
    Claim,
    ClaimSubject,
    Citation,
    Article.history.model,
    Actor.history.model,
    Claim.history.model,
    Citation.history.model,
]


def _row_counts():
    return {model._meta.label: model.objects.count() for model in MODELS}


def _digest():
    """A fingerprint of every row (all columns, timestamps included) of the loaded tables."""
    sha = hashlib.sha256()
    for model in MODELS:
        names = [f.attname for f in model._meta.concrete_fields]
        for row in model.objects.order_by("pk").values_list(*names):
            sha.update(repr(row).encode())
    return sha.hexdigest()


def _markers(seed: str) -> list[tuple[str, str]]:
    """The (anchor, context) of every [↗] marker the importer's parser finds in a seed page."""
    parsed = parse_commentary((SEEDS_DIR / seed).read_text(encoding="utf-8"))
    out = []
    for marker in parsed.source_markers:
        prefix = "" if marker.contribution_index is None else f"c{marker.contribution_index + 1}-"
        out.append((f"{prefix}p{marker.paragraph_index + 1}", marker.context))
    return out


# --- the loaded content (loaded once for the class) ---------------------------------


@pytest.fixture(scope="class")
def launch_once(django_db_setup, django_db_blocker):
    """Load the launch content once for a class of tests, then roll it back.

    Each test still runs in its own savepoint (the ``db`` fixture), so what a test
    writes (a second load included) is gone before the next one. The tests after the
    class need an empty database: a class fixture, unlike a module one, is rolled back
    as soon as the class ends.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            report = load_launch_content()
        except BaseException:
            outer.__exit__(None, None, None)
            raise
    yield report
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.mark.usefixtures("launch_once")
class TestTheLoadedContent:
    @pytest.fixture
    def loaded(self, launch_once, db):
        return launch_once

    def test_loading_creates_the_launch_content(self, db, loaded):
        assert Article.objects.published().count() == 5
        assert Article.objects.count() == 5
        assert Theme.objects.count() >= 12
        assert Actor.objects.count() >= 25
        assert Claim.objects.count() >= 25
        assert Event.objects.count() >= 8
        assert Comment.objects.approved().count() == 3
        assert loaded.created["articles"] == 5 and not loaded.dry_run

    def test_every_article_is_ready_by_the_publishing_rules_and_says_truly_what_its_rights_are(self, db, loaded):
        from articles.publishing import readiness_problems

        for article in Article.objects.all():
            assert readiness_problems(article=article) == [], article.slug
            # The seeds record no licence or permission (issue 12): the note says so.
            assert article.rights.startswith("No licence and no permission to republish is recorded")
            expected = Article.Origin.ELSEWHERE if article.publication_id else Article.Origin.UNNAMED
            assert article.origin == expected, article.slug
        assert Article.objects.filter(origin=Article.Origin.UNNAMED).count() == 2

    def test_articles_go_live_at_their_publication_date(self, db, loaded):
        dates = {a.slug: (a.live_from, a.published_on_precision) for a in Article.objects.all()}
        utc = datetime.UTC
        assert dates[ROUND_UP] == (datetime.datetime(2022, 1, 20, tzinfo=utc), "day")
        assert dates["kazakhstan-russia-china-and-the-protests"] == (
            datetime.datetime(2022, 1, 15, tzinfo=utc),
            "day",
        )
        assert dates["western-opportunity-in-russias-kazakhstan-adventure"] == (
            datetime.datetime(2022, 1, 1, tzinfo=utc),
            "month",
        )
        assert dates["kazakhstan-csto-and-russias-regional-role"][1] == "year"
        for article in Article.objects.exclude(published_on_precision="day"):
            assert article.date_note, article.slug

    def test_every_citation_quote_occurs_in_its_article_and_every_claim_is_cited(self, db, loaded):
        for citation in Citation.objects.select_related("article"):
            assert citation.article.locate(citation.quote) is not None, citation.quote
            assert citation.anchor, citation.quote
        for claim in Claim.objects.all():
            assert claim.citations.exists(), claim.slug
            assert claim.claimant is not None, claim.slug
            assert claim.subjects.exists(), claim.slug

    def test_claims_show_agreement_and_dispute(self, db, loaded):
        terrorists = Claim.objects.get(slug="foreign-trained-terrorists")
        stances = {(c.article.slug, c.stance) for c in terrorists.citations.select_related("article")}
        assert (ROUND_UP, "reports") in stances
        assert ("western-opportunity-in-russias-kazakhstan-adventure", "disputes") in stances
        assert ("kazakhstan-csto-and-russias-regional-role", "disputes") in stances
        disputed = Claim.objects.filter(citations__stance="disputes").distinct().count()
        assert disputed >= 10

    def test_claims_events_and_relations_point_at_existing_actors(self, db, loaded):
        actor_ids = set(Actor.objects.values_list("pk", flat=True))
        assert set(ClaimSubject.objects.values_list("actor_id", flat=True)) <= actor_ids
        for event in Event.objects.all():
            assert event.actors.exists(), event.slug
            assert event.articles.exists(), event.slug
        members = set(
            ActorRelation.objects.filter(object__slug="csto", kind="member_of").values_list(
                "subject__slug", flat=True
            )
        )
        assert members == {"russia", "armenia", "belarus", "kazakhstan", "kyrgyzstan", "tajikistan"}
        assert ActorRelation.objects.filter(
            subject__slug="china", kind="chair_of", object__slug="sco"
        ).exists()

    def test_the_round_up_has_the_editors_intro_and_two_expert_contributions(self, db, loaded):
        article = Article.objects.get(slug=ROUND_UP)
        assert [a.author.slug for a in article.article_authors.all()] == ["david-hutt"]
        assert article.standfirst == "What the Kazakhstan crisis tells us about international relations"
        contributions = list(article.contributions.select_related("author"))
        assert [(c.order, c.author.name) for c in contributions] == [
            (1, "Alica Kizeková"),
            (2, "Velina Tchakarova"),
        ]
        assert article.body.startswith("This month, unrest and the threat of a coup")

    def test_bylines_series_and_comments_are_as_printed(self, db, loaded):
        note = Article.objects.get(slug="kazakhstan-russia-china-and-the-protests")
        assert (note.series, note.series_number) == ("GP Short Notes", 608)
        assert [a.author.name for a in note.article_authors.all()] == ["Abigail Miriam Fernandez"]
        two = Article.objects.get(slug="kazakhstan-csto-and-russias-regional-role")
        assert [a.author.slug for a in two.article_authors.all()] == ["florin-pasatoiu", "cristian-nitoiu"]
        galeotti = Article.objects.get(slug="western-opportunity-in-russias-kazakhstan-adventure")
        assert galeotti.comments.approved().count() == 3
        assert "Dr Mark Galeotti is" not in galeotti.body
        antonenko = Article.objects.get(slug="kazakhstan-crisis-and-central-asias-balance")
        assert "Oksana Antonenko is" not in antonenko.body
        assert Author.objects.get(slug="alica-kizekova").social == "@AlicaKizekova"

    def test_bodies_have_no_page_chrome_and_no_repeated_paragraph(self, db, loaded):
        for article in Article.objects.all():
            texts = [article.body, *(c.body for c in article.contributions.all())]
            for text in texts:
                for chrome in CHROME:
                    assert chrome.lower() not in text.lower(), (article.slug, chrome)
            paragraphs = [text for _, text in article.paragraphs()]
            assert paragraphs, article.slug
            assert len(paragraphs) == len(set(paragraphs)), article.slug

    def test_the_repeated_passages_of_seed_001_are_kept_once_with_their_subheadings(self, db, loaded):
        article = Article.objects.get(slug="kazakhstan-csto-and-russias-regional-role")
        assert article.body.count("Kazakhstan: a key player and a logistic hub") == 1
        assert article.body.count("The latest extraordinary online meeting of the CSTO") == 1
        assert "## Why Russia had to act?" in article.body
        assert "## From balancing to further integration in Central Asia" in article.body

    def test_actor_mentions_are_detected(self, db, loaded):
        article = Article.objects.get(slug="western-opportunity-in-russias-kazakhstan-adventure")
        mentioned = {row.actor.slug for row in article.article_actors.mentioned().select_related("actor")}
        assert {"russia", "tokayev", "nazarbayev", "csto"} <= mentioned

    def test_importing_a_seed_page_afterwards_finds_the_launch_article(self, db, loaded):
        from articles.importing.service import UNCHANGED, import_commentary

        seed = SEEDS_DIR / "003_e7ee87d889a21c99.txt"
        result = import_commentary(text=seed.read_text(encoding="utf-8"), source_name=seed.name)

        assert (result.status, result.slug) == (
            UNCHANGED,
            "western-opportunity-in-russias-kazakhstan-adventure",
        )
        assert Article.objects.count() == 5
        # Saved as a draft and then published by the workflow: not an editor's edit.
        assert not result.edited_since_import

    def test_nazarbayevs_security_council_chairmanship_is_shown_as_ended(self, db):
        relation = ActorRelation.objects.get(subject__slug="nazarbayev", kind="chair_of")
        assert relation.ended

    def test_an_ended_relation_reads_as_past_on_both_actors_pages(self, db, client):
        for slug in ["nazarbayev", "security-council-of-kazakhstan"]:
            page = client.get(f"/actors/{slug}/").content.decode()
            assert "(no longer holds)" in page

    def test_reader_facing_text_never_mentions_internal_seed_files(self, db):
        texts = [r.note for r in ActorRelation.objects.all()]
        texts += [a.date_note + a.editorial_note + a.standfirst for a in Article.objects.all()]
        texts += [e.description for e in Event.objects.all()]
        assert not [t for t in texts if "seed" in t.lower()]

    @pytest.mark.parametrize("item", DATA["articles"], ids=[a["slug"] for a in DATA["articles"]])
    def test_launch_markers_match_the_importers(self, db, loaded, item):
        article = Article.objects.get(slug=item["slug"])
        stored = list(article.source_markers.order_by("order").values_list("anchor", "context"))
        assert stored == _markers(item["seed"])

    # --- a second load over the first: idempotence, editors' edits, translations ----
    # (whatever these write, the second load included, is rolled back after each test)

    def test_loading_twice_changes_nothing(self, db, loaded):
        counts, digest = _row_counts(), _digest()

        report = load_launch_content()

        assert not report.changed
        assert sum(report.edited.values()) == 0
        assert sum(report.unchanged.values()) == sum(loaded.created[k] for k in report.unchanged)
        assert _row_counts() == counts
        assert _digest() == digest

    def test_an_editors_edit_survives_a_reload(self, db, loaded):
        article = Article.objects.get(slug=ROUND_UP)
        article.title = "An editor's better headline"
        article.save()
        actor = Actor.objects.get(slug="russia")
        actor.description = "Rewritten by an editor."
        actor.save()
        ActorAlias.objects.filter(actor=actor, name="the Kremlin").delete()

        report = load_launch_content()

        assert Article.objects.get(slug=ROUND_UP).title == "An editor's better headline"
        assert Actor.objects.get(slug="russia").description == "Rewritten by an editor."
        assert not ActorAlias.objects.filter(actor=actor, name="the Kremlin").exists()
        assert report.edited["articles"] == 1 and report.edited["actors"] == 1
        assert f"article {ROUND_UP!r}" in report.edited_objects
        assert not report.changed

    def test_a_deleted_object_is_created_again(self, db, loaded):
        Theme.objects.get(slug="energy-and-uranium").delete()

        report = load_launch_content()

        assert report.created["themes"] == 1
        assert Theme.objects.filter(slug="energy-and-uranium").exists()

    def test_translations_fill_only_empty_columns_and_name_only_known_slugs(self, db):
        import tomllib

        from actors.models import Actor, ActorAlias
        from articles.launch.dataset import DEFAULT_PATH
        from articles.models import Claim, Publication

        tokayev = Actor.objects.get(slug="tokayev")  # as the class's load left it
        assert (tokayev.name_ru, tokayev.name_kk) == ("Касым-Жомарт Токаев", "Қасым-Жомарт Тоқаев")
        Actor.objects.filter(pk=tokayev.pk).update(name_ru="Токаев К.-Ж.")
        load_launch_content()
        assert Actor.objects.get(pk=tokayev.pk).name_ru == "Токаев К.-Ж."  # an editor's change stays

        translations = tomllib.loads((DEFAULT_PATH.parent / "translations.toml").read_text(encoding="utf-8"))
        dataset = tomllib.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
        for kind in ("themes", "publications", "actors", "events", "claims"):
            assert set(translations[kind]) == {item["slug"] for item in dataset[kind]}, kind
        # Descriptions, statements and rationales are filled like names.
        claim = Claim.objects.get(slug="fuel-price-rise-triggered-protests")
        assert claim.statement_ru == "Рост цен на топливо 2 января спровоцировал протесты."
        assert claim.rationale_kk.startswith("Галеотти бұл түрткіні 2 қаңтарға жатқызады")
        assert Publication.objects.get(slug="gp").description_ru.startswith("Издатель пронумерованной серии GP Short Notes")
        assert ActorAlias.objects.get(actor__slug="russia", name_en="Moscow").name_kk == "Мәскеу"

    def test_a_translation_of_an_alias_the_dataset_lacks_is_named_but_one_an_editor_deleted_is_skipped(self, db, tmp_path):
        path = copy_dataset(tmp_path)
        edit(path.parent / "translations.toml", '"Moscow" = {', '"Moskva" = {')
        with pytest.raises(LaunchDataError) as error:
            load_launch_content(path=path)
        assert str(error.value) == "translations.toml: actor 'russia' has no alias 'Moskva'"

        ActorAlias.objects.filter(actor__slug="russia", name_en="Moscow").delete()
        load_launch_content()  # the editor's deletion stands
        assert not ActorAlias.objects.filter(actor__slug="russia", name_en="Moscow").exists()


# --- dry run, bad data: on an empty database -----------------------------------


def test_a_dry_run_writes_nothing(db):
    before = _row_counts()

    report = load_launch_content(dry_run=True)

    assert report.dry_run and report.created["articles"] == 5
    assert _row_counts() == before


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('slug = "csto-article-4"\n', 'slug = "csto-article-4\n', "launch.toml: TOML syntax error"),
        (
            'claimant_actor = "blinken"',
            'claimant_actor = "antony-blinken"',
            "claim 'russians-hard-to-get-to-leave': unknown actor 'antony-blinken'",
        ),
        (
            '"(Kazakhstan produces more than 40% of global uranium supplies, for example)"',
            '"(Kazakhstan produces half of global uranium supplies)"',
            "claim 'kazakhstan-uranium-share' citation 1: quote does not occur",
        ),
        (
            'authors = ["oksana-antonenko"]',
            'authors = ["oksana-antonenko", "nobody"]',
            "article 'kazakhstan-crisis-and-central-asias-balance': unknown author 'nobody'",
        ),
    ],
    ids=["toml-syntax", "unknown-actor", "quote-not-in-body", "unknown-author"],
)
def test_bad_data_gives_a_one_line_error_and_writes_nothing(db, tmp_path, old, new, message):
    path = copy_dataset(tmp_path)
    edit(path, old, new)

    with pytest.raises(LaunchDataError) as error:
        load_launch_content(path=path)

    assert message in str(error.value)
    assert "\n" not in str(error.value)
    assert set(_row_counts().values()) == {0}


def test_an_invalid_object_late_in_the_load_rolls_everything_back(db, tmp_path):
    # Only the model's own validation catches this one, after most rows are written.
    path = copy_dataset(tmp_path)
    edit(
        path,
        'verdict = "partly_supported"\nrationale = "',
        'verdict = "partly_supported"\nrationale = ""\nold = "',
    )

    with pytest.raises(LaunchDataError) as error:
        load_launch_content(path=path)

    assert "claim 'csto-withdrawal-timetable': rationale:" in str(error.value)
    assert Article.objects.count() == 0 and Actor.objects.count() == 0


def test_a_missing_body_file_is_named(db, tmp_path):
    path = copy_dataset(tmp_path)
    (path.parent / "bodies" / "kazakhstan-crisis-and-central-asias-balance.md").unlink()

    with pytest.raises(
        LaunchDataError, match="article 'kazakhstan-crisis-and-central-asias-balance': body file"
    ):
        load_launch_content(path=path)
