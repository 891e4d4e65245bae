"""Finding a quote in rendered text, and finding it again after edits (pure: no database)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from articles.rendering import anchoring
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
    again = anchoring.find(edited, QUOTE, prefix=first.prefix, suffix=first.suffix, anchor=first.anchor)
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
    assert anchoring.find(edited, QUOTE, prefix=first.prefix, suffix=first.suffix, anchor=first.anchor) is None
