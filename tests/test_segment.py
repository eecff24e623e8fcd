"""Paragraphs and sentences: abbreviations, quotations, repairs, and spans."""

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st
from nltk.tokenize.punkt import PunktSentenceTokenizer

from analysis.corpus.segment import _punkt, split_paragraphs, split_sentences
from analysis.paths import PROJECT_ROOT


def sentences(text):
    return [text[start:end] for start, end in split_sentences(text)]


def test_paragraphs_are_separated_by_blank_lines_and_trimmed():
    text = "\n\nOne line\nwraps here.\n \n\n\tTwo.\r\n\r\nThree.  "
    assert [text[s:e] for s, e in split_paragraphs(text)] == [
        "One line\nwraps here.",
        "Two.",
        "Three.",
    ]


def test_empty_text_has_no_paragraphs_or_sentences():
    assert split_paragraphs("  \n\n ") == []
    assert split_sentences("") == []


@pytest.mark.parametrize(
    "text",
    [
        "Leaders met on Nov. 10 in Moscow.",
        "The U.S. side did not attend.",
        "Mr. Putin agreed.",
        "Goal No. 1 is peace.",
        "Dr. Li and Prof. Smith spoke, e.g. about trade.",
        "George W. Bush spoke.",
    ],
)
def test_abbreviations_do_not_end_a_sentence(text):
    assert sentences(text) == [text]


def test_a_quotation_holding_several_sentences_is_split_into_them():
    text = "“Security comes first. We need trust,” Xi said. Others agreed."
    assert sentences(text) == [
        "“Security comes first.",
        "We need trust,” Xi said.",
        "Others agreed.",
    ]


def test_closing_quote_stays_with_its_sentence():
    text = "He said: “We will act.” Then he left."
    assert sentences(text) == ["He said: “We will act.”", "Then he left."]


def test_lower_case_continuation_is_not_a_new_sentence():
    assert sentences("“Why now?” he asked. Nobody knew.") == [
        "“Why now?” he asked.",
        "Nobody knew.",
    ]


def test_no_ends_a_sentence_when_no_number_follows():
    assert sentences("We said no. Then we left.") == ["We said no.", "Then we left."]


def test_sentences_never_cross_paragraphs():
    text = "First paragraph has no stop\n\nSecond one."
    assert sentences(text) == ["First paragraph has no stop", "Second one."]


def test_seed_sentence_with_date_abbreviation():
    text = (
        "Chinese President Xi Jinping put forward a major initiative when addressing the "
        "20th Meeting of the Council of Heads of State of the Shanghai Cooperation "
        "Organization (SCO) via video link on Nov. 10."
    )
    assert sentences(text) == [text]


_words = st.sampled_from(
    [
        "Security",
        "matters",
        "Nov.",
        "10",
        "U.S.",
        "“We",
        "act,”",
        "Xi",
        "said.",
        "No.",
        "1",
        "end.",
        "Why?",
        "he",
        "asked.",
    ]
)


@given(st.lists(st.lists(_words, min_size=1, max_size=12), min_size=1, max_size=5))
def test_sentences_are_ordered_trimmed_and_cover_every_paragraph(paragraph_words):
    text = "\n\n".join(" ".join(words) for words in paragraph_words)
    paragraphs = split_paragraphs(text)
    spans = split_sentences(text, paragraphs)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    for start, end in spans:
        assert text[start:end] == text[start:end].strip() != ""
        assert any(ps <= start and end <= pe for ps, pe in paragraphs)
    covered = "".join(text[s:e] for s, e in spans).replace(" ", "")
    assert covered == text.replace(" ", "").replace("\n", "")


_PUNKT_WORDS = st.sampled_from(
    [
        "word",
        "Word",
        "U.S.",
        "Nov.",
        "No.",
        "e.g.",
        "W.",
        "a.",
        "10.",
        "end.",
        "why?",
        "Stop!",
        "wait...",
        "“Quote.”",
        "(aside.)",
        "don't.",
        "non-state.",
        "Mr.",
        "i.e.",
        "x",
        "42",
        "-",
    ]
)


@given(st.lists(_PUNKT_WORDS, min_size=1, max_size=40), st.sampled_from([" ", "\n", "  "]))
def test_the_shortcut_gives_exactly_punkts_own_sentence_spans(words, separator):
    text = separator.join(words)
    fast = _punkt()
    stock = PunktSentenceTokenizer(fast._params)
    assert list(fast.span_tokenize(text)) == list(stock.span_tokenize(text))


def test_the_shortcut_matches_punkt_on_the_benchmark_speeches():
    folder = PROJECT_ROOT.parent / "shared" / "benchmark"
    files = sorted(folder.glob("*/*.txt"))[::6]
    if not files:
        pytest.skip(f"benchmark corpora not found in {folder}")
    fast = _punkt()
    stock = PunktSentenceTokenizer(fast._params)
    for path in files:
        text = path.read_bytes().decode("cp1252", errors="replace")
        assert list(fast.span_tokenize(text)) == list(stock.span_tokenize(text)), path.name
