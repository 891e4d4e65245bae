"""The commentary parser, on the five real seed pages and on small texts.

Pure tests: no database, no Django models.
"""

import datetime as dt
from pathlib import Path

import pytest

from articles.importing.parser import (
    HEADING,
    PARAGRAPH,
    SOURCE_MARKER,
    normalise_text,
    parse_commentary,
)

SEEDS = Path(__file__).resolve().parents[3] / "articles/fixtures/seeds"


def seed(prefix):
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


# The publications editors have (names and aliases): the parser only ever confirms one of these.
KNOWN = ("CEIAS", "Britain’s World", "Council on Geostrategy", "GP")


@pytest.fixture(scope="module")
def parsed():
    return {
        prefix: parse_commentary(seed(prefix), publications=KNOWN) for prefix in ("000", "001", "002", "003", "004")
    }


def all_text(result):
    """Everything the parser kept, as one string (to look for chrome in)."""
    parts = [result.title, result.publication, result.series_name, result.section]
    parts += [b.text for b in result.body]
    for contribution in result.contributions:
        parts += [contribution.author.name, contribution.author.affiliation]
        parts += [b.text for b in contribution.blocks]
    for author in result.authors:
        parts += [author.name, author.affiliation, author.bio]
    parts += list(result.comments)
    return "\n".join(parts)


# --- seed 000: a CEIAS round-up ---------------------------------------------


def test_roundup_header_is_read(parsed):
    result = parsed["000"]
    assert result.title == "CEIAS CONSIDERS: The Kazakhstan crisis and the global response"
    assert result.publication == "CEIAS"
    assert result.section == "CEIAS Insights"
    assert result.date == dt.date(2022, 1, 20)
    assert result.date_precision == "day"
    assert result.date_text == "Jan 20, 2022"
    assert (result.series_name, result.series_number) == ("", None)
    assert "no date stated" not in result.warnings


def test_roundup_editor_is_the_author_with_the_role_from_the_authors_box(parsed):
    (author,) = parsed["000"].authors
    assert author.name == "David Hutt"
    assert author.affiliation == "Research Fellow | Editor"


def test_roundup_introduction_is_the_body(parsed):
    result = parsed["000"]
    assert result.headings == ("What the Kazakhstan crisis tells us about international relations",)
    assert len(result.paragraphs) == 1
    assert result.paragraphs[0].startswith("This month, unrest and the threat of a coup")
    assert [b.kind for b in result.body] == [HEADING, PARAGRAPH]


def test_roundup_sections_become_contributions(parsed):
    result = parsed["000"]
    assert result.is_roundup
    first, second = result.contributions
    assert first.author.name == "Alica Kizeková"
    assert first.author.affiliation == (
        "Senior researcher and head of the Asia Pacific Unit at the Institute of "
        "International Relations Prague"
    )
    assert first.author.handle == "@AlicaKizekova"
    assert len(first.paragraphs) == 1
    assert first.paragraphs[0].startswith("I do not see any impact on the Russia-China relations")
    assert second.author.name == "Velina Tchakarova"
    assert second.author.affiliation == (
        "Director at the Austrian Institute for European and Security Policy (AIES) in Vienna"
    )
    assert second.author.handle == "@vtchakarova"
    assert len(second.paragraphs) == 2
    assert second.paragraphs[1].startswith("Following Russia’s military involvement")
    assert len(result.all_paragraphs) == 4


def test_roundup_page_chrome_is_gone(parsed):
    text = all_text(parsed["000"])
    for chrome in (
        "Authors\n",
        "Key Topics",
        "CEIAS ConsidersGlobal response",
        "office@ceias.eu",
        "Murgašova",
        "81104 Bratislava",
        "Slovakia\n",
        "Sign up for our newsletter",
        "All rights reserved",
        "CEIAS 2023",
    ):
        assert chrome not in text, chrome


# --- seed 001: two authors, no title, passages repeated -----------------------


