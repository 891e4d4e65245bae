"""Launch claims say what their claimant said, and each citation's stance fits its quote."""

import tomllib

import pytest

from articles.importing.service import IMPORTED_COMMENT_NAME
from articles.launch import DEFAULT_PATH

DATA = tomllib.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
CLAIMS = {claim["slug"]: claim for claim in DATA["claims"]}


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
    (galeotti,) = [a for a in DATA["articles"] if a["slug"] == "western-opportunity-in-russias-kazakhstan-adventure"]
    assert [c["name"] for c in galeotti["comments"]] == [IMPORTED_COMMENT_NAME] * 3
