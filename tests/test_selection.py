"""Tests for analysis.topics.selection: the table, the choice of k, NPMI by hand, errors."""

import math

import numpy as np
import pandas as pd
import pytest
from _themes import theme_texts

from analysis import model_selection
from analysis.topics.selection import COLUMNS, coherence, presence_table

TEXTS, _ = theme_texts()


@pytest.fixture(scope="module", params=["nmf", "lda", "kmeans", "agglomerative"])
def table(request):
    return model_selection(TEXTS, method=request.param, ks=[2, 3, 4], n_seeds=2)


def test_the_obvious_k_is_selected(table):
    assert table.loc[table["selected"], "k"].tolist() == [3]


def test_table_shape_order_and_ranges(table):
    assert list(table.columns) == COLUMNS
    assert table["k"].tolist() == [2, 3, 4]
    assert table["selected"].sum() == 1
    assert table["coherence"].between(-1, 1).all()
    assert table[["stability_terms", "stability_ari"]].le(1 + 1e-12).all().all()
    assert table["stability_terms"].ge(0).all()
    assert (table[["n_texts", "n_seeds"]] == [len(TEXTS), 2]).all().all()
    best = table.loc[table["score"].idxmax()]
    chosen = table.loc[table["selected"]].iloc[0]
    assert chosen["score"] >= best["score"] - best["score_se"]
    assert not (
        (table["k"] < chosen["k"]) & (table["score"] >= best["score"] - best["score_se"])
    ).any()
    is_topic = table["method"].iloc[0] in ("nmf", "lda")
    assert table["silhouette"].isna().all() == is_topic
    if not is_topic:
        assert table["silhouette"].between(-1, 1).all()


def test_at_the_right_k_the_themes_come_back_on_every_subsample(table):
    row = table[table["k"] == 3].iloc[0]
    assert row["stability_ari"] == pytest.approx(1.0)
    assert row["stability_ari_sd"] == pytest.approx(0.0)


@pytest.mark.parametrize("method", ["nmf", "kmeans"])
def test_same_input_and_seed_give_identical_tables(method):
    first = model_selection(TEXTS, method=method, ks=[2, 4], n_seeds=2, random_state=5)
    second = model_selection(TEXTS, method=method, ks=[2, 4], n_seeds=2, random_state=5)
    pd.testing.assert_frame_equal(first, second)


def test_default_ks_fit_the_subsample_size():
    assert model_selection(TEXTS[:6], n_seeds=2, min_df=1)["k"].tolist() == [2, 3, 4]


def test_npmi_coherence_by_hand():
    # war, army together in texts 1-2; peace in 3-4, trade in 3; every text says "nation"
    presence = presence_table(["war army nation", "war army nation", "peace trade nation",
                               "peace nation"])  # fmt: skip
    top = pd.DataFrame({"topic": [1, 1, 2, 2, 3], "term": ["war", "army", "peace", "trade", "war"]})
    top = pd.concat([top, pd.DataFrame({"topic": [3, 4, 4], "term": ["peace", "war", "nation"]})])
    result = coherence(top, presence).set_index("topic")["coherence"]
    assert result[1] == pytest.approx(1.0)  # p(w,a) = p(w) = p(a) = 1/2
    assert result[2] == pytest.approx(math.log(0.25 / (0.5 * 0.25)) / -math.log(0.25))  # 0.5
    assert result[3] == -1.0  # never together
    assert result[4] == pytest.approx(0.0)  # "nation" is everywhere: independent of "war"
    assert coherence(top, presence)["n_pairs"].tolist() == [1, 1, 1, 1]


def test_presence_table_uses_the_content_words():
    presence = presence_table(["We must defend the border.", "The border is open."])
    assert list(presence.columns) == ["border", "defend", "open"]
    assert presence.to_numpy().tolist() == [[True, True, False], [True, False, True]]


@pytest.mark.parametrize(
    ("texts", "kwargs", "message"),
    [
        (TEXTS, {"method": "hdbscan"}, "method='hdbscan' is not one of: 'nmf', 'lda', 'kmeans'"),
        (TEXTS, {"ks": [1, 3]}, "ks must hold values from 2 to 23"),
        (TEXTS, {"ks": [3, 24]}, r"got \[24\]"),
        (TEXTS, {"ks": []}, "got none"),
        (TEXTS, {"n_seeds": 1}, "n_seeds"),
        (TEXTS, {"sample_fraction": 1.0}, "sample_fraction"),
        (TEXTS[:3], {}, "at least 3 texts"),
        (["we and the", "they of it", "she must not", "of the", "and we"], {}, "no content words"),
    ],
)
def test_requests_the_data_cannot_support_say_what_to_change(texts, kwargs, message):
    with pytest.raises(ValueError, match=message):
        model_selection(texts, **kwargs)


def test_input_table_is_not_mutated():
    table = pd.DataFrame({"doc_id": ["a"] * 12, "paragraph_id": np.arange(1, 13),
                          "text": TEXTS[:12]})  # fmt: skip
    before = table.copy()
    model_selection(table, ks=[2, 3], n_seeds=2, min_df=1)
    pd.testing.assert_frame_equal(table, before)
