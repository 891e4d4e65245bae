"""The curated launch dataset and its loader (articles/launch.py)."""

import datetime
import hashlib
import importlib.util
import io
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from actors.models import Actor, ActorAlias, ActorRelation
from articles.launch import DEFAULT_PATH, LaunchDataError, load_launch_content
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

LAUNCH_DIR = DEFAULT_PATH.parent
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


def _checker():
    spec = importlib.util.spec_from_file_location("check_dataset", LAUNCH_DIR / "check_dataset.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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


def _copy_dataset(tmp_path: Path) -> Path:
    target = tmp_path / "launch"
    shutil.copytree(LAUNCH_DIR, target, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return target / "launch.toml"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def loaded(db):
    return load_launch_content()


# --- the dataset itself (no database) ------------------------------------------


def test_the_checker_script_passes_on_the_dataset():
    assert _checker().check(DEFAULT_PATH) == []


def test_the_checker_finds_a_changed_quote_a_repeated_paragraph_and_page_chrome(tmp_path):
    path = _copy_dataset(tmp_path)
    _edit(path, "(Kazakhstan produces more than 40% of", "(Kazakhstan produces over 40% of")
    body = path.parent / "bodies" / "kazakhstan-russia-china-and-the-protests.md"
    text = body.read_text(encoding="utf-8")
    body.write_text(text + "\n" + text.split("\n\n")[1] + "\n\nShare this article\n", encoding="utf-8")

    problems = "\n".join(_checker().check(path))

    assert "claim 'kazakhstan-uranium-share' citation 1: quote is not in the text" in problems
    assert "repeats a paragraph" in problems
    assert "page chrome 'Share this article'" in problems


# --- loading ------------------------------------------------------------------


def test_loading_creates_the_launch_content(loaded):
    assert Article.objects.published().count() == 5
    assert Article.objects.count() == 5
    assert Theme.objects.count() >= 12
    assert Actor.objects.count() >= 25
    assert Claim.objects.count() >= 25
    assert Event.objects.count() >= 8
    assert Comment.objects.approved().count() == 3
    assert loaded.created["articles"] == 5 and not loaded.dry_run


def test_articles_go_live_at_their_publication_date(loaded):
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


def test_every_citation_quote_occurs_in_its_article_and_every_claim_is_cited(loaded):
    for citation in Citation.objects.select_related("article"):
        assert citation.article.locate(citation.quote) is not None, citation.quote
        assert citation.anchor, citation.quote
    for claim in Claim.objects.all():
        assert claim.citations.exists(), claim.slug
        assert claim.claimant is not None, claim.slug
        assert claim.subjects.exists(), claim.slug


def test_claims_show_agreement_and_dispute(loaded):
    terrorists = Claim.objects.get(slug="foreign-trained-terrorists")
    stances = {(c.article.slug, c.stance) for c in terrorists.citations.select_related("article")}
    assert (ROUND_UP, "reports") in stances
    assert ("western-opportunity-in-russias-kazakhstan-adventure", "disputes") in stances
    assert ("kazakhstan-csto-and-russias-regional-role", "disputes") in stances
    disputed = Claim.objects.filter(citations__stance="disputes").distinct().count()
    assert disputed >= 10


def test_claims_events_and_relations_point_at_existing_actors(loaded):
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
    assert ActorRelation.objects.filter(subject__slug="china", kind="chair_of", object__slug="sco").exists()


def test_the_round_up_has_the_editors_intro_and_two_expert_contributions(loaded):
    article = Article.objects.get(slug=ROUND_UP)
    assert [a.author.slug for a in article.article_authors.all()] == ["david-hutt"]
    assert article.standfirst == "What the Kazakhstan crisis tells us about international relations"
    contributions = list(article.contributions.select_related("author"))
    assert [(c.order, c.author.name) for c in contributions] == [
        (1, "Alica Kizeková"),
        (2, "Velina Tchakarova"),
    ]
    assert article.body.startswith("This month, unrest and the threat of a coup")


def test_bylines_series_and_comments_are_as_printed(loaded):
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


def test_bodies_have_no_page_chrome_and_no_repeated_paragraph(loaded):
    for article in Article.objects.all():
        texts = [article.body, *(c.body for c in article.contributions.all())]
        for text in texts:
            for chrome in CHROME:
                assert chrome.lower() not in text.lower(), (article.slug, chrome)
        paragraphs = [text for _, text in article.paragraphs()]
        assert paragraphs, article.slug
        assert len(paragraphs) == len(set(paragraphs)), article.slug


def test_the_repeated_passages_of_seed_001_are_kept_once_with_their_subheadings(loaded):
    article = Article.objects.get(slug="kazakhstan-csto-and-russias-regional-role")
    assert article.body.count("Kazakhstan: a key player and a logistic hub") == 1
    assert article.body.count("The latest extraordinary online meeting of the CSTO") == 1
    assert "## Why Russia had to act?" in article.body
    assert "## From balancing to further integration in Central Asia" in article.body


def test_actor_mentions_are_detected(loaded):
    article = Article.objects.get(slug="western-opportunity-in-russias-kazakhstan-adventure")
    mentioned = {row.actor.slug for row in article.article_actors.mentioned().select_related("actor")}
    assert {"russia", "tokayev", "nazarbayev", "csto"} <= mentioned


def test_importing_a_seed_page_afterwards_finds_the_launch_article(loaded):
    from articles.importing.service import UNCHANGED, import_commentary

    seed = LAUNCH_DIR.parent / "seeds" / "003_e7ee87d889a21c99.txt"
    result = import_commentary(text=seed.read_text(encoding="utf-8"), source_name=seed.name)

    assert (result.status, result.slug) == (UNCHANGED, "western-opportunity-in-russias-kazakhstan-adventure")
    assert Article.objects.count() == 5


# --- idempotence, dry run, editors' edits ---------------------------------------


def test_loading_twice_changes_nothing(loaded):
    counts, digest = _row_counts(), _digest()

    report = load_launch_content()

    assert not report.changed
    assert sum(report.edited.values()) == 0
    assert sum(report.unchanged.values()) == sum(loaded.created[k] for k in report.unchanged)
    assert _row_counts() == counts
    assert _digest() == digest


def test_a_dry_run_writes_nothing(db):
    before = _row_counts()

    report = load_launch_content(dry_run=True)

    assert report.dry_run and report.created["articles"] == 5
    assert _row_counts() == before


def test_an_editors_edit_survives_a_reload(loaded):
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


def test_a_deleted_object_is_created_again(loaded):
    Theme.objects.get(slug="energy-and-uranium").delete()

    report = load_launch_content()

    assert report.created["themes"] == 1
    assert Theme.objects.filter(slug="energy-and-uranium").exists()


# --- bad data -----------------------------------------------------------------


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
    path = _copy_dataset(tmp_path)
    _edit(path, old, new)

    with pytest.raises(LaunchDataError) as error:
        load_launch_content(path=path)

    assert message in str(error.value)
    assert "\n" not in str(error.value)
    assert set(_row_counts().values()) == {0}


def test_an_invalid_object_late_in_the_load_rolls_everything_back(db, tmp_path):
    # Only the model's own validation catches this one, after most rows are written.
    path = _copy_dataset(tmp_path)
    _edit(
        path,
        'verdict = "partly_supported"\nrationale = "',
        'verdict = "partly_supported"\nrationale = ""\nold = "',
    )

    with pytest.raises(LaunchDataError) as error:
        load_launch_content(path=path)

    assert "claim 'csto-withdrawal-timetable': rationale:" in str(error.value)
    assert Article.objects.count() == 0 and Actor.objects.count() == 0


def test_a_missing_body_file_is_named(db, tmp_path):
    path = _copy_dataset(tmp_path)
    (path.parent / "bodies" / "kazakhstan-crisis-and-central-asias-balance.md").unlink()

    with pytest.raises(
        LaunchDataError, match="article 'kazakhstan-crisis-and-central-asias-balance': body file"
    ):
        load_launch_content(path=path)


# --- the management command -------------------------------------------------------


def test_the_command_loads_and_reports_counts(db):
    out = io.StringIO()
    call_command("load_launch_content", stdout=out)
    assert out.getvalue().startswith("Launch content: created ")
    assert Article.objects.published().count() == 5

    out = io.StringIO()
    call_command("load_launch_content", stdout=out, verbosity=2)
    text = out.getvalue()
    assert "created 0 objects" in text
    assert "articles      created   0, unchanged   5" in text


def test_the_command_is_silent_at_verbosity_0_and_honours_dry_run(db):
    out = io.StringIO()
    call_command("load_launch_content", "--dry-run", stdout=out, verbosity=0)
    assert out.getvalue() == ""
    assert Article.objects.count() == 0


def test_the_command_turns_bad_data_into_a_command_error(db, tmp_path):
    path = _copy_dataset(tmp_path)
    _edit(path, 'claimant_actor = "blinken"', 'claimant_actor = "nobody"')

    with pytest.raises(CommandError, match="Launch content not loaded: claim .* unknown actor 'nobody'"):
        call_command("load_launch_content", "--path", str(path))
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_nazarbayevs_security_council_chairmanship_is_shown_as_ended():
    from django.core.management import call_command

    from actors.models import ActorRelation

    call_command("load_launch_content", verbosity=0)
    relation = ActorRelation.objects.get(subject__slug="nazarbayev", kind="chair_of")
    assert relation.ended


@pytest.mark.django_db
def test_an_ended_relation_reads_as_past_on_both_actors_pages(client):
    from django.core.management import call_command

    call_command("load_launch_content", verbosity=0)
    for slug in ["nazarbayev", "security-council-of-kazakhstan"]:
        page = client.get(f"/actors/{slug}/").content.decode()
        assert "(no longer holds)" in page


@pytest.mark.django_db
def test_reader_facing_text_never_mentions_internal_seed_files():
    from django.core.management import call_command

    from actors.models import ActorRelation
    from articles.models import Article, Event

    call_command("load_launch_content", verbosity=0)
    texts = [r.note for r in ActorRelation.objects.all()]
    texts += [a.date_note + a.editorial_note + a.standfirst for a in Article.objects.all()]
    texts += [e.description for e in Event.objects.all()]
    assert not [t for t in texts if "seed" in t.lower()]
