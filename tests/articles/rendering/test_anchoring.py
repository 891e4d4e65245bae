"""Finding a quote in rendered text, and finding it again after edits (pure: no database)."""

import random
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from articles.rendering import anchoring, normalise
from articles.rendering.markdown import render_markdown


def doc(body, *contributions):
    sections = [("", render_markdown(body))]
    sections += [(f"c{i}-", render_markdown(text, anchor_prefix=f"c{i}-")) for i, text in enumerate(contributions, 1)]
    return anchoring.Document(sections)


def test_whitespace_typographic_quotes_dashes_and_soft_hyphens_match_their_plain_forms():
    document = doc("Tokayev called it a “coup d\u2019état” \u2014 twice,\u00a0in  one\u00adday.")
    match = anchoring.find(document, "called it a \"coup d'état\" - twice, in oneday.")
    assert match is not None and match.anchor == "p1"
    assert match.passage == "called it a “coup d’état” — twice, in one\u00adday."


def test_a_quote_runs_across_emphasis_and_a_link():
    document = doc("Moscow acted *very* quickly, as [the CSTO](https://csto.example/) said.")
    match = anchoring.find(document, "acted very quickly, as the CSTO said")
    assert match is not None
    paragraph = document.paragraphs[0]
    start, end = paragraph.html_span(match.start, match.end)
    assert paragraph.inner[start:end] == (
        'acted <em>very</em> quickly, as <a href="https://csto.example/" rel="noopener noreferrer nofollow">'
        "the CSTO</a> said"
    )


def test_a_quote_pasted_from_the_markdown_is_found_as_readers_see_it():
    document = doc("Moscow acted *very* quickly, as [the CSTO](https://csto.example/) said.")
    assert anchoring.find(document, "acted *very* quickly, as [the CSTO](https://csto.example/) said") is not None


def test_a_quote_stays_within_one_paragraph():
    assert anchoring.find(doc("First ends here.\n\nSecond starts here."), "here. Second") is None


def test_context_picks_the_right_one_of_repeated_phrases():
    body = "Alpha said the troops would leave.\n\nBeta said the troops would leave.\n\nGamma spoke."
    document = doc(body)
    assert anchoring.count(document, "the troops would leave") == 2
    second = anchoring.find(document, "the troops would leave", prefix="Beta said ")
    assert second.anchor == "p2"
    # Reordered and with a new opening paragraph, the context still finds Beta's.
    moved = doc("A new opening.\n\nBeta said the troops would leave.\n\nAlpha said the troops would leave.")
    assert anchoring.find(moved, "the troops would leave", prefix=second.prefix, suffix=second.suffix).anchor == "p2"
    # Without context, the paragraph it had breaks the tie.
    assert anchoring.find(document, "the troops would leave", anchor="p2").anchor == "p2"
    assert anchoring.find(document, "the troops would leave").anchor == "p1"


def test_context_crosses_paragraph_and_section_boundaries():
    document = doc("Intro paragraph.\n\nThe same words.", "The same words.")
    match = anchoring.find(document, "The same words.", prefix="Intro paragraph. ")
    assert match.anchor == "p2"
    assert match.prefix.endswith("Intro paragraph. ")
    other = anchoring.find(document, "The same words.", prefix=match.suffix, suffix="")
    assert other.anchor in {"p2", "c1-p1"}


def test_closest_passage_offers_the_edited_sentence():
    document = doc("Unrelated opening.\n\nThe CSTO sent some 2,500 troops to Almaty within days.")
    closest = anchoring.closest_passage(document, "The CSTO sent 2,000 troops to Almaty within days.")
    assert closest.anchor == "p2"
    assert closest.passage.startswith("The CSTO sent some 2,500 troops")
    assert closest.score > 80
    assert anchoring.closest_passage(document, "Entirely different words about fishing quotas") is None


WORDS = st.sampled_from(
    "the troops left city government protest price fuel Almaty crisis said leader week region".split()
)
SENTENCE = st.lists(WORDS, min_size=3, max_size=10).map(lambda w: " ".join(w).capitalize() + ".")
PARAGRAPHS = st.lists(SENTENCE, min_size=0, max_size=4)
QUOTE = "Zyx Nurly Qorda stood firm on the pipeline deal"


@settings(max_examples=60, deadline=None)
@given(before=PARAGRAPHS, after=PARAGRAPHS, lead=SENTENCE, tail=SENTENCE, new_before=PARAGRAPHS,
       new_after=PARAGRAPHS, new_lead=SENTENCE, shuffle=st.randoms(use_true_random=False))
