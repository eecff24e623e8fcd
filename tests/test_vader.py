"""Both VADER analysers: golden sentences computed by hand, agreement with the reference, lexicon.

The default analyser is the reference implementation (vaderSentiment 3.3.2);
``tests/test_sentiment_reference.py`` compares it with the reference on every rule and on the
benchmark speeches. NLTK's corrected port (``variant="nltk"``) must give the same golden values.

Hand computations use the lexicon values of vaderSentiment 3.3.2 (good 1.9, helpful 1.8,
horrible -2.5) and VADER's published constants (Hutto & Gilbert 2014): negation x -0.74,
booster +0.293, dampener -0.293, ALL CAPS +0.733, "but" x0.5 before / x1.5 after,
compound = s / sqrt(s**2 + 15).
"""

import math

import nltk.sentiment.vader as nltk_vader
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as UpstreamAnalyzer

from analysis.sentiment.vader import (
    ALGORITHMS,
    LEXICON_RESOURCE,
    NltkVaderAnalyzer,
    VaderAnalyzer,
    apply_overrides,
    base_lexicon,
    ensure_lexicon,
    fingerprint,
    installed_lexicon_path,
    read_overrides,
)


def norm(s: float) -> float:
    return s / math.sqrt(s * s + 15)


# sentence, the raw sum worked out by hand, and the rule it locks
GOLDEN = [
    ("The food is good.", 1.9, "plain lexicon word"),
    ("The food is not good.", 1.9 * -0.74, "negation"),
    ("The food is very good.", 1.9 + 0.293, "booster"),
    ("The food is GOOD.", 1.9 + 0.733, "ALL CAPS among lower case"),
    ("The food is kind of good.", 1.9 - 0.293, "'kind of' dampener"),
    ("This is the least helpful answer.", 1.8 * -0.74, "'least' negates"),
    ("At least it is helpful.", 1.8, "'at least' does not negate"),
    ("It was good, but it was horrible.", 1.9 * 0.5 + -2.5 * 1.5, "'but' rule"),
    (
        "The food is not good, but the service is good.",
        1.9 * -0.74 * 0.5 + 1.9 * 1.5,
        "repeated word: each 'good' has its own context",
    ),
    ("Good, good, not good.", 1.9 + 1.9 + 1.9 * -0.74, "repeated word with negation"),
]


@pytest.fixture(scope="module")
def analyser():
    return VaderAnalyzer()


@pytest.fixture(scope="module")
def nltk_port():
    return NltkVaderAnalyzer()


@pytest.fixture(scope="module")
def upstream():
    return UpstreamAnalyzer()


@pytest.mark.parametrize(("sentence", "raw_sum", "rule"), GOLDEN, ids=[g[2] for g in GOLDEN])
def test_golden_sentences_match_hand_computation(analyser, nltk_port, sentence, raw_sum, rule):
    assert analyser.polarity_scores(sentence)["compound"] == round(norm(raw_sum), 4)
    assert nltk_port.polarity_scores(sentence)["compound"] == round(norm(raw_sum), 4)


@pytest.mark.parametrize(("sentence", "raw_sum", "rule"), GOLDEN, ids=[g[2] for g in GOLDEN])
def test_golden_sentences_match_upstream_vadersentiment(
    analyser, nltk_port, upstream, sentence, raw_sum, rule
):
    assert analyser.polarity_scores(sentence) == upstream.polarity_scores(sentence)
    # none of the golden sentences touches a rule where NLTK departs from the reference
    assert nltk_port.polarity_scores(sentence) == upstream.polarity_scores(sentence)


def test_repeated_word_sentence_figures(analyser, nltk_port):
    # -0.703 + 2.85 = 2.147; weights: pos 3.85, neg 1.703, 8 neutral tokens; total 13.553
    for scorer in (analyser, nltk_port):
        scores = scorer.polarity_scores("The food is not good, but the service is good.")
        assert scores == {"neg": 0.126, "neu": 0.59, "pos": 0.284, "compound": 0.4848}


def test_stock_nltk_still_has_the_repeated_word_bug(analyser):
    # If this fails, NLTK fixed the bug and VaderAnalyzer's override can be reconsidered.
    stock = nltk_vader.SentimentIntensityAnalyzer.__new__(nltk_vader.SentimentIntensityAnalyzer)
    stock.lexicon, stock.constants = analyser.lexicon, nltk_vader.VaderConstants()
    assert stock.polarity_scores("The food is not good, but the service is good.")["compound"] < 0


def test_nltk_variant_without_repeats_matches_stock_nltk(nltk_port):
    stock = nltk_vader.SentimentIntensityAnalyzer.__new__(nltk_vader.SentimentIntensityAnalyzer)
    stock.lexicon, stock.constants = nltk_port.lexicon, nltk_vader.VaderConstants()
    for sentence in [
        "We reject this plan!",
        "A truly bad, VERY sad day?? Maybe.",
        "Not bad at all",
    ]:
        assert nltk_port.polarity_scores(sentence) == stock.polarity_scores(sentence)


def test_lexicon_copy_is_verified_and_loaded_by_nltk():
    copy = ensure_lexicon()
    assert copy.name == "vader_lexicon.txt"
    assert copy.read_bytes() == installed_lexicon_path().read_bytes()
    assert str(copy).endswith(LEXICON_RESOURCE)
    lexicon = base_lexicon()
    assert lexicon["good"] == 1.9
    assert lexicon["terrorist"] == -3.7
    lines = installed_lexicon_path().read_text("utf-8").strip().split("\n")
    # the file repeats a few tokens; as in NLTK and upstream, the later line wins
    assert set(lexicon) == {line.split("\t")[0] for line in lines}


