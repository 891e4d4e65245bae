"""articles/launch/dataset.py: reading launch.toml (through articles/importing/files.py), its
body files and translations, and the one schema validator."""

import os

import pytest

from actors.models import Actor
from articles.launch import load_launch_content
from articles.launch.dataset import DEFAULT_PATH, LaunchDataError, read_dataset, schema_problems, validate
from articles.models import Article
from tests.support.refusals import refusal

from .support import copy_dataset, edit

ROUND_UP = "ceias-considers-kazakhstan-crisis-global-response"
GALEOTTI = "western-opportunity-in-russias-kazakhstan-adventure"


def _problems(tmp_path, *edits) -> list[str]:
    path = copy_dataset(tmp_path)
    for old, new in edits:
        edit(path, old, new)
    return schema_problems(read_dataset(path))


def test_the_dataset_has_no_schema_problem():
    dataset = read_dataset(DEFAULT_PATH)
    assert schema_problems(dataset) == []
    validate(dataset)  # does not raise
    assert len(dataset.texts) == 7  # five bodies and two contributions


def test_every_problem_is_listed_one_line_each_and_validate_raises_the_first(tmp_path):
    path = copy_dataset(tmp_path)
    edit(path, 'claimant_actor = "blinken"', 'claimant_actor = "antony-blinken"')
    edit(path, 'authors = ["oksana-antonenko"]', 'authors = ["oksana-antonenko", "nobody"]')
    dataset = read_dataset(path)

    problems = schema_problems(dataset)

    assert problems == [
        "article 'kazakhstan-crisis-and-central-asias-balance': unknown author 'nobody'",
        "claim 'russians-hard-to-get-to-leave': unknown actor 'antony-blinken'",
    ]
    with pytest.raises(
        LaunchDataError, match="^article 'kazakhstan-crisis-and-central-asias-balance': unknown"
    ):
        validate(dataset)


def test_a_partial_date_is_written_as_the_first_day_of_its_period():
    dataset = read_dataset(DEFAULT_PATH)
    (article,) = [a for a in dataset.data["articles"] if a["slug"] == GALEOTTI]
    assert article["date_precision"] == "month"
    article["published_on"] = "2022-01-17"

    assert schema_problems(dataset) == [
        f"article {GALEOTTI!r} published_on: month precision is written as the first day of the month"
    ]


def test_a_malformed_date_and_precision_are_named(tmp_path):
    problems = _problems(tmp_path, ('published_on = "2022-01-20"', 'published_on = "20 Jan 2022"'))
    assert problems == [f"article {ROUND_UP!r} published_on: '20 Jan 2022' is not a YYYY-MM-DD date"]


def test_an_article_event_link_must_be_written_on_both_sides(tmp_path):
    dataset = read_dataset(DEFAULT_PATH)
    (event,) = [e for e in dataset.data["events"] if ROUND_UP in e.get("articles", [])][:1]
    event["articles"].remove(ROUND_UP)

    assert schema_problems(dataset) == [
        f"article {ROUND_UP!r} and event {event['slug']!r}: linked on one side only"
    ]


def test_an_alias_that_repeats_the_name_is_refused():
    dataset = read_dataset(DEFAULT_PATH)
    actor = dataset.data["actors"][0]
    actor["aliases"] = [*actor["aliases"], f" {actor['name']} "]

    assert schema_problems(dataset) == [
        f"actor {actor['slug']!r}: an alias is listed twice (or repeats the name)"
    ]


def test_a_theme_needs_a_description():
    dataset = read_dataset(DEFAULT_PATH)
    theme = dataset.data["themes"][0]
    theme["description"] = " "

    assert schema_problems(dataset) == [f"theme {theme['slug']!r}: description is required"]


def test_a_citation_of_an_unknown_article_is_named_once():
    dataset = read_dataset(DEFAULT_PATH)
    claim = dataset.data["claims"][0]
    claim["citations"][0]["article"] = "no-such-article"

    assert schema_problems(dataset) == [
        f"claim {claim['slug']!r} citation 1: unknown article 'no-such-article'"
    ]


def test_a_section_that_is_not_an_array_of_tables_is_named():
    dataset = read_dataset(DEFAULT_PATH)
    dataset.data["themes"] = {"slug": "energy"}

    problems = schema_problems(dataset)

    assert problems[0] == "themes: must be an array of tables ([[themes]])"


def test_a_body_file_outside_the_dataset_folder_is_refused(tmp_path):
    path = copy_dataset(tmp_path)
    edit(path, f'body = "bodies/{ROUND_UP}.md"', 'body = "../../etc/passwd"')

    with pytest.raises(LaunchDataError) as error:
        read_dataset(path)

    assert (
        str(error.value)
        == f"article {ROUND_UP!r}: body file '../../etc/passwd' is outside the dataset folder"
    )


def test_a_toml_syntax_error_names_the_file(tmp_path):
    path = copy_dataset(tmp_path)
    edit(path, 'slug = "csto-article-4"\n', 'slug = "csto-article-4\n')

    with pytest.raises(LaunchDataError, match=r"^launch\.toml: TOML syntax error: "):
        read_dataset(path)


# --- --path: the dataset file is read through articles/importing/files.py -----------


def _error(path) -> str:
    """The loader's refusal of the dataset at ``path`` (a dry run)."""
    return refusal(lambda p: load_launch_content(path=p, dry_run=True), path, LaunchDataError)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_refused(tmp_path):
    fifo = tmp_path / "launch.toml"
    os.mkfifo(fifo)
    assert _error(fifo) == f"{fifo}: is not a regular file (a pipe, socket or device)"


def test_a_directory_is_refused(tmp_path):
    assert _error(tmp_path) == f"{tmp_path}: is a directory, not a text file"


@pytest.mark.django_db
def test_a_dataset_saved_with_a_bom_and_crlf_loads(tmp_path):
    path = copy_dataset(tmp_path)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert load_launch_content(path=path, dry_run=True).created["articles"] == 5


def test_a_body_file_that_is_not_text_is_named(tmp_path):
    path = copy_dataset(tmp_path)
    (path.parent / "bodies" / "kazakhstan-crisis-and-central-asias-balance.md").write_bytes(b"\xff\xfe")
    with pytest.raises(LaunchDataError) as error:
        load_launch_content(path=path)
    assert str(error.value) == (
        "article 'kazakhstan-crisis-and-central-asias-balance': body file "
        "'bodies/kazakhstan-crisis-and-central-asias-balance.md': is not UTF-8 text (byte 0xff at offset 0)"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"[actors\n", "translations.toml: TOML syntax error"),
        (b"\x00\x01binary", "translations.toml: contains NUL bytes"),
        (b"[actors]\n\xff = 1\n", "translations.toml: is not UTF-8 text"),
    ],
)
def test_an_unreadable_translations_file_is_named_before_anything_is_written(db, tmp_path, content, message):
    path = copy_dataset(tmp_path)
    (path.parent / "translations.toml").write_bytes(content)

    with pytest.raises(LaunchDataError, match=message):
        load_launch_content(path=path)
    assert Article.objects.count() == 0 and Actor.objects.count() == 0
