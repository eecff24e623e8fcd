"""Dispersion: Gries' (2008) worked example, hand computations, bounds, contract."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from analysis.keyterms._counting import toy_tokens
from analysis.keyterms.dispersion import dispersion

# Gries (2008: 406): five parts of 9, 10, 10, 10, 11 words; "a" occurs 1, 2, 3, 4, 5 times.
GRIES = (
    "b a m n i b e u p | b a s a t b e w q n | b c a g a b e s t a | "
    "b a g h a b e a a t | b a h a a b e a x a t"
)
SIZES = np.array([9, 10, 10, 10, 11])


@pytest.fixture
def gries():
    return dispersion(toy_tokens(GRIES)).set_index("term")


def test_gries_2008_worked_example_dp(gries):
    assert gries.loc["a", "dp"] == pytest.approx(0.18)  # Gries (2008) reports DP = .18
    assert gries.loc["a", "dp_norm"] == pytest.approx(0.18 / (1 - 9 / 50))  # Lijffijt & Gries
    assert gries.loc["a", "n"] == 15
    assert gries.loc["a", "n_parts"] == 5


def test_juilland_and_carroll_by_hand(gries):
    v = np.array([1, 2, 3, 4, 5])
    rate = v / SIZES
    d = 1 - (rate.std(ddof=0) / rate.mean()) / np.sqrt(4)
    assert gries.loc["a", "juilland_d"] == pytest.approx(d)
    p = rate / rate.sum()
    assert gries.loc["a", "carroll_d2"] == pytest.approx(-(p * np.log2(p)).sum() / np.log2(5))


def test_equal_parts_reduce_to_juillands_original():
    toks = toy_tokens("x a b | x x a | x x x")
    row = dispersion(toks).set_index("term").loc["x"]
    counts = np.array([1, 2, 3])
    assert row.juilland_d == pytest.approx(1 - (counts.std() / counts.mean()) / np.sqrt(2))


def test_extremes():
    even = dispersion(toy_tokens("x a | x b | x c")).set_index("term").loc["x"]
    assert even.dp == pytest.approx(0) and even.juilland_d == pytest.approx(1)
    assert even.carroll_d2 == pytest.approx(1)
    # all in the smallest part: DPnorm reaches exactly 1
    lump = dispersion(toy_tokens("y | a b c | d e f")).set_index("term").loc["y"]
    assert lump.dp_norm == pytest.approx(1)
    assert lump.dp == pytest.approx(1 - 1 / 7)
    assert lump.juilland_d == pytest.approx(0) and lump.n_parts_with == 1
    assert lump.top_part_share == 1


def test_parts_are_per_document_and_single_part_is_nan():
    toks = pd.concat(
        [toy_tokens("x a", doc_id="d1"), toy_tokens("x b", doc_id="d2")], ignore_index=True
    )
    assert dispersion(toks).iloc[0]["n_parts"] == 2  # paragraph 1 of two documents
    by_doc = dispersion(toks, parts="doc_id").set_index("term")
    assert by_doc.loc["x", "dp"] == pytest.approx(0)
    one = dispersion(toy_tokens("x a x"))
    assert one[["juilland_d", "carroll_d2", "dp", "dp_norm"]].isna().all().all()


def test_filters_sorting_errors_and_no_mutation():
    toks = toy_tokens(GRIES)
    before = toks.copy()
    out = dispersion(toks, terms=["a", "b"], min_count=1)
    assert list(out["term"]) == ["a", "b"]
    assert "a" not in set(dispersion(toks, stopwords="drop")["term"])  # "a" is a toy stopword
    pd.testing.assert_frame_equal(toks, before)
    with pytest.raises(ValueError, match="no column"):
        dispersion(toks, parts="chapter")
    with pytest.raises(ValueError, match="empty"):
        dispersion(toks.iloc[:0])


parts = st.lists(
    st.lists(st.sampled_from(["a", "b", "c", "d"]), min_size=1, max_size=12),
    min_size=2,
    max_size=8,
)


@settings(max_examples=100, deadline=None)
@given(parts)
def test_measures_bounded_and_counts_sum(ps):
    toks = toy_tokens(" | ".join(" ".join(p) for p in ps))
    out = dispersion(toks)
    assume(out["n_parts"].iloc[0] >= 2)
    for col in ["juilland_d", "carroll_d2", "dp", "dp_norm"]:
        assert ((out[col] >= -1e-12) & (out[col] <= 1 + 1e-12)).all(), col
    assert out["n"].sum() == sum(len(p) for p in ps)
    assert (out["n_parts_with"] <= out["n_parts"]).all()
