"""Tests for analysis.topics.selection: the table, the choice of k, NPMI by hand, errors."""

import math

import numpy as np
import pandas as pd
import pytest
from _themes import theme_texts

from analysis import model_selection
from analysis.topics.selection import COLUMNS, choose_k, coherence, presence_table

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
    eligible = table[~table["worst_coherence"]]
    best = eligible.loc[eligible["score"].idxmax()]
    chosen = table.loc[table["selected"]].iloc[0]
    assert not chosen["worst_coherence"]
    assert chosen["score"] >= best["score"] - best["score_se"]
    assert not (
        (eligible["k"] < chosen["k"]) & (eligible["score"] >= best["score"] - best["score_se"])
    ).any()
    assert table["clearly_supported"].nunique() == 1
    se = table[[c for c in table.columns if c.endswith("_se")]]
    assert list(se.columns) == [
        "coherence_se", "stability_terms_se", "stability_ari_se", "score_se"
    ]  # fmt: skip
    assert se.ge(0).all().all()
    is_topic = table["method"].iloc[0] in ("nmf", "lda")
    assert table["silhouette"].isna().all() == is_topic
    if not is_topic:
        assert table["silhouette"].between(-1, 1).all()


def test_at_the_right_k_the_themes_come_back_on_every_subsample(table):
    row = table[table["k"] == 3].iloc[0]
    if row["method"] == "lda":
        # one LDA start (the time budget allows no more) sometimes lands in a poorer optimum,
        # and the table must show it rather than hide it
        assert row["stability_ari"] > 0.5 and row["stability_terms"] > 0.5
        return
    assert row["stability_ari"] == pytest.approx(1.0)
    assert row["stability_ari_se"] == pytest.approx(0.0)


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
        (TEXTS, {"n_seeds": 1}, r"^n_seeds=1 must be an integer >= 2$"),
        (TEXTS, {"n_seeds": 2.0}, r"^n_seeds=2.0 must be an integer >= 2$"),
        (TEXTS, {"sample_fraction": 0}, r"^sample_fraction=0 must be a number between 0 and 1$"),
        (TEXTS, {"sample_fraction": 1.0}, "sample_fraction=1.0 leaves no text out"),
        (TEXTS, {"top": 0}, r"^top=0 must be an integer >= 1$"),
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


def _candidates(coherence, score, score_se):
    return pd.DataFrame(
        {"k": range(2, 2 + len(score)), "coherence": coherence, "score": score,
         "score_se": score_se}
    )  # fmt: skip


def test_the_least_coherent_candidate_is_refused_even_with_the_best_score():
    table = choose_k(_candidates([0.0, 0.2, 0.3], [0.9, 0.5, 0.4], [0.01, 0.01, 0.01]))
    assert table["worst_coherence"].tolist() == [True, False, False]
    assert table["selected"].tolist() == [False, True, False]
    # 0.5 - 0.01 clears 0.4 + 0.01: among the candidates left, k = 3 stands out
    assert table["clearly_supported"].all()


def test_a_choice_within_one_standard_error_of_another_is_not_clearly_supported():
    table = choose_k(
        _candidates([0.1, 0.2, 0.3, 0.2], [0.3, 0.62, 0.66, 0.5], [0.0, 0.05, 0.05, 0.1])
    )
    assert table["selected"].tolist() == [False, True, False, False]  # smallest within 1 SE
    assert not table["clearly_supported"].any()


def test_equally_coherent_candidates_are_all_eligible_and_one_candidate_is_never_clear():
    table = choose_k(_candidates([0.2, 0.2], [0.5, 0.7], [0.01, 0.01]))
    assert not table["worst_coherence"].any() and table["selected"].tolist() == [False, True]
    alone = choose_k(_candidates([0.2], [0.5], [0.01]))
    assert alone["selected"].tolist() == [True] and not alone["clearly_supported"].any()


def test_float_noise_does_not_change_the_choice():
    noisy = choose_k(_candidates([0.2, 0.2 + 1e-15, 0.3], [0.5, 0.5, 0.4], [0.0, 0.0, 0.0]))
    assert noisy["worst_coherence"].tolist() == [True, True, False]


def test_an_input_within_max_texts_gives_the_same_table():
    whole = model_selection(TEXTS, ks=[2, 3], n_seeds=2)
    pd.testing.assert_frame_equal(
        model_selection(TEXTS, ks=[2, 3], n_seeds=2, max_texts=len(TEXTS)), whole
    )


def test_past_max_texts_the_selection_runs_on_the_seeded_sample_in_input_order():
    chosen = np.sort(np.random.default_rng(7).choice(len(TEXTS), size=12, replace=False))
    by_hand = model_selection([TEXTS[i] for i in chosen], ks=[2, 3], n_seeds=2, random_state=7)
    sampled = model_selection(TEXTS, ks=[2, 3], n_seeds=2, random_state=7, max_texts=12)
    pd.testing.assert_frame_equal(sampled, by_hand)
    assert (sampled["n_texts"] == 12).all()


def test_max_texts_below_three_is_refused():
    with pytest.raises(ValueError, match="max_texts=2"):
        model_selection(TEXTS, max_texts=2)
