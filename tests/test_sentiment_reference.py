"""The default VADER is the reference implementation (vaderSentiment 3.3.2), to the last digit.

One hand-written sentence (or more) per rule always runs; every sentence of the benchmark speeches
in ``../shared/benchmark/`` runs when that folder is present (the speeches are read, never copied).
Both compare all four scores with ``vaderSentiment``'s own analyser and check that the per-token
explanation adds up to the sum behind ``compound``.
"""

import math
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as Reference

import analysis
from analysis.corpus.segment import split_sentences
from analysis.sentiment.vader import NltkVaderAnalyzer, VaderAnalyzer

BENCHMARK = Path(__file__).resolve().parents[2] / "shared" / "benchmark"
COLUMNS = ["neg", "neu", "pos", "compound"]

# sentence, the rule it exercises
RULES = [
    ("What a friend...", "punctuation stripped from both ends"),
    ("(Great) news, friends!", "brackets stripped"),
    ("No, ok. it is.", "short tokens keep their punctuation"),
    ("I am A GOOD friend", "one-letter words kept; they count as capitals"),
    ("It is not fixed in a good way.", "one-letter word pushes the negator out of the window"),
    ("There are no good jokes.", "'no' negates the next word"),
    ("There is no joke.", "'no' before a lexicon word"),
    ("No problems or worries here.", "'no ... or' negates three words on"),
    ("I said no.", "'no' at the end keeps its own valence"),
    ("It was a total success.", "booster 'total'"),
    ("A major achievement and an utter disaster.", "boosters 'major', 'utter'"),
    ("An enormous, tremendous, incredible, exceptional gain.", "adjective boosters"),
    ("A slight gain, a marginal loss, an occasional scarce joy.", "adjective dampeners"),
    ("The food is very good.", "booster"),
    ("The food is VERY good.", "booster in capitals"),
    ("It is never so good.", "never so"),
    ("It is Never This good.", "never this, capitalised"),
    ("It has never been so bad.", "never .. so"),
    ("We met this fine day", "'this' one word back"),
    ("The food is not good, but the service is good.", "but, repeated word"),
    ("A kind word but ok for now.", "but by value: the reference's index quirk"),
    ("Good, but BUT bad and bad.", "but in capitals, repeated values"),
    ("We felt his beating heart.", "idiom 'beating heart'"),
    ("the bus stop is pretty", "idiom sets the later word"),
    ("He is quite bad ass today", "idiom 'bad ass'"),
    ("Yeah right, that was the bomb.", "idioms 'yeah right', 'the bomb'"),
    ("Without a doubt, an excellent idea.", "without doubt"),
    ("Without doubt excellent.", "without doubt, adjacent"),
    ("The food is GOOD.", "ALL CAPS"),
    ("THE FOOD IS GOOD.", "everything in capitals: no emphasis"),
    ("This is the least helpful answer.", "least"),
    ("At least it is helpful.", "at least"),
    ("It is the very least helpful answer.", "very least"),
    ("The food is kind of good.", "kind of"),
    ("The food is sort of good, kinda.", "sort of, kinda"),
    ("Make sure you :) or :D today!", "emoticons"),
    ("Catch utf-8 emoji such as \U0001f498 and \U0001f48b and \U0001f601", "emoji"),
    ("Great job\U0001f601!!", "emoji glued to a word"),
    ("Really?? Good!!!! Bad????", "punctuation emphasis"),
    ("Isn't it good? Don't worry, it can't be bad.", "n't negation"),
    ("", "empty text"),
    ("   ", "only spaces"),
    ("Ok.", "one short token"),
]


@pytest.fixture(scope="module")
def reference():
    return Reference()


@pytest.fixture(scope="module")
def ours():
    return VaderAnalyzer()


def _assert_same(ours_scores: dict, reference_scores: dict, text: str) -> None:
    for column in COLUMNS:
        assert ours_scores[column] == pytest.approx(reference_scores[column], abs=1e-6), (
            column,
            text,
        )


def _assert_explained(analyser, text: str) -> None:
    total = sum(record["contribution"] for record in analyser.explain(text))
    compound = total / math.sqrt(total * total + 15)
    assert round(compound, 4) == analyser.polarity_scores(text)["compound"], text


@pytest.mark.parametrize(("text", "rule"), RULES, ids=[rule for _, rule in RULES])
def test_each_rule_scores_as_the_reference(reference, ours, text, rule):
    _assert_same(ours.polarity_scores(text), reference.polarity_scores(text), text)
    _assert_explained(ours, text)