def test_lexicons_equal_the_ones_the_reference_reads(analyser, upstream):
    assert analyser.lexicon == upstream.lexicon
    assert analyser.emojis == upstream.emojis


def test_corrupted_copy_is_replaced(tmp_path):
    copy = ensure_lexicon(tmp_path)
    copy.write_text("good\t-4.0\n", encoding="utf-8")
    assert ensure_lexicon(tmp_path).read_bytes() == installed_lexicon_path().read_bytes()


@pytest.mark.parametrize("variant", [VaderAnalyzer, NltkVaderAnalyzer])
def test_explain_contributions_add_up_to_the_raw_sum(variant):
    records = variant().explain("The food is not good, but the service is good.")
    assert sum(r["contribution"] for r in records) == pytest.approx(1.9 * -0.74 * 0.5 + 1.9 * 1.5)
    assert [r["token"] for r in records if r["contribution"]] == ["good", "good"]
    assert [r["modifiers"] for r in records if r["contribution"]] == ["not", ""]
    assert [r["but_weight"] for r in records if r["contribution"]] == [0.5, 1.5]


@pytest.mark.parametrize("variant", [VaderAnalyzer, NltkVaderAnalyzer])
def test_explain_includes_punctuation_emphasis(variant):
    analyser = variant()
    records = analyser.explain("The plan is good!")
    assert records[-1]["token"] == "!/? emphasis"
    assert records[-1]["contribution"] == pytest.approx(0.292)
    total = sum(r["contribution"] for r in records)
    assert round(norm(total), 4) == analyser.polarity_scores("The plan is good!")["compound"]


def test_explain_reports_the_weight_the_reference_but_rule_applied(analyser):
    # "kind" 2.4 is halved to 1.2, equal to "ok", so sentiments.index(1.2) finds "kind" again:
    # "kind" is halved twice (x0.25) and "ok" keeps x1
    records = analyser.explain("A kind word but ok for now.")
    driving = [(r["token"], r["but_weight"], r["contribution"]) for r in records if r["valence"]]
    assert driving == [("kind", 0.25, 0.6), ("ok", 1.0, 1.2)]
    assert analyser.polarity_scores("A kind word but ok for now.")["compound"] == round(
        norm(1.8), 4
    )


WORDS = ["good", "bad", "GOOD", "not", "very", "kind", "of", "but", "least", "at", "the", "plan"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12), st.sampled_from(["", "!", "??"]))
def test_explanation_reproduces_compound(words, ending):
    text = " ".join(words) + ending
    for analyser in (VaderAnalyzer(), NltkVaderAnalyzer()):
        total = sum(r["contribution"] for r in analyser.explain(text))
        assert round(norm(total), 4) == analyser.polarity_scores(text)["compound"]


def test_overrides_change_only_what_they_name(tmp_path):
    path = tmp_path / "over.tsv"
    path.write_text("# version: 7\nsecurity\t0\ttopic\nPlan\t2.0\tnew entry\n", encoding="utf-8")
    overrides = read_overrides(path)
    assert overrides == {"security": 0.0, "plan": 2.0}
    base = base_lexicon()
    changed = apply_overrides(base, overrides)
    differing = {k for k in base.keys() | changed.keys() if base.get(k) != changed.get(k)}
    assert differing == {"security", "plan"}
    assert "security" not in changed
    assert fingerprint(changed) != fingerprint(base)


@pytest.mark.parametrize(
    ("line", "message"),
    [("security", "expected"), ("security\tlots", "not a number"), ("war\t-5", "outside")],
)
def test_bad_override_lines_name_file_and_line(tmp_path, line, message):
    path = tmp_path / "bad.tsv"
    path.write_text(f"# version: 1\n{line}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=rf"bad\.tsv, line 2: .*{message}"):
        read_overrides(path)


def test_fingerprint_tracks_variant_algorithm_and_content():
    assert ALGORITHMS["reference"].startswith("vaderSentiment-3.3.2-")
    assert ALGORITHMS["nltk"].startswith("nltk-")
    assert fingerprint({"good": 1.9}) != fingerprint({"good": 2.0})
    assert fingerprint({"a": 1.0, "b": 2.0}) == fingerprint({"b": 2.0, "a": 1.0})
    assert fingerprint({"good": 1.9}, "reference") != fingerprint({"good": 1.9}, "nltk")
    with pytest.raises(ValueError, match="variant='upstream' is not one of: 'reference', 'nltk'"):
        fingerprint({"good": 1.9}, "upstream")


PIECES = [
    "good",
    "Good",
    "don't",
    "(",
    ")",
    "!",
    "!!",
    "?!?",
    ".",
    ",",
    "'",
    '"',
    "-",
    ":)",
    "a",
    "--",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES), min_size=1, max_size=4).map("".join), max_size=8))
def test_fast_tokens_equal_nltk_tokens(tokens):
    from analysis.sentiment.vader import _SentiText

    text = " ".join(tokens)
    constants = nltk_vader.VaderConstants()
    args = (constants.PUNC_LIST, constants.REGEX_REMOVE_PUNCTUATION)
    slow = nltk_vader.SentiText(text, *args)
    fast = _SentiText(text, *args)
    assert fast.words_and_emoticons == slow.words_and_emoticons
    assert fast.is_cap_diff == slow.is_cap_diff
