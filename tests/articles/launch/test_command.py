"""manage.py load_launch_content (articles/management/commands/load_launch_content.py):
counts, verbosity, --dry-run and bad data as a command error."""

import io

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article

from .support import copy_dataset, edit


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
    path = copy_dataset(tmp_path)
    edit(path, 'claimant_actor = "blinken"', 'claimant_actor = "nobody"')

    with pytest.raises(CommandError, match="Launch content not loaded: claim .* unknown actor 'nobody'"):
        call_command("load_launch_content", "--path", str(path))
    assert Article.objects.count() == 0