def test_polarity_defaults_to_the_reference(reference):
    texts = [text for text, _ in RULES]
    table = analysis.polarity(texts, cache=False)
    expected = pd.DataFrame([reference.polarity_scores(t) for t in texts])[COLUMNS]
    pd.testing.assert_frame_equal(table, expected.astype(float), atol=1e-6)


VOCABULARY = [
    "good", "Good", "GOOD", "bad", "no", "No", "not", "never", "so", "This", "this", "but",
    "BUT", "very", "total", "kind", "of", "least", "at", "bus", "stop", "the", "bomb", "a", "I",
    "without", "doubt", "or", "ok", "friend...", "(great)", "no,", ":)", "!", "??", "\U0001f601",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY), max_size=12), st.sampled_from([" ", ""]))
def test_any_mix_of_rule_triggers_scores_as_the_reference(words, glue):
    text = glue.join(words)
    ours = VaderAnalyzer()
    _assert_same(ours.polarity_scores(text), Reference().polarity_scores(text), text)
    _assert_explained(ours, text)


def _benchmark_sentences() -> list[str]:
    sentences = []
    for path in sorted(BENCHMARK.glob("*/*.txt")):
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252")
        # title and date lines are scored too: more text to compare, nothing lost
        sentences += [text[start:end] for start, end in split_sentences(text)]
    return sentences


@pytest.mark.skipif(not BENCHMARK.is_dir(), reason=f"{BENCHMARK} is absent")
def test_every_benchmark_sentence_scores_as_the_reference(reference, ours):
    sentences = _benchmark_sentences()
    assert len(sentences) > 10_000
    for text in sentences:
        _assert_same(ours.polarity_scores(text), reference.polarity_scores(text), text)
        _assert_explained(ours, text)


# ---------------------------------------------------------------- the NLTK variant beside it

DIFFERENCES = [
    ("What a friend...", 0.4939, 0.0, "punctuation"),
    ("It is not fixed in a good way.", 0.4404, -0.3412, "one-letter words"),
    ("There are no good jokes.", -0.4847, 0.4019, "no"),
    ("It was a total success.", 0.6115, 0.5719, "booster"),
    ("It is never so good.", 0.6626, 0.7279, "never so/this"),
    ("A kind word but ok for now.", 0.4215, 0.6124, "but"),
    ("We felt his beating heart.", 0.875, 0.296, "idiom"),
    ("\U0001f601", 0.4588, 0.0, "emoji"),
]


def test_the_documented_differences_and_their_reasons():
    texts = [text for text, *_ in DIFFERENCES]
    table = analysis.sentiment.compare_vader_variants(texts, cache=False)
    assert list(table.columns) == [
        "text",
        "compound_reference",
        "compound_nltk",
        "delta",
        "scores_differ",
        "reasons",
    ]
    assert table["compound_reference"].tolist() == [d[1] for d in DIFFERENCES]
    assert table["compound_nltk"].tolist() == [d[2] for d in DIFFERENCES]
    assert table["reasons"].tolist() == [d[3] for d in DIFFERENCES]
    assert table["scores_differ"].all()


def test_equal_scores_have_no_reason():
    table = analysis.sentiment.compare_vader_variants(["The food is good."], cache=False)
    assert table.loc[0, "delta"] == 0 and table.loc[0, "reasons"] == ""
    assert not table.loc[0, "scores_differ"]


def test_variant_option_everywhere(tmp_path):
    text = ["There are no good jokes."]
    nltk = NltkVaderAnalyzer().polarity_scores(text[0])["compound"]
    # one cache folder for both: the key names the variant, so neither reads the other's score
    assert analysis.polarity(text, cache=tmp_path)["compound"].iloc[0] == -0.4847
    assert analysis.polarity(text, variant="nltk", cache=tmp_path)["compound"].iloc[0] == nltk
    assert analysis.polarity(text, cache=tmp_path)["compound"].iloc[0] == -0.4847
    table = pd.DataFrame({"text": text})
    scored = analysis.sentence_sentiment(table, variant="nltk", cache=False)
    assert scored["compound"].iloc[0] == nltk
    explained = analysis.explain_sentiment(text[0], variant="nltk")
    assert "no" in explained["token"].tolist()
    for call in (
        lambda: analysis.polarity(text, variant="upstream", cache=False),
        lambda: analysis.sentence_sentiment(table, variant="NLTK", cache=False),
        lambda: analysis.explain_sentiment(text[0], variant=None),
    ):
        with pytest.raises(ValueError, match=r"variant=.* is not one of: 'reference', 'nltk'"):
            call()


def test_comparison_does_not_mutate_its_input():
    texts = ["There are no good jokes.", "A calm day."]
    before = list(texts)
    analysis.sentiment.compare_vader_variants(texts, cache=False)
    assert texts == before
