"""analysis.plots.topics: each figure is one titled Axes drawing its own table's numbers."""

import matplotlib

matplotlib.use("Agg")

import _plot_tables as t
import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from _themes import theme_texts

from analysis import cluster_texts, fit_topics
from analysis.plots import topics as plots
from analysis.plots._base import VOICE_COLOURS

TEXTS, _ = theme_texts(per_theme=4)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def selection_table():
    return pd.DataFrame(
        {
            "method": pd.Series(["nmf"] * 3, dtype="str"),
            "k": [2, 3, 4],
            "coherence": [0.1, 0.5, 0.4],
            "coherence_se": [0.02, 0.01, 0.03],
            "stability_terms": [0.6, 0.9, 0.7],
            "stability_terms_se": [0.1, 0.05, 0.1],
            "stability_ari": [0.5, 1.0, 0.8],
            "stability_ari_se": [0.2, 0.0, 0.1],
            "silhouette": [float("nan")] * 3,
            "worst_coherence": [True, False, False],
            "selected": [False, True, False],
            "clearly_supported": [False] * 3,
        }
    )


def test_model_selection_plot_draws_error_bars_and_marks_the_selected_k():
    table = selection_table()
    before = table.copy()
    ax = plots.model_selection_plot(table)
    pd.testing.assert_frame_equal(table, before)
    assert ax.get_title() == "Choosing k for nmf: k = 3, not clearly supported"
    assert ax.get_xlabel() and ax.get_ylabel()
    assert any(list(line.get_xdata()) == [3, 3] for line in ax.get_lines())  # the dashed line
    # one error-bar container per measure, each bar spanning mean ± SE
    bars = ax.containers
    assert len(bars) == 3
    coherence = bars[0].lines[2][0].get_segments()
    assert [tuple(seg[:, 1].round(6)) for seg in coherence] == [(0.08, 0.12), (0.49, 0.51),
                                                                 (0.37, 0.43)]  # fmt: skip
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "refused: least coherent" in labels and "selected k = 3" in labels
    # silhouette is all NaN for topic models: not drawn
    assert not any("silhouette" in label for label in labels)


def test_model_selection_plot_draws_on_a_given_axes():
    ax = plt.subplots()[1]
    table = selection_table().assign(clearly_supported=True)
    assert plots.model_selection_plot(table, ax=ax, title="mine") is ax
    assert ax.get_title() == "mine"


def test_topic_terms_are_blocks_in_one_axes_labelled_with_their_counts():
    model = fit_topics(TEXTS, n_topics=3)
    before = model.top_terms.copy()
    ax = plots.topic_terms_plot(model.top_terms, top=4)
    pd.testing.assert_frame_equal(model.top_terms, before)
    assert len(ax.figure.axes) == 1 and ax.get_title() == "Top 4 terms per topic"
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert [x for x in labels if x.startswith("topic ")] == ["topic 1", "topic 2", "topic 3"]
    assert len(ax.patches) == 12
    shown = model.top_terms[model.top_terms["rank"] <= 4]
    widths = [round(p.get_width(), 9) for p in ax.patches]
    assert widths == shown["weight"].round(9).tolist()
    counts = [t.get_text() for t in ax.texts]
    assert counts == [str(n) for n in shown["n_texts"]]


def test_many_topics_show_fewer_terms_each_and_say_so():
    table = t.topic_terms(1000)  # 102 topics of 10 terms
    ax = plots.topic_terms_plot(table, top=8)
    assert ax.get_title() == (
        "Top 2 terms per topic (the first 40 of 102 topics; the table has all)"
    )
    assert len(ax.patches) == 80


def test_heatmap_draws_one_column_per_unit_and_the_voices_in_their_colours():
    model = fit_topics(TEXTS, n_topics=3)
    voices = pd.DataFrame({"text_id": range(1, 13), "share_quote": 0.5, "share_reported": 0.1})
    ax = plots.topic_heatmap(model.assignments, voices=voices, unit="text_id")
    assert ax.get_title() == "Where each topic sits across the text"
    assert ax.get_ylabel() == "topic" and ax.get_xlabel() == "text_id, in text order"
    assert [x.get_text() for x in ax.get_xticklabels()] == [str(i) for i in range(1, 13)]
    assert [x.get_text() for x in ax.get_yticklabels()] == ["voices", "1", "2", "3"]
    quote = [p for p in ax.patches if mcolors.to_hex(p.get_facecolor()) == VOICE_COLOURS["quote"]]
    reported = [
        p for p in ax.patches if mcolors.to_hex(p.get_facecolor()) == VOICE_COLOURS["reported"]
    ]
    assert [abs(p.get_height()) for p in quote] == [0.5] * 12
    assert [round(abs(p.get_height()), 9) for p in reported] == [0.1] * 12
    mesh = ax.collections[0].get_array().reshape(3, 12)
    np.testing.assert_allclose(mesh, model.assignments[["topic_1", "topic_2", "topic_3"]].T)


def test_a_wide_heatmap_averages_per_document_and_says_so():
    # issue 10 §5: 240 paragraphs of 40 documents are 40 labelled columns, not 240 unlabelled
    table = t.topic_assignments(40, per_doc=6)
    ax = plots.topic_heatmap(table)
    assert [x.get_text() for x in ax.get_xticklabels()] == sorted(table["doc_id"].unique())
    assert ax.get_title().endswith("(mean per document)")
    assert "mean of its units' topic shares (240 units in 40 documents)" in ax.get_xlabel()
    mesh = ax.collections[0].get_array().reshape(5, 40)
    first = table[table["doc_id"] == "d0000"][[f"topic_{i}" for i in range(1, 6)]].mean()
    np.testing.assert_allclose(mesh[:, 0], first)


def test_a_heatmap_of_many_documents_averages_runs_and_labels_them():
    table = t.topic_assignments(1000)
    ax = plots.topic_heatmap(table)
    ticks = [x.get_text() for x in ax.get_xticklabels()]
    assert len(ticks) == 40 and ticks[0] == "1-25" and ticks[-1] == "976-1000"
    assert ax.get_title().endswith("(mean per run of 25 units)")
    mesh = ax.collections[0].get_array().reshape(5, 40)
    np.testing.assert_allclose(
        mesh[:, 1], table.iloc[25:50][[f"topic_{i}" for i in range(1, 6)]].mean()
    )


def test_cluster_map_names_the_clusters_in_the_legend():
    result = cluster_texts(TEXTS, n_clusters=3)
    ax = plots.cluster_map(result.assignments, labels=result.labels(2))
    assert ax.get_title() and ax.get_xlabel()
    assert [x.get_text() for x in ax.get_legend().get_texts()] == result.labels(2).tolist()
    many = plots.cluster_map(t.clusters(1000))
    assert many.get_legend() is None and "15 clusters; the table names them" in many.get_title()


def test_a_table_of_the_wrong_kind_is_refused():
    with pytest.raises(ValueError, match="model_selection"):
        plots.model_selection_plot(pd.DataFrame({"k": [2]}))
