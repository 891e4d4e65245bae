"""articles/launch/provenance.py: every paragraph, quote and fact of the launch dataset traces to the seeds.

The first tests run the checks (``audit``) on the dataset and on broken
copies of it; the rest read claims against what their claimants wrote.
"""

import io

import pytest
from django.core.management import CommandError, call_command

from articles.importing.service import IMPORTED_COMMENT_NAME
from articles.launch.dataset import DEFAULT_PATH, read_dataset
from articles.launch.provenance import audit

from .support import copy_dataset, edit

DATA = read_dataset(DEFAULT_PATH).data
GALEOTTI = "western-opportunity-in-russias-kazakhstan-adventure"
CLAIMS = {claim["slug"]: claim for claim in DATA["claims"]}


# --- the checks ------------------------------------------------------------------


def test_the_dataset_passes_every_check():
    assert audit(DEFAULT_PATH) == []


def test_a_changed_quote_a_repeated_paragraph_and_page_chrome_are_found(tmp_path):
    path = copy_dataset(tmp_path)
    edit(path, "(Kazakhstan produces more than 40% of", "(Kazakhstan produces over 40% of")
    body = path.parent / "bodies" / "kazakhstan-russia-china-and-the-protests.md"
    text = body.read_text(encoding="utf-8")
    body.write_text(text + "\n" + text.split("\n\n")[1] + "\n\nShare this article\n", encoding="utf-8")

    problems = "\n".join(audit(path))

    assert "claim 'kazakhstan-uranium-share' citation 1: quote does not occur within one paragraph" in problems
    assert "body repeats a paragraph" in problems
    assert "body contains page chrome 'Share this article'" in problems
    assert "body paragraph not verbatim in seed: 'Share this article'" in problems


def test_a_dropped_paragraph_and_a_reworded_comment_are_found(tmp_path):
    path = copy_dataset(tmp_path)
    body = path.parent / "bodies" / f"{GALEOTTI}.md"
    paragraphs = body.read_text(encoding="utf-8").split("\n\n")
    body.write_text("\n\n".join(paragraphs[:3] + paragraphs[4:]), encoding="utf-8")
    edit(path, "You did not mention three policemen", "You forgot three policemen")

    problems = audit(path)

    dropped = paragraphs[3].strip()[:40]
    assert any(p.startswith(f"article {GALEOTTI!r}: seed line left out: {dropped!r}"[:-1]) for p in problems)
    assert f"article {GALEOTTI!r} comment 1: body is not verbatim in the seed" in problems


def test_facts_not_printed_in_the_seeds_are_found(tmp_path):
    path = copy_dataset(tmp_path)
    edit(path, 'social = "@AlicaKizekova"', 'social = "@SomeoneElse"')
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('wikidata = ""', 'wikidata = "Q232"', 1), encoding="utf-8")

    problems = audit(path)

    assert "author 'alica-kizekova': social handle '@SomeoneElse' is not printed in any seed" in problems
    assert "actor 'kazakhstan': wikidata must stay empty (no text gives the id)" in problems


def test_a_dataset_that_cannot_be_read_is_one_problem(tmp_path):
    assert audit(tmp_path / "missing.toml") == [f"{tmp_path / 'missing.toml'}: no such file"]


def test_the_command_lists_every_problem_and_writes_nothing(tmp_path):
    path = copy_dataset(tmp_path)
    edit(path, 'social = "@AlicaKizekova"', 'social = "@SomeoneElse"')
    err = io.StringIO()
    with pytest.raises(CommandError, match=r"Launch content has 1 problem\(s\); nothing was loaded"):
        call_command("load_launch_content", "--check", "--path", str(path), stderr=err)
    assert "social handle '@SomeoneElse'" in err.getvalue()

    out = io.StringIO()
    call_command("load_launch_content", "--check", stdout=out)
    assert out.getvalue() == "Launch content checked: no problems.\n"


# --- claims say what their claimant said ------------------------------------------


def citations(slug, article=None, stance=None):
    return [
        c
        for c in CLAIMS[slug]["citations"]
        if (article is None or c["article"] == article) and (stance is None or c["stance"] == stance)
    ]


def test_galeottis_claim_names_only_what_he_says_fed_the_protests():
    # He writes of "deep-seated anger at economic inequality and official corruption";
    # discontent with "political elites" is Pasatoiu and Nitoiu's point (a supporting citation).
    statement = CLAIMS["protests-fed-by-inequality-and-corruption"]["statement"]
    assert "inequality" in statement and "corruption" in statement
    assert "elite" not in statement


def test_tchakarovas_task_sharing_claim_keeps_her_may_have():
    # "The Dragonbear may have just discovered a successful formula of task sharing"
    assert "may have" in CLAIMS["russia-security-china-finance"]["statement"]


def test_ben_aris_is_credited_only_with_his_own_words():
    # Aris noted that the 'CSTO completed its task before [the troops] even got on the planes';
    # the reading of the presence as a token of support for Tokayev is Galeotti's.
    statement = CLAIMS["csto-task-done-before-planes"]["statement"]
    assert "planes" in statement
    assert "Tokayev" not in statement and "signal" not in statement


def test_antonenko_disputes_the_limited_stay_with_her_sentence_about_staying():
    (dispute,) = citations("putin-limited-time-period", "kazakhstan-crisis-and-central-asias-balance", "disputes")
    assert "stationed in Kazakhstan on a long-term basis" in dispute["quote"]


@pytest.mark.parametrize(
    ("slug", "quote"),
    [
        ("no-colour-revolutions", "Putin tries to fight against what he has labelled as the West's encroachment"),
        ("nationalists-seek-northern-autonomy", "the presence of a significant Russian ethnic minority"),
    ],
)
def test_a_passage_that_does_not_report_the_claim_is_not_cited_as_reporting_it(slug, quote):
    assert not [c for c in citations(slug, stance="reports") if quote in c["quote"]]


def test_the_reader_comments_copied_from_the_original_page_say_so():
    (galeotti,) = [a for a in DATA["articles"] if a["slug"] == GALEOTTI]
    assert [c["name"] for c in galeotti["comments"]] == [IMPORTED_COMMENT_NAME] * 3