def test_authors_with_affiliation_lines_and_no_title(parsed):
    result = parsed["001"]
    assert [(a.name, a.affiliation) for a in result.authors] == [
        (
            "Florin Pasatoiu",
            "PhD, Lecturer, Co-Founder and Director of the Center for Foreign Policy "
            "and Security Studies (CFPSS)",
        ),
        (
            "Cristian Nitoiu",
            "PhD, Lecturer in Diplomacy and International Governance, Loughborough University",
        ),
    ]
    assert result.title == ""
    assert "no title found" in result.warnings
    assert result.publication == ""
    assert result.date is None and result.date_precision == ""
    assert "no date stated" in result.warnings


def test_repeated_paragraphs_are_kept_once(parsed):
    result = parsed["001"]
    assert len(result.paragraphs) == 12
    assert len(set(result.paragraphs)) == len(result.paragraphs)
    assert result.paragraphs[0].startswith("Kazakhstan: a key player and a logistic hub")
    assert result.paragraphs[-1].startswith("Russia’s domination in the CSTO peacekeeping")
    assert "dropped 7 repeated paragraph(s) (kept the first occurrence)" in result.warnings


def test_first_occurrence_order_is_kept(parsed):
    paragraphs = parsed["001"].paragraphs
    assert paragraphs[3].startswith("Russia’s waning influence in Central Asia")
    assert paragraphs[7].startswith("Domestic stability in all the Central Asian republics")


def test_heading_left_without_text_is_dropped_with_a_warning(parsed):
    result = parsed["001"]
    assert result.headings == ("Why Russia had to act?",)
    assert (
        "dropped heading with no text after it: “From balancing to further integration in Central Asia”"
    ) in result.warnings


def test_widgets_and_audience_menu_are_gone(parsed):
    text = all_text(parsed["001"])
    for chrome in (
        "Print",
        "Rate this article",
        "(no votes)",
        "(0 votes)",
        "Share this article",
        "For business",
        "For researchers",
        "For students",
    ):
        assert chrome not in text, chrome


# --- seed 002: a numbered series note with a list of other notes -------------


def test_series_note_header_is_read(parsed):
    result = parsed["002"]
    assert result.title == "Kazakhstan: Russia, China and the protests"
    assert [(a.name, a.affiliation) for a in result.authors] == [("Abigail Miriam Fernandez", "")]
    assert (result.series_name, result.series_number) == ("GP Short Notes", 608)
    assert result.date == dt.date(2022, 1, 15)
    assert result.date_precision == "day"
    assert result.publication == ""
    assert "no publication stated" in result.warnings


def test_series_note_headings_and_paragraphs(parsed):
    result = parsed["002"]
    assert result.headings == ("What happened?", "What is the background?", "What does it mean?")
    assert len(result.paragraphs) == 9
    assert [b.kind for b in result.body[:2]] == [HEADING, PARAGRAPH]
    assert result.paragraphs[-1].startswith("Third, the role of regional organizations.")
    # Trailing spaces of the scrape are not kept.
    assert all(p == p.strip() for p in result.paragraphs)


def test_list_of_other_notes_and_archive_links_are_gone(parsed):
    text = all_text(parsed["002"])
    for chrome in (
        "8 May 2022 | GP Short Notes # 635",
        "EU: New sanctions on Russia",
        "GP Short Notes # 609",
        "The US: Remembering 6 January",
        "Click below links for year wise archive",
        "2021 | 2020 | 2019 | 2018",
        "Click here for old Short Notes",
    ):
        assert chrome not in text, chrome


# --- seed 003: magazine piece with bio at the end, markers and comments ------


