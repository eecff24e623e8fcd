"""The voice rules' pre-filter: a sentence it skips gets the label it would get without it."""

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.corpus import voice
from analysis.corpus.segment import split_paragraphs, split_sentences

_WORDS = [
    *("Xi", "Jinping", "President", "he", "the", "minister", "we", "It", "is", "that", "to"),
    *("said", "says", "told", "us", "believes", "called", "on", "for", "according", "words"),
    *("of", "once", "said--must", "well-said", "essay", "Nations", "act", "peace", "saying"),
    *(",", ".", ":", "“", "”", '"', "--", "\n\n"),
]


def _naive(text, needles, spans):
    return [any(needle in text[start:end] for needle in needles) for start, end in spans]


@given(
    st.text(alphabet="ab -.", max_size=40),
    st.sets(st.text(alphabet="ab-", min_size=1, max_size=3), max_size=4),
    st.lists(st.integers(0, 45), max_size=8),
)
def test_spans_holding_is_any_needle_in_the_span(text, needles, cuts):
    bounds = sorted({0, len(text), *(cut for cut in cuts if cut <= len(text))})
    spans = list(itertools.pairwise(bounds))
    assert voice._spans_holding(text, needles, spans) == _naive(text, needles, spans)


@settings(max_examples=150)
@given(st.lists(st.sampled_from(_WORDS), max_size=60), st.sampled_from(["", "speech"]))
def test_labels_are_those_of_testing_every_sentence(words, genre):
    text = " ".join(words)
    paragraphs = split_paragraphs(text)
    sentences = split_sentences(text, paragraphs)
    labels = voice.label_sentences(
        text, paragraphs, sentences, speakers=["Xi Jinping"], genre=genre
    )
    original = voice._spans_holding
    try:
        # no filter: every sentence goes to the rules
        voice._spans_holding = lambda text, needles, spans: [True] * len(spans)
        unfiltered = voice.label_sentences(
            text, paragraphs, sentences, speakers=["Xi Jinping"], genre=genre
        )
    finally:
        voice._spans_holding = original
    assert labels == unfiltered
