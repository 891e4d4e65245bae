"""``manage.py export_dataset``: a versioned Frictionless Data Package and JSON Lines,
then a re-import into an empty database that reproduces the published graph."""

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command

from actors.models import Actor, ActorAlias, ActorRelation
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
from articles.opendata import export, tables
from articles.opendata.restore import load_dataset
from tests.articles.api.conftest import graph  # noqa: F401  (the API's small published graph)
from tests.articles.pages.test_leaks_reference import world  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_dir(tmp_path, settings):
    settings.KZ_DATA_DIR = tmp_path / "data"
    return settings.KZ_DATA_DIR


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_command_writes_a_package_with_a_schema_per_table_and_json_lines(graph, data_dir):  # noqa: F811
    out = io.StringIO()
    call_command("export_dataset", stdout=out)
    latest = json.loads((data_dir / "latest.json").read_text())
    assert f"Wrote {latest['name']}" in out.getvalue()
    package_dir = data_dir / latest["name"]
    package = json.loads((package_dir / "datapackage.json").read_text())
    assert package["profile"] == "tabular-data-package"
    assert package["version"].startswith(tables.SCHEMA_VERSION + "+")
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    csv_resources = [r for r in package["resources"] if r["format"] == "csv"]
    assert {r["name"] for r in csv_resources} == {t.name for t in tables.TABLES}
    for resource in csv_resources:
        rows = read_csv(package_dir / resource["path"])
        assert list(rows[0]) if rows else True
        header = next(csv.reader(open(package_dir / resource["path"], encoding="utf-8")))
        assert header == [f["name"] for f in resource["schema"]["fields"]]
        assert resource["count"] == len(rows)
        jsonl = (package_dir / "jsonl" / f"{resource['name']}.jsonl").read_text().splitlines()
        assert len(jsonl) == len(rows)
    articles = read_csv(package_dir / "csv" / "articles.csv")
    assert [a["slug"] for a in articles] == ["troops-arrive", "round-up"]
    first = json.loads((package_dir / "jsonl" / "articles.jsonl").read_text().splitlines()[0])
    assert first["id"] == graph["first"].pk and first["published_on"] == "2022-01-07"


def test_the_zip_matches_its_checksum_and_holds_the_package(graph, data_dir):  # noqa: F811
    dump = export.export_dataset()
    assert export.sha256_of(dump.archive) == dump.sha256
    assert (data_dir / f"{dump.name}.zip.sha256").read_text() == f"{dump.sha256}  {dump.name}.zip\n"
    names = zipfile.ZipFile(dump.archive).namelist()
    assert f"{dump.name}/datapackage.json" in names and f"{dump.name}/csv/citations.csv" in names


def test_nothing_unpublished_or_private_is_in_the_dump(world, data_dir):  # noqa: F811
    published = Article.objects.published().get()
    Comment.objects.create(article=published, name="Reader", email="reader-secret@example.org", body="Hi",
                           status="approved", ip_hash="9" * 64)
    dump = export.export_dataset()
    text = "".join(p.read_text() for p in dump.directory.rglob("*") if p.is_file())
    for article in world["hidden"]:
        assert article.title not in text and f",{article.slug}," not in text
    assert "quickly came to the government" not in text, "a citation needing review"
    assert "reader-secret@example.org" not in text and "9" * 64 not in text
    assert {row["slug"] for row in read_csv(dump.directory / "csv" / "authors.csv")} == {"byline"}


def test_old_dumps_are_pruned_and_latest_points_at_the_newest(graph, data_dir):  # noqa: F811
    import datetime

    base = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    names = [export.export_dataset(keep=2, now=base + datetime.timedelta(minutes=i)).name for i in range(3)]
    assert sorted(p.name for p in data_dir.iterdir() if p.is_dir()) == names[1:]
    assert not (data_dir / f"{names[0]}.zip").exists()
    assert export.latest()["name"] == names[2]


CONTENT = [Citation, ClaimSubject, ThemedItem, Comment, ArticleAuthor, Contribution, ArticleActor, SourceMarker,
           Article.events.through, Event.actors.through, Article, Claim, Event, ActorRelation, ActorAlias, Actor,
           Author, Publication, Theme]


def api_snapshot(client):
    snapshot = {}
    for name in ("articles", "claims", "citations", "actors", "themes", "events", "authors", "publications"):
        results = client.get(f"/api/v1/{name}/?limit=200").json()["results"]
        for item in results:
            item.pop("comment_count", None)  # comments are not open data
        snapshot[name] = results
    snapshot["claimreview"] = client.get("/api/v1/claimreview/").json()["dataFeedElement"]
    return snapshot


def test_a_dump_loaded_into_an_empty_database_reproduces_the_published_graph(client, world, tmp_path):  # noqa: F811
    before = api_snapshot(client)
    first = export.export_dataset(output=tmp_path / "one")
    for model in CONTENT:
        model.objects.all().delete()
    assert not Article.objects.exists()

    counts = load_dataset(package=first.directory)

    assert counts == first.rows
    assert api_snapshot(client) == before
    second = export.export_dataset(output=tmp_path / "two")
    for table in tables.TABLES:
        relative = Path("csv") / f"{table.name}.csv"
        assert (second.directory / relative).read_bytes() == (first.directory / relative).read_bytes(), table.name


def test_the_import_command_refuses_a_database_with_content(graph, tmp_path):  # noqa: F811
    from django.core.management.base import CommandError

    dump = export.export_dataset(output=tmp_path)
    with pytest.raises(CommandError, match="already holds content"):
        call_command("import_dataset", str(dump.archive))


def edit_first_row(dump, table, column, text):
    """Write ``text`` into ``column`` of the first row of a dump's ``table``; the row."""
    path = dump.directory / "csv" / f"{table}.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    rows[0][column] = text
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return rows[0]


@pytest.mark.parametrize(
    ("table", "column", "bad", "reason"),
    [
        ("articles", "published_on", "2022-02-30", "is not a date in ISO 8601"),
        ("claims", "updated_at", "yesterday", "is not a datetime in ISO 8601"),
        ("actors", "id", "12a", "is not a whole number"),
    ],
)
def test_a_malformed_cell_is_named_by_file_line_and_column_and_nothing_is_loaded(
    graph, tmp_path, table, column, bad, reason  # noqa: F811
):
    from django.core.management.base import CommandError

    dump = export.export_dataset(output=tmp_path)
    edit_first_row(dump, table, column, bad)
    for model in CONTENT:
        model.objects.all().delete()
    with pytest.raises(CommandError, match=rf"{table}\.csv, line 2: {column} '{bad}' {reason}\."):
        call_command("import_dataset", str(dump.directory))
    assert not Article.objects.exists() and not Actor.objects.exists()


def test_a_far_utc_offset_in_a_dump_is_read_as_the_same_moment_in_utc(graph, tmp_path):  # noqa: F811
    import datetime

    dump = export.export_dataset(output=tmp_path)
    first = edit_first_row(dump, "claims", "updated_at", "2022-01-05T23:30:00-22:50")
    for model in CONTENT:
        model.objects.all().delete()
    load_dataset(package=dump.directory)
    claim = Claim.objects.get(pk=int(first["id"]))
    assert claim.updated_at == datetime.datetime(2022, 1, 6, 22, 20, tzinfo=datetime.UTC)
