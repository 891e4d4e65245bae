"""Query understanding: the same reader words, however typed, mean the same search."""

from articles.search.query import MAX_TERMS, clean_query, fold, parse, spelling_variants, terms_of

NAMES = {
    ("tokayev",): (1, [("kassym", "jomart", "tokayev"), ("tokayev",), ("toqaev",)]),
    ("toqaev",): (1, [("kassym", "jomart", "tokayev"), ("tokayev",), ("toqaev",)]),
    ("kassym", "jomart", "tokayev"): (1, [("kassym", "jomart", "tokayev"), ("tokayev",), ("toqaev",)]),
    ("us",): (2, [("united", "states"), ("us",)]),
}


def alternatives(query):
    return [group.alternatives for group in parse(query, NAMES).groups]


def test_typographic_and_straight_apostrophes_are_one_and_possessives_go():
    assert alternatives("Russia’s") == alternatives("Russia's") == alternatives("Russia") == [[("russia",)]]
    assert terms_of("Russia’s") == terms_of("Russia's") == ["Russia's"]


def test_diacritics_fold_in_latin_but_cyrillic_letters_stay():
    assert fold("Kizeková") == "kizekova"
    assert fold("Назарбаев Тоқаев й") == "назарбаев тоқаев й"


def test_british_and_american_spellings_match_both_ways():
    assert spelling_variants("colour") == ["color"]
    assert spelling_variants("color") == ["colour"]
    assert spelling_variants("organisation") == ["organization"]
    assert spelling_variants("characterized") == ["characterised"]
    assert spelling_variants("praise") == []  # not an -ize word


def test_hyphenated_words_match_as_a_phrase_or_written_together():
    assert alternatives("multi-vector") == [[("multi", "vector"), ("multivector",)]]


def test_an_actor_name_or_alias_stands_for_every_name_of_that_actor():
    (group,) = parse("Toqaev", NAMES).groups
    assert group.actor_id == 1
    assert ("tokayev",) in group.alternatives and ("kassym", "jomart", "tokayev") in group.alternatives
    # The longest name wins: one group, not three.
    assert len(parse("Kassym-Jomart Tokayev", NAMES).groups) == 1


def test_question_words_are_left_out_but_a_query_of_only_them_is_kept():
    parsed = parse("who sent troops to Kazakhstan", NAMES)
    assert [g.label for g in parsed.groups] == ["sent", "troops", "Kazakhstan"]
    assert parsed.dropped == ["who", "to"]
    assert [g.label for g in parse("The Who", NAMES).groups] == ["The", "Who"]


def test_us_the_country_is_not_us_the_word():
    assert [g.actor_id for g in parse("US sanctions", NAMES).groups] == [2, None]
    assert [g.label for g in parse("tell us", NAMES).groups] == ["tell"]


def test_terms_are_capped_and_the_cap_is_reported():
    parsed = parse(" ".join(f"word{i}" for i in range(20)), NAMES)
    assert len(parsed.groups) == MAX_TERMS and parsed.capped


def test_queries_are_capped_in_length_and_lose_control_characters():
    text, shortened = clean_query("a\x00b " + "x" * 500)
    assert shortened and len(text) == 200 and "\x00" not in text


def test_a_name_holding_a_shorter_name_is_not_searched_again_but_still_highlighted():
    (group,) = parse("Kassym-Jomart Tokayev", NAMES).groups
    # Whatever has "Kassym-Jomart Tokayev" has "Tokayev": asking the database for both only
    # makes ranking read more positions.
    assert group.searched == [("tokayev",), ("toqaev",)]
    assert ("kassym", "jomart", "tokayev") in group.alternatives
    assert {"kassym", "jomart", "tokayev"} <= set(parse("Kassym-Jomart Tokayev", NAMES).words)


def test_a_shorter_alternative_of_filler_words_covers_nothing():
    # The databases drop filler words, so "who" alone finds nothing and cannot stand in
    # for a phrase that holds it.
    group = parse("colour", NAMES).groups[0]
    group.add(("who",), ("band", "who", "played"))
    assert ("band", "who", "played") in group.searched