def test_magazine_piece_header_and_bio_author(parsed):
    result = parsed["003"]
    assert result.title == "There is Western opportunity in Russia’s Kazakhstan adventure"
    assert result.publication == "Council on Geostrategy"
    (author,) = result.authors
    assert author.name == "Mark Galeotti"
    assert author.affiliation == (
        "Ernest Bevin Associate Fellow in Euro-Atlantic Geopolitics at the Council on Geostrategy"
    )
    assert author.bio.startswith("Dr Mark Galeotti is Ernest Bevin Associate Fellow")
    assert not any(p.startswith("Dr Mark Galeotti is") for p in result.paragraphs)


def test_day_without_a_year_is_a_hint_not_a_date(parsed):
    result = parsed["003"]
    assert result.date is None
    assert result.date_precision == ""
    assert "no date stated" in result.warnings
    assert result.date_hints == ("2nd January", "5th January")
    assert "“2nd January” is a day without a year: not used as the date" in result.warnings


def test_magazine_piece_headings_and_paragraphs(parsed):
    result = parsed["003"]
    assert result.headings == ("Backing a winner", "Not always bad", "Sweetening the pill")
    assert len(result.paragraphs) == 16
    assert result.paragraphs[0].startswith("Last week, the Central Asian nation")
    assert result.paragraphs[-1].startswith("It may be a stretch")


def test_reader_comments_are_kept_as_text(parsed):
    result = parsed["003"]
    assert len(result.comments) == 3
    assert result.comments[0].startswith("You did not mention three policemen")
    assert result.comments[2].endswith("went unnoticed during the evacuation")
    assert not any(c.startswith(("1.", "2.", "3.")) for c in result.comments)
    assert not any("announces" in w for w in result.warnings)


def test_source_markers_are_recorded_and_left_in_the_text(parsed):
    result = parsed["003"]
    assert len(result.source_markers) == 13
    assert sum(p.count(SOURCE_MARKER) for p in result.paragraphs) == 13
    first = result.source_markers[0]
    assert first.paragraph_index == 1
    assert first.contribution_index is None
    assert first.context.endswith("a hike in fuel prices")
    paragraph = result.paragraphs[first.paragraph_index]
    assert paragraph[first.offset : first.offset + len(SOURCE_MARKER)] == SOURCE_MARKER
    # Several markers in one paragraph: each context stops at the previous marker.
    in_paragraph_6 = [m.context for m in result.source_markers if m.paragraph_index == 6]
    assert in_paragraph_6 == [
        "Tokayev’s spokesman has said",
        "Kazakhstan has been ‘invaded’ or ‘occupied’",
        "Asia is more bought with money",
    ]
    for marker in result.source_markers:
        assert marker.context in result.paragraphs[marker.paragraph_index]


def test_sign_up_and_comment_form_chrome_is_gone(parsed):
    text = all_text(parsed["003"])
    for chrome in (
        "The Council on Geostrategy’s online magazine",
        "Join our mailing list!",
        "Stay informed about the latest articles",
        "3 thoughts on",
        "Leave a Reply",
        "Your email address will not be published",
        "Required fields are marked",
    ):
        assert chrome not in text, chrome


# --- seed 004: bio sentence at the top, nothing else stated -------------------


def test_bio_sentence_at_the_top_names_the_author(parsed):
    result = parsed["004"]
    (author,) = result.authors
    assert author.name == "Oksana Antonenko"
    assert author.affiliation == (
        "Director for Global Risk Analysis at Control Risks and a global policy fellow "
        "at the Kennan Institute"
    )
    assert "author “Oksana Antonenko” read from a bio sentence: check it" in result.warnings
    assert len(result.paragraphs) == 14
    assert result.paragraphs[0].startswith("Holiday seasons are often haunted")
    assert result.headings == ()


def test_nothing_stated_is_warned_about_not_guessed(parsed):
    result = parsed["004"]
    assert result.title == ""
    assert result.date is None
    assert result.date_hints == ()
    assert result.publication == ""
    for warning in ("no title found", "no date stated", "no publication stated"):
        assert warning in result.warnings


