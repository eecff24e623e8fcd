"""Collocations and collocates: hand-counted tables, published values, NLTK and scipy checks."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nltk.metrics.association import BigramAssocMeasures as nltk_bigram
from scipy import stats

from analysis.keyterms._counting import toy_tokens
from analysis.keyterms.collocations import association, collocates, collocations

TEXT = "shared future . shared future . shared risks . common future , shared future ."
N_MS = 14_307_668  # Manning & Schütze's (1999) New York Times corpus size


@pytest.fixture
def tokens():
    return toy_tokens(TEXT)


# --- the measures -----------------------------------------------------------------


def test_manning_schutze_worked_examples():
    # Manning & Schütze (1999) ch. 5: Table 5.16 (MI), section 5.3.1 (t), Table 5.12 (G2)
    mi = association(20, 42, 20, N_MS, f1=42, f2=20)["mi"].iloc[0]
    assert mi == pytest.approx(18.38, abs=0.005)
    t = association(8, 15828, 4675, N_MS, f1=15828, f2=4675)["t_score"].iloc[0]
    assert t == pytest.approx(0.999932, abs=1e-6)
    g2 = association(150, 12593, 932, N_MS, f1=12593, f2=932)["log_likelihood"].iloc[0]
    assert g2 == pytest.approx(1291.42, abs=0.15)  # the book rounds; exact is 1291.32


def test_log_dice_properties_from_rychly_2008():
    full = association(10, 10, 10, 1000, f1=10, f2=10)["log_dice"].iloc[0]
    half = association(5, 10, 10, 1000, f1=10, f2=10)["log_dice"].iloc[0]
    assert full == pytest.approx(14.0)  # maximum: the words only occur together
    assert full - half == pytest.approx(1.0)  # halving co-occurrence costs one point
    bigger = association(5, 10, 10, 10**9, f1=10, f2=10)["log_dice"].iloc[0]
    assert bigger == half  # independent of corpus size


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 300), st.integers(0, 300), st.integers(0, 300), st.integers(0, 5000))
def test_measures_match_nltk_and_scipy(o11, extra_r, extra_c, rest):
    r1, c1 = o11 + extra_r, o11 + extra_c
    n = r1 + c1 - o11 + rest
    s = association(o11, r1, c1, n, f1=r1, f2=c1).iloc[0]
    assert s.mi == pytest.approx(nltk_bigram.pmi(o11, (r1, c1), n))
    assert s.t_score == pytest.approx(nltk_bigram.student_t(o11, (r1, c1), n))
    assert s.dice == pytest.approx(nltk_bigram.dice(o11, (r1, c1), n))
    table = np.array([[o11, r1 - o11], [c1 - o11, n - r1 - c1 + o11]])
    if (table.sum(axis=0) > 0).all() and (table.sum(axis=1) > 0).all():
        g2, *_ = stats.chi2_contingency(table, correction=False, lambda_="log-likelihood")
        assert s.log_likelihood == pytest.approx(g2, abs=1e-7)
    assert s.log_likelihood >= 0


# --- adjacent pairs -------------------------------------------------------------


def test_collocation_table_by_hand(tokens):
    out = collocations(tokens, min_count=1).set_index("term")
    # bigrams: shared future x3, shared risks, common future (the comma breaks "future shared")
    assert out["n_pairs"].iloc[0] == 5
    row = out.loc["shared future"]
    assert (row.n, row.n_word_1, row.n_word_2) == (3, 4, 4)
    assert row.expected == pytest.approx(4 * 4 / 5)
    assert row.mi == pytest.approx(math.log2(3 / (16 / 5)))
    assert row.dice == pytest.approx(2 * 3 / 8)
    assert "future shared" not in out.index


def test_collocations_sorted_with_tie_break_and_stopwords(tokens):
    out = collocations(tokens, min_count=1, measure="log_dice")
    assert out["log_dice"].is_monotonic_decreasing
    toks = toy_tokens("the future . the future . bright future . bright future .")
    assert set(collocations(toks, min_count=2, stopwords="drop")["term"]) == {"bright future"}
    with pytest.raises(ValueError, match=r"measure='z' is not one of: 'log_likelihood', 'mi'"):
        collocations(tokens, measure="z")


def test_collocations_need_pairs():
    with pytest.raises(ValueError, match="no adjacent word pairs"):
        collocations(toy_tokens("peace . war ."))


# --- windows around a node ---------------------------------------------------------


def test_window_counts_and_expected_frequency_by_hand():
    toks = toy_tokens("a b node c d . e node f . g h i j .")
    out = collocates(toks, "node", window=2, min_count=1).set_index("term")
    # windows: {a, b, c, d} and {e, f}; the sentence boundary cuts the second one
    assert out["window_size"].iloc[0] == 6
    assert out["n_words"].iloc[0] == 12
    assert set(out.index) == {"a", "b", "c", "d", "e", "f"}
    row = out.loc["a"]
    assert row.expected == pytest.approx(6 * 1 / 12)  # E = W f(c) / N
    assert row.n_node == 2
    assert row.dice == pytest.approx(2 * 1 / (2 + 1))


def test_untruncated_windows_give_church_and_hanks_expectation():
    toks = toy_tokens("x y node y x . p q node q p . r s t .")
    out = collocates(toks, "node", window=2, min_count=1).set_index("term")
    f_node, span, n = 2, 4, 13
    assert out["window_size"].iloc[0] == f_node * span
    assert out.loc["y", "expected"] == pytest.approx(f_node * 2 * span / n)


def test_overlapping_windows_count_each_position_once_and_asymmetric_window():
    toks = toy_tokens("node a node b .")
    out = collocates(toks, "node", window=1, min_count=1).set_index("term")
    assert out.loc["a", "n"] == 1  # between two nodes, counted once
    assert out["window_size"].iloc[0] == 2
    # node 1 sees a, node 2 sees a and b, so the union of window positions is {a, b}
    right = collocates(toy_tokens("a node b ."), "node", window=(0, 1), min_count=1)
    assert list(right["term"]) == ["b"]


def test_node_forms_errors_and_no_mutation():
    toks = toy_tokens("Security matters . secure borders .")
    before = toks.copy()
    out = collocates(toks, ["security", "secure"], window=1, min_count=1)
    assert set(out["term"]) == {"matters", "borders"}
    pd.testing.assert_frame_equal(toks, before)
    with pytest.raises(ValueError, match="does not occur"):
        collocates(toks, "peace")
    with pytest.raises(ValueError, match="window"):
        collocates(toks, "security", window=0)


def test_collocates_of_security_in_the_shipped_commentary():
    import analysis

    out = collocates(analysis.load_corpus().tokens, "security", stopwords="drop")
    assert "stability" in set(out["term"].head(5))
    assert (out["n"] <= out["n_term"]).all()
