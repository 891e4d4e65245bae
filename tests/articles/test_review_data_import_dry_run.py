"""A dry run of import_commentary reports what the real run would do, file by file."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import Article

pytestmark = pytest.mark.django_db

SEED = next((Path(__file__).resolve().parents[2] / "articles/fixtures/seeds").glob("002_*.txt"))
SLUG = "kazakhstan-russia-china-and-the-protests"


def run(*files, **options):
    out = StringIO()
    call_command("import_commentary", *map(str, files), stdout=out, **options)
    return out.getvalue()


def file_lines(output):
    """The one line per file (warnings and the summary left out)."""
    return [line for line in output.splitlines() if line.startswith("/")]


def _two_versions(tmp_path):
    changed = tmp_path / "changed.txt"
    changed.write_text(SEED.read_text(encoding="utf-8") + "\nOne more closing paragraph.\n", encoding="utf-8")
    return SEED, changed


def test_two_versions_of_a_page_get_the_same_slugs_in_a_dry_run_as_for_real(tmp_path):
    first, second = _two_versions(tmp_path)
    dry = run(first, second, dry_run=True)
    assert not Article.objects.exists()
    real = run(first, second)
    assert sorted(Article.objects.values_list("slug", flat=True)) == [SLUG, f"{SLUG}-2"]
    assert f"would create draft “Kazakhstan: Russia, China and the protests” (slug “{SLUG}-2”)" in dry
    assert file_lines(dry.replace("would create", "created")) == file_lines(real)


def test_a_file_given_twice_is_unchanged_the_second_time_in_a_dry_run_too():
    dry = run(SEED, SEED, dry_run=True)
    first, second = file_lines(dry)
    assert "would create draft" in first
    assert "unchanged, already imported" in second
    assert "Dry run, nothing written. 2 file(s): 1 new, 1 unchanged." in dry
    assert not Article.objects.exists()
