"""Actor-mention detection (articles/mentions/detect.py): the pure matcher."""

from articles.mentions import detect_mentions

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


def test_a_name_is_found_whichever_apostrophe_spacing_or_first_letter_case_the_text_uses():
    # Each name is looked for only in texts holding its longest word verbatim: the
    # parts that may vary (apostrophes, spaces, a leading article's case) are never that word.
    text = "The People’s Party met.\nthe people's party left.  People's\u00a0Party again; Nur  Otan’s chair."
    assert count(text, party=["People's Party"], nur=["Nur Otan's"]) == {"party": 2, "nur": 1}
    assert count("The Kremlin said; the Kremlin's view.", kremlin=["the Kremlin"]) == {"kremlin": 2}
    assert count("D'Artagnan and d'Artagnan", dart=["d'Artagnan"]) == {"dart": 2}
    assert count("Nur-Sultan", nur=["Nur Sultan"]) == {}