def test_edits_that_keep_the_quoted_words_never_detach_or_misplace_it(
    before, after, lead, tail, new_before, new_after, new_lead, shuffle
):
    original = doc("\n\n".join([*before, f"{lead} {QUOTE} {tail}", *after]))
    first = anchoring.find(original, QUOTE)
    assert first is not None and first.anchor == f"p{len(before) + 1}"
    # Insert, delete and reorder the other paragraphs, rewrite the words around the quote.
    others = new_before + after
    shuffle.shuffle(others)
    edited_paragraphs = [*others, f"{new_lead} {QUOTE} {tail}", *new_after]
    edited = doc("\n\n".join(edited_paragraphs))
    again = anchoring.follow(edited, QUOTE, prefix=first.prefix, suffix=first.suffix, anchor=first.anchor,
                             previously=first.occurrences)
    assert again is not None
    assert again.anchor == f"p{len(others) + 1}"
    assert again.passage == QUOTE


@settings(max_examples=60, deadline=None)
@given(data=st.data(), before=PARAGRAPHS, after=PARAGRAPHS)
def test_edits_inside_the_quote_always_mark_it_for_review_never_misplace_it(data, before, after):
    original = doc("\n\n".join([*before, f"Opening. {QUOTE} closing.", *after]))
    first = anchoring.find(original, QUOTE)
    words = QUOTE.split()
    index = data.draw(st.integers(0, len(words) - 1))
    kind = data.draw(st.sampled_from(["delete", "replace", "insert"]))
    if kind == "delete":
        words.pop(index)
    elif kind == "replace":
        words[index] = data.draw(WORDS.filter(lambda word: word != words[index]))
    else:  # between two of its words, so inside the quote
        words.insert(data.draw(st.integers(1, len(words) - 1)), data.draw(WORDS))
    edited = doc("\n\n".join([*before, f"Opening. {' '.join(words)} closing.", *after]))
    assert anchoring.follow(edited, QUOTE, prefix=first.prefix, suffix=first.suffix, anchor=first.anchor,
                            previously=first.occurrences) is None


# The same words elsewhere in the text: "decoys" whose surroundings share nothing with the
# cited passage's (Cyrillic words), so only the stored context can tell the passages apart.
DECOY_WORDS = st.sampled_from("войска ушли город власть протест цена топливо кризис неделя регион".split())
DECOY_SENTENCE = st.lists(DECOY_WORDS, min_size=3, max_size=8).map(lambda w: " ".join(w).capitalize() + ".")
DECOY = st.tuples(DECOY_SENTENCE, DECOY_SENTENCE).map(lambda pair: f"{pair[0]} {QUOTE} {pair[1]}")
DECOYS = st.lists(DECOY, min_size=1, max_size=3)


def confirmed(document, anchor):
    """The citation as an editor confirms it at one occurrence (``within`` its paragraph),
    and how many times its words occur in the whole text."""
    match = anchoring.find(document, QUOTE, within=anchor)
    assert match is not None
    return match, anchoring.count(document, QUOTE)


@settings(max_examples=80, deadline=None)
@given(others=PARAGRAPHS, decoys=DECOYS, lead=SENTENCE, tail=SENTENCE, rewritten=SENTENCE,
       keep_tail=st.booleans(), added=PARAGRAPHS, slot=st.integers(0, 20), shuffle=st.randoms(use_true_random=False))
def test_with_the_same_words_elsewhere_edits_that_keep_the_passage_and_one_side_never_misplace_it(
    others, decoys, lead, tail, rewritten, keep_tail, added, slot, shuffle
):
    cited = f"{lead} {QUOTE} {tail}"
    paragraphs = [*others, *decoys]
    shuffle.shuffle(paragraphs)
    paragraphs.insert(slot % (len(paragraphs) + 1), cited)
    original = doc("\n\n".join(paragraphs))
    first, occurrences = confirmed(original, f"p{paragraphs.index(cited) + 1}")
    assert occurrences == len(decoys) + 1
    # Rewrite the words on one side of the quote; add, delete and reorder the other paragraphs.
    edited_cited = f"{lead} {QUOTE} {rewritten}" if not keep_tail else f"{rewritten} {QUOTE} {tail}"
    rest = [p for p in paragraphs if p != cited][1:] + added
    shuffle.shuffle(rest)
    rest.insert(slot % (len(rest) + 1), edited_cited)
    edited = doc("\n\n".join(rest))
    again = anchoring.follow(edited, QUOTE, prefix=first.prefix, suffix=first.suffix, anchor=first.anchor,
                             previously=occurrences)
    assert again is not None
    assert again.anchor == f"p{rest.index(edited_cited) + 1}"