# --- every seed -----------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_no_seed_keeps_a_repeated_paragraph(parsed, prefix):
    paragraphs = parsed[prefix].all_paragraphs
    assert paragraphs
    assert len(set(paragraphs)) == len(paragraphs)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_parsing_is_deterministic_and_frozen(parsed, prefix):
    result = parsed[prefix]
    assert parse_commentary(seed(prefix), publications=KNOWN) == result
    with pytest.raises(AttributeError):
        result.title = "changed"


# --- general rules on small texts ------------------------------------------------

BODY = (
    "The protests that began in Zhanaozen spread within days to Almaty and beyond, "
    "and the government answered with force.\n\n"
    "Within a week the president had asked for outside help and the crisis had "
    "changed its character entirely, as this piece argues.\n"
)


def test_published_label_and_month_precision():
    result = parse_commentary("A title here\n\nPublished: March 2022\n\n" + BODY)
    assert result.title == "A title here"
    assert result.date == dt.date(2022, 3, 1)
    assert result.date_precision == "month"
    assert "no date stated" not in result.warnings


def test_impossible_date_is_not_taken():
    result = parse_commentary("A title here\n\n31 February 2022\n\n" + BODY)
    assert result.date is None
    assert "no date stated" in result.warnings


def test_hard_wrapped_lines_are_joined():
    text = (
        "A title here\n\n"
        "The protests that began in Zhanaozen spread within days to Almaty\n"
        "and beyond, and the government answered with force in the end.\n"
    )
    result = parse_commentary(text)
    assert result.paragraphs == (
        "The protests that began in Zhanaozen spread within days to Almaty and beyond, "
        "and the government answered with force in the end.",
    )


def test_byline_with_two_names_and_honorific():
    result = parse_commentary("A title here\n\nBy Dr Jane Doe and John van der Berg\n\n" + BODY)
    assert [a.name for a in result.authors] == ["Jane Doe", "John van der Berg"]


def test_politician_sentence_is_not_taken_for_a_bio():
    text = BODY + "\nKassym-Jomart Tokayev is the president of Kazakhstan and will stay so.\n"
    result = parse_commentary("A title here\n\n" + text)
    assert result.authors == ()
    assert "no author found" in result.warnings


def test_empty_text_has_no_paragraphs():
    result = parse_commentary("")
    assert result.body == ()
    assert "no paragraphs found" in result.warnings
    assert "no title found" in result.warnings


def test_normalise_text_is_stable():
    raw = "\ufeffTitle  line \r\nsecond\u00a0line\u200b\r\n\r\n"
    assert normalise_text(raw) == "Title line\nsecond line"
    assert normalise_text(normalise_text(raw)) == normalise_text(raw)


def test_a_section_heading_between_paragraphs_does_not_end_the_article():
    text = (
        "A title here\n\n"
        + BODY
        + "\nRead more: Another article from this outlet\n\n"
        + "The last paragraph of the piece comes after the link and must be kept in the body.\n"
    )
    result = parse_commentary(text)
    assert len(result.paragraphs) == 3
    assert result.paragraphs[-1].startswith("The last paragraph of the piece")
    assert "Read more" not in "\n".join(b.text for b in result.body)


def test_about_the_author_box_with_a_bio_sentence():
    text = (
        "A title here\n\n"
        + BODY
        + "\nAbout the author\n\n"
        + "Jane Doe is a senior fellow at the Eurasia Institute. She writes on Central Asia.\n\n"
        + "Tags\n\nKazakhstan, CSTO\n"
    )
    result = parse_commentary(text)
    (author,) = result.authors
    assert (author.name, author.affiliation) == ("Jane Doe", "Senior fellow at the Eurasia Institute")
    assert len(result.paragraphs) == 2
    assert "Kazakhstan, CSTO" not in "\n".join(result.paragraphs)


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_every_marker_printed_in_a_seed_is_recorded(path):
    text = path.read_text(encoding="utf-8")
    assert len(parse_commentary(text).source_markers) == text.count("[↗]")
