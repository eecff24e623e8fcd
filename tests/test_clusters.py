"""Tests for analysis.topics.clusters: table shapes and order, determinism, representatives,
errors."""

import numpy as np
import pandas as pd
import pytest
from _themes import THEMES, theme_texts

from analysis import cluster_texts
from analysis.topics._vectorize import TIE_DECIMALS

TEXTS, LABELS = theme_texts()


@pytest.fixture(scope="module", params=["kmeans", "agglomerative"])
def result(request):
    return cluster_texts(TEXTS, n_clusters=3, method=request.param)


def test_assignments_have_one_row_per_text_in_input_order(result):
    a = result.assignments
    assert list(a.columns) == ["text_id", "cluster", "similarity", "x", "y"]
    assert a["text_id"].tolist() == list(range(1, len(TEXTS) + 1))
    assert str(a["cluster"].dtype) == "Int64"
    assert set(a["cluster"]) == {1, 2, 3}
    assert a["similarity"].between(-1, 1 + 1e-12).all()
    assert np.isfinite(a[["x", "y"]].to_numpy()).all()


def test_clusters_recover_the_three_themes(result):
    by_theme = pd.crosstab(pd.Series(LABELS, name="theme"), result.assignments["cluster"])
    assert (by_theme.gt(0).sum(axis=1) == 1).all()
    assert (by_theme.gt(0).sum(axis=0) == 1).all()


def test_top_terms_characterise_each_cluster(result):
    t = result.top_terms
    assert list(t.columns) == [
        "cluster", "rank", "term", "weight", "mean_tfidf", "mean_tfidf_rest", "n_texts",
    ]  # fmt: skip
    assert t.equals(t.sort_values(["cluster", "rank"]).reset_index(drop=True))
    np.testing.assert_allclose(t["weight"], t["mean_tfidf"] - t["mean_tfidf_rest"])
    for c, group in t.groupby("cluster"):
        assert group["weight"].round(TIE_DECIMALS).is_monotonic_decreasing
        assert any(set(group["term"].head(5)) <= set(words) for words in THEMES.values())
        size = (result.assignments["cluster"] == c).sum()
        assert group["n_texts"].between(1, size).all()


def test_representatives_are_the_texts_closest_to_their_centroid(result):
    r = result.representatives
    assert list(r.columns) == ["cluster", "n_texts", "text_id", "similarity", "text"]
    assert r["cluster"].tolist() == [1, 2, 3]
    a = result.assignments
    assert r["n_texts"].tolist() == a["cluster"].value_counts().sort_index().tolist()
    for row in r.itertuples():
        members = a[a["cluster"] == row.cluster]
        assert row.similarity == pytest.approx(members["similarity"].max())
        assert row.text == TEXTS[row.text_id - 1]


def test_clusters_are_numbered_by_size():
    texts = TEXTS[:12] + [t for t, label in zip(TEXTS, LABELS, strict=True) if label == "orchard"]
    sizes = cluster_texts(texts, n_clusters=3).representatives["n_texts"]
    assert sizes.is_monotonic_decreasing


@pytest.mark.parametrize("method", ["kmeans", "agglomerative"])
def test_same_input_and_seed_give_identical_tables(method):
    first = cluster_texts(TEXTS, n_clusters=4, method=method, random_state=3)
    second = cluster_texts(TEXTS, n_clusters=4, method=method, random_state=3)
    for name in ("assignments", "top_terms", "representatives"):
        pd.testing.assert_frame_equal(getattr(first, name), getattr(second, name))


def test_table_input_keeps_its_ids_and_texts_without_words_are_left_out():
    table = pd.DataFrame(
        {"doc_id": ["a"] * 7, "paragraph_id": range(1, 8), "text": [*TEXTS[:6], "We and the."]}
    )
    before = table.copy()
    result = cluster_texts(table, n_clusters=3, min_df=1)
    pd.testing.assert_frame_equal(table, before)
    a = result.assignments
    assert a[["doc_id", "paragraph_id"]].equals(table[["doc_id", "paragraph_id"]])
    assert pd.isna(a["cluster"].iloc[-1]) and a.iloc[-1][["similarity", "x", "y"]].isna().all()
    assert result.representation.shape[0] == 6


def test_labels():
    labels = cluster_texts(TEXTS, n_clusters=3).labels(2)
    assert labels.index.tolist() == [1, 2, 3] and labels.str.match(r"\d: \w+, \w+").all()


@pytest.mark.parametrize(
    ("texts", "kwargs", "message"),
    [
        (["one lonely text about comets"], {"n_clusters": 2}, "at least 2 texts"),
        (TEXTS[:3], {"n_clusters": 3}, "at most n_clusters=2"),
        (TEXTS, {"n_clusters": 1}, r"^n_clusters=1 must be an integer >= 2$"),
        (TEXTS, {"n_clusters": 2, "top": 0}, r"^top=0 must be an integer >= 1$"),
        (TEXTS, {"n_clusters": 2, "n_components": 0}, r"^n_components=0 must be an integer"),
        (["we and the", "they of it", "she must not"], {"n_clusters": 2}, "no content words"),
        ([*TEXTS[:2], "we and the"], {"n_clusters": 2, "min_df": 1}, "texts with content words"),
        (["comet lens", "comet lens", "lens comet"], {"n_clusters": 2, "max_df": 1.0}, "only 2"),
        (TEXTS, {"n_clusters": 2, "method": "dbscan"}, "method='dbscan' is not one of"),
    ],
)
def test_requests_the_data_cannot_support_say_what_to_change(texts, kwargs, message):
    with pytest.raises(ValueError, match=message):
        cluster_texts(texts, **kwargs)


def test_fewer_distinct_texts_than_clusters_is_refused():
    with pytest.raises(ValueError, match="only 2 distinct content-word profiles"):
        cluster_texts(TEXTS[:2] * 3, n_clusters=3, min_df=1)