@settings(max_examples=80, deadline=None)
@given(data=st.data(), others=PARAGRAPHS, decoys=DECOYS, shuffle=st.randoms(use_true_random=False))
def test_with_the_same_words_elsewhere_edits_inside_the_passage_mark_it_for_review_never_move_it_there(
    data, others, decoys, shuffle
):
    cited = f"Opening. {QUOTE} closing."
    paragraphs = [*others, *decoys, cited]
    shuffle.shuffle(paragraphs)
    original = doc("\n\n".join(paragraphs))
    first, occurrences = confirmed(original, f"p{paragraphs.index(cited) + 1}")
    words = QUOTE.split()
    index = data.draw(st.integers(0, len(words) - 1))
    kind = data.draw(st.sampled_from(["delete", "replace", "insert"]))
    if kind == "delete":
        words.pop(index)
    elif kind == "replace":
        words[index] = data.draw(WORDS.filter(lambda word: word != words[index]))
    else:
        words.insert(data.draw(st.integers(1, len(words) - 1)), data.draw(WORDS))
    edited = doc("\n\n".join(p if p != cited else f"Opening. {' '.join(words)} closing." for p in paragraphs))
    assert anchoring.follow(edited, QUOTE, prefix=first.prefix, suffix=first.suffix, anchor=first.anchor,
                            previously=occurrences) is None


def test_a_new_quote_that_occurs_twice_is_not_told_apart_until_its_context_singles_one_out():
    document = doc("Alpha said the troops would leave.\n\nBeta said the troops would leave.")
    assert not anchoring.find(document, "the troops would leave").told_apart
    assert anchoring.find(document, "Beta said the troops would leave").told_apart
    beta = anchoring.find(document, "the troops would leave", within="p2")
    assert anchoring.find(document, "the troops would leave", prefix=beta.prefix, suffix=beta.suffix).told_apart


def test_re_anchoring_50_citations_in_a_5000_word_article_after_an_edit_takes_well_under_a_second():
    rng = random.Random(9)
    vocabulary = "the crisis in Kazakhstan showed how quickly Moscow could move troops while Beijing watched".split()
    paragraphs = [" ".join(rng.choice(vocabulary) for _ in range(83)).capitalize() + "." for _ in range(60)]
    assert sum(len(p.split()) for p in paragraphs) >= 4_980
    original = doc("\n\n".join(paragraphs))
    cited = []
    for index in rng.sample(range(len(paragraphs)), 50):
        words = paragraphs[index].split()
        start = rng.randrange(len(words) - 12)
        match = anchoring.find(original, " ".join(words[start:start + 12]), within=f"p{index + 1}")
        cited.append((" ".join(words[start:start + 12]), match))
    edited = "A new opening paragraph.\n\n" + "\n\n".join(paragraphs)
    started = time.perf_counter()
    document = doc(edited)
    found = [
        anchoring.follow(document, quote, prefix=m.prefix, suffix=m.suffix, anchor=m.anchor, previously=m.occurrences)
        for quote, m in cited
    ]
    elapsed = time.perf_counter() - started
    assert [f.anchor for f in found] == [f"p{int(m.anchor[1:]) + 1}" for _quote, m in cited]
    assert elapsed < 1.0


def _normalised_one_character_at_a_time(text):
    """The definition ``normalise_mapped`` must keep: each character's normal form,
    white space runs as one space, none at either end."""
    out, where = [], []
    for index, char in enumerate(text):
        for piece in normalise._normalise_char(char):
            if piece == " " and (not out or out[-1] == " "):
                continue
            out.append(piece)
            where.append(index)
    if out and out[-1] == " ":
        out.pop()
        where.pop()
    return "".join(out), where


MIXED_TEXT = st.text(
    alphabet=st.sampled_from(
        list("ab Z9.,'\"`-\t\n") + ["\u00a0", "\u00ad", "\u200b", "’", "“", "—", "…", "é", "й", "Қ", "ﬁ", "²",
                                    "\u0301", "\u00a8", "«", "Ω", "\u2003", "\x1c"]
    ),
    max_size=60,
)


@given(text=MIXED_TEXT)
def test_normalising_in_runs_gives_what_normalising_each_character_gives(text):
    assert normalise.normalise_mapped(text) == _normalised_one_character_at_a_time(text)


def test_a_russian_paragraph_normalises_with_its_typographic_marks_plain():
    text = "  Токаев\u00a0назвал это «попыткой  переворота» \u2014 дважды…  "
    assert normalise.normalise(text) == 'Токаев назвал это "попыткой переворота" - дважды...'
    assert normalise.normalise_mapped(text) == _normalised_one_character_at_a_time(text)
