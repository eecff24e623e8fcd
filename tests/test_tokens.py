"""Tokens: typography, clitics, hyphens, numbers, abbreviations, offsets."""

import itertools
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.corpus.tokens import tokenize


def surfaces(text):
    return [t.token for t in tokenize(text)]


def norms(text):
    return [t.norm for t in tokenize(text)]


def test_curly_and_straight_apostrophes_give_the_same_norms():
    assert norms("China’s stance") == norms("China's stance") == ["china", "'s", "stance"]


def test_possessive_splits_off_as_a_clitic_that_counts_as_a_word():
    tokens = tokenize("the SCO’s security")
    assert [(t.token, t.kind, t.is_word) for t in tokens] == [
        ("the", "word", True),
        ("SCO", "word", True),
        ("’s", "clitic", True),
        ("security", "word", True),
    ]


def test_plural_possessive_apostrophe_is_a_clitic():
    assert surfaces("peoples’ choice") == ["peoples", "’", "choice"]
    assert tokenize("peoples’ choice")[1].kind == "clitic"


@pytest.mark.parametrize(
    ("text", "expected_norms"),
    [
        ("don’t", ["do", "not"]),
        ("can't", ["can", "not"]),
        ("won’t", ["will", "not"]),
        ("we’re", ["we", "are"]),
        ("they've", ["they", "have"]),
        ("we’ll", ["we", "will"]),
        ("I'm", ["i", "am"]),
        ("she’d", ["she", "'d"]),
        ("it’s", ["it", "'s"]),
    ],
)
def test_contractions_split_treebank_style_and_normalise_unambiguous_clitics(text, expected_norms):
    assert norms(text) == expected_norms


@pytest.mark.parametrize(
    "word",
    [
        "non-traditional",
        "law-based",
        "COVID-19",
        "SCO-Afghanistan",
        "socio-economic",
        "bio-security",
        "far-reaching",
        "law‑enforcement",
        "O’Brien",
    ],
)
def test_hyphenated_and_apostrophe_internal_words_stay_whole(word):
    assert surfaces(word) == [word]


def test_hyphen_variants_normalise_to_ascii_hyphen():
    assert norms("law‑enforcement law‐based") == ["law-enforcement", "law-based"]


def test_dashes_are_punctuation_not_hyphens():
    tokens = tokenize("peace—and war – now")
    assert [(t.token, t.kind) for t in tokens] == [
        ("peace", "word"),
        ("—", "punct"),
        ("and", "word"),
        ("war", "word"),
        ("–", "punct"),
        ("now", "word"),
    ]


@pytest.mark.parametrize("number", ["2018", "1,000", "3.5", "20th", "75th", "1990s", "10:30"])
def test_numbers_and_years_are_single_number_tokens(number):
    tokens = tokenize(number)
    assert [(t.token, t.kind, t.is_word) for t in tokens] == [(number, "number", True)]


@pytest.mark.parametrize("abbreviation", ["Nov.", "Mr.", "U.S.", "e.g.", "U.N.", "Dr.", "St."])
def test_abbreviations_keep_their_period(abbreviation):
    assert surfaces(f"the {abbreviation} side") == ["the", abbreviation, "side"]


def test_number_abbreviations_keep_their_period_only_before_a_number():
    assert surfaces("No. 1 and No. 2") == ["No.", "1", "and", "No.", "2"]
    assert surfaces("I said no. Then") == ["I", "said", "no", ".", "Then"]


def test_sentence_final_period_and_ellipsis_are_punctuation():
    assert surfaces("It ends. It trails...") == ["It", "ends", ".", "It", "trails", "..."]
    assert [t.is_word for t in tokenize("ends.")] == [True, False]


def test_punctuation_and_symbols_are_kept_but_not_words():
    tokens = tokenize("“Yes,” $5 + 3%")
    assert [(t.token, t.kind) for t in tokens] == [
        ("“", "punct"),
        ("Yes", "word"),
        (",", "punct"),
        ("”", "punct"),
        ("$", "symbol"),
        ("5", "number"),
        ("+", "symbol"),
        ("3", "number"),
        ("%", "punct"),
    ]
    assert [t.norm for t in tokens][:4] == ['"', "yes", ",", '"']


def test_norm_is_lower_case():
    assert norms("Security SECURITY security") == ["security"] * 3


def test_hand_counted_seed_sentence():
    sentence = "Xi’s remarks have diversified the SCO’s security cooperation, charting the way."
    tokens = tokenize(sentence)
    # Xi ’s remarks have diversified the SCO ’s security cooperation , charting the way .
    assert len(tokens) == 15
    assert sum(t.is_word for t in tokens) == 13


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200))
def test_offsets_point_back_into_the_text_and_cover_every_non_space_character(text):
    tokens = tokenize(text)
    for token in tokens:
        assert text[token.start : token.end] == token.token
    assert all(a.end <= b.start for a, b in itertools.pairwise(tokens))
    assert "".join(t.token for t in tokens) == re.sub(r"\s", "", text)


@given(
    st.lists(
        st.sampled_from(
            [
                "China",
                "’s",
                "'s",
                "U.S.",
                "non-traditional",
                " ",
                ", ",
                "Nov.",
                " 10",
                "“",
                "”",
                "won’t",
                "...",
            ]
        ),
        max_size=30,
    )
)
def test_tokenising_is_deterministic_and_offsets_hold_on_typographic_mixtures(parts):
    text = "".join(parts)
    assert tokenize(text) == tokenize(text)
    assert all(text[t.start : t.end] == t.token for t in tokenize(text))
