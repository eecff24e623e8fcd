"""Keyness: hand-computed and published values, scipy cross-checks, invariants, contract."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy import stats

from analysis.keyterms._counting import toy_tokens
from analysis.keyterms.keyness import (
    keyness,
    log_likelihood,
    log_ratio,
    odds_ratio,
    percent_diff,
)
from analysis.keyterms.reference import reference_frequencies

TARGET = ["peace"] * 10 + ["war"] * 90
REFERENCE = ["peace"] * 5 + ["war"] * 195

counts = st.integers(min_value=0, max_value=500)


def table(a, b, c, d):
    return np.array([[a, b], [c - a, d - b]])


# --- the statistics by hand and against published values ----------------------


def test_two_term_g2_by_hand():
    # a=10, b=5, c=100, d=200: E1 = 100*15/300 = 5, E2 = 10 (Rayson & Garside 2000 form)
    assert log_likelihood(10, 5, 100, 200, form="two_term") == pytest.approx(
        2 * (10 * math.log(10 / 5) + 5 * math.log(5 / 10))
    )


def test_full_g2_equals_manning_schutze_worked_example():
    # Manning & Schütze (1999), Table 5.12, Dunning's likelihood ratio for "most powerful":
    # C(most)=12593, C(powerful)=932, C(most powerful)=150, N=14,307,668 -> 1291.42
    # (the book rounds intermediate values; exact arithmetic gives 1291.32)
    n = 14_307_668
    g = log_likelihood(150, 12593 - 150, 932, n - 932)
    assert g == pytest.approx(1291.42, abs=0.15)


def test_log_ratio_percent_diff_and_odds_ratio_by_hand():
    # twice as frequent: log ratio 1 (Hardie 2014), %DIFF 100 (Gabrielatos & Marchi 2011)
    assert log_ratio(20, 10, 1000, 1000) == pytest.approx(1.0)
    assert log_ratio(10, 20, 1000, 1000) == pytest.approx(-1.0)
    assert percent_diff(20, 10, 1000, 1000) == pytest.approx(100.0)
    assert percent_diff(5, 10, 1000, 1000) == pytest.approx(-50.0)
    assert odds_ratio(10, 5, 100, 200) == pytest.approx((10 / 90) / (5 / 195))


def test_zero_count_rule_is_hardies_half_by_default_and_a_parameter():
    # a=0: 0.5 per 100 against 4 per 200 -> log2(0.005 / 0.02) = -2
    assert log_ratio(0, 4, 100, 200) == pytest.approx(-2.0)
    assert log_ratio(0, 4, 100, 200, zero_adjust=1.0) == pytest.approx(-1.0)
    # Gabrielatos & Marchi's own rule for %DIFF: a tiny number for a zero reference frequency
    assert percent_diff(5, 0, 100, 100, zero_adjust=1e-18) > 1e18


@settings(max_examples=200, deadline=None)
@given(counts, counts, counts, counts)
def test_full_g2_matches_scipy_chi2_contingency(a, b, extra_c, extra_d):
    c, d = a + extra_c + 1, b + extra_d + 1
    assume(a + b > 0)
    expected, *_ = stats.chi2_contingency(
        table(a, b, c, d), correction=False, lambda_="log-likelihood"
    )
    assert log_likelihood(a, b, c, d) == pytest.approx(expected, abs=1e-8)


@settings(max_examples=200, deadline=None)
@given(counts, counts, counts, counts)
def test_two_term_g2_matches_scipy_power_divergence(a, b, extra_c, extra_d):
    c, d = a + extra_c + 1, b + extra_d + 1
    assume(a > 0 and b > 0)
    e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
    expected = stats.power_divergence([a, b], [e1, e2], lambda_="log-likelihood").statistic
    assert log_likelihood(a, b, c, d, form="two_term") == pytest.approx(expected, abs=1e-8)


# --- the table ----------------------------------------------------------------


def test_columns_counts_and_p_values():
    out = keyness(TARGET, REFERENCE, min_count=1)
    assert list(out.columns) == [
        "term", "n_target", "n_reference", "per_10k_target", "per_10k_reference",
        "log_likelihood", "p_value", "p_adjusted", "log_ratio", "percent_diff", "odds_ratio",
        "more_in",
    ]  # fmt: skip
    row = out.set_index("term").loc["peace"]
    assert (row.n_target, row.n_reference) == (10, 5)
    assert row.per_10k_target == pytest.approx(1000.0)
    assert row.log_likelihood == pytest.approx(log_likelihood(10, 5, 100, 200))
    assert row.p_value == pytest.approx(stats.chi2.sf(row.log_likelihood, 1))
    assert row.log_ratio == pytest.approx(2.0)
    assert row.more_in == "target"
    assert out["n_target"].dtype == np.int64


def test_multiple_comparison_adjustments():
    bh = keyness(TARGET + ["trade"] * 3, REFERENCE, min_count=1)
    assert np.allclose(bh["p_adjusted"], stats.false_discovery_control(bh["p_value"]))
    bonf = keyness(TARGET + ["trade"] * 3, REFERENCE, min_count=1, correction="bonferroni")
    assert np.allclose(bonf["p_adjusted"], np.minimum(1, bonf["p_value"] * 3))
    none = keyness(TARGET, REFERENCE, min_count=1, correction="none")
    assert np.array_equal(none["p_adjusted"], none["p_value"])


def test_two_term_option_and_sorting_by_signed_g2_with_term_tie_break():
    t = ["b"] * 5 + ["a"] * 5 + ["x"] * 10
    r = ["x"] * 20 + ["c"] * 2
    out = keyness(t, r, min_count=1)
    assert list(out["term"]) == ["a", "b", "c", "x"]  # a and b tie: alphabetical
    assert out.iloc[-1]["more_in"] == "reference"
    two = keyness(t, r, min_count=1, g2="two_term").set_index("term")
    assert two.loc["a", "log_likelihood"] == pytest.approx(
        log_likelihood(5, 0, 20, 22, form="two_term")
    )
    by_ratio = keyness(t, r, min_count=1, measure="log_ratio")
    assert by_ratio["log_ratio"].is_monotonic_decreasing


def test_term_only_in_one_corpus_and_min_count():
    out = keyness(["new"] * 3 + ["old"] * 5, ["old"] * 8, min_count=3).set_index("term")
    assert out.loc["new", "n_reference"] == 0
    assert out.loc["new", "log_ratio"] == pytest.approx(math.log2((3 / 8) / (0.5 / 8)))
    assert np.isfinite(out["percent_diff"]).all()
    assert "new" not in keyness(["new"] * 2 + ["old"] * 5, ["old"] * 8, min_count=3)["term"].values


def test_token_tables_iterables_and_frequency_tables_agree():
    t = toy_tokens("We build peace , we build trust .")
    r = toy_tokens("They build walls . They fear trust .")
    from_tables = keyness(t, r, min_count=1)
    from_terms = keyness(
        ["we", "build", "peace", "we", "build", "trust"],
        ["they", "build", "walls", "they", "fear", "trust"],
        min_count=1,
    )
    pd.testing.assert_frame_equal(from_tables, from_terms)
    freq = pd.DataFrame({"term": ["they", "build", "walls", "fear", "trust"], "n": [2, 1, 1, 1, 1]})
    pd.testing.assert_frame_equal(keyness(t, freq, min_count=1), from_tables, check_dtype=False)


def test_partial_frequency_list_leaves_unlisted_terms_out():
    ref = pd.DataFrame({"term": ["peace"], "n": [10.0], "n_total": [1000.0]})
    out = keyness(["peace", "war", "war"], ref, min_count=1)
    assert list(out["term"]) == ["peace"]


def test_inputs_not_mutated_and_errors():
    t = toy_tokens("We build peace .")
    before = t.copy()
    keyness(t, ["peace", "war"], min_count=1)
    pd.testing.assert_frame_equal(t, before)
    with pytest.raises(ValueError, match="empty"):
        keyness([], ["a"])
    with pytest.raises(ValueError, match="empty"):
        keyness(t.iloc[:0], ["a"])
    with pytest.raises(ValueError, match=r"measure='chi' is not one of: 'log_likelihood'"):
        keyness(t, ["a"], measure="chi")
    with pytest.raises(ValueError, match="zero_adjust"):
        keyness(t, ["a"], zero_adjust=0)


# --- invariants -----------------------------------------------------------------

terms = st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), min_size=1, max_size=60)


@settings(max_examples=100, deadline=None)
@given(terms, terms)
def test_g2_non_negative_and_log_ratio_antisymmetric(t, r):
    forward = keyness(t, r, min_count=1).set_index("term").sort_index()
    backward = keyness(r, t, min_count=1).set_index("term").sort_index()
    assert (forward["log_likelihood"] >= 0).all()
    assert list(forward.index) == list(backward.index)
    assert np.allclose(forward["log_ratio"], -backward["log_ratio"])
    assert np.allclose(forward["log_likelihood"], backward["log_likelihood"])
    assert forward["n_target"].sum() == len(t)


# --- general English via wordfreq -------------------------------------------------


def test_reference_frequencies_scale_wordfreq_proportions():
    import wordfreq

    out = reference_frequencies(["security", "the", "'s", "zzqxv"], size=1e6)
    assert list(out["term"]) == ["security", "the", "zzqxv"]  # 's is not a wordfreq word
    row = out.set_index("term").loc["security"]
    assert row.frequency == wordfreq.word_frequency("security", "en")
    assert row.n == pytest.approx(row.frequency * 1e6)
    assert (out["n_total"] == 1e6).all()
    assert out.set_index("term").loc["zzqxv", "n"] == 0


def test_fast_lookup_equals_wordfreq_word_frequency_on_the_shipped_corpus():
    import wordfreq

    import analysis

    out = reference_frequencies(analysis.load_corpus().tokens)
    slow = [wordfreq.word_frequency(w, "en") for w in out["term"]]
    assert out["frequency"].tolist() == slow
    assert len(out) > 300


def test_reference_size_leaves_log_ratio_alone_and_g2_converges_to_one_sample_test():
    target = ["security"] * 30 + ["the"] * 70 + ["peace"] * 900
    small = keyness(target, reference_frequencies(target, size=1e7), min_count=1)
    large = keyness(target, reference_frequencies(target, size=1e11), min_count=1)
    small, large = small.set_index("term"), large.set_index("term")
    assert np.allclose(small["log_ratio"], large["log_ratio"])
    p = reference_frequencies(["security"]).iloc[0]["frequency"]
    a, c = 30, 1000
    one_sample = 2 * (a * math.log(a / (p * c)) + (c - a) * math.log((c - a) / ((1 - p) * c)))
    assert large.loc["security", "log_likelihood"] == pytest.approx(one_sample, rel=1e-6)
    assert small.loc["security", "log_likelihood"] < large.loc["security", "log_likelihood"]
