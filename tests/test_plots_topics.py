"""analysis.plots.topics: every figure is titled and labelled and leaves its table alone."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from _themes import theme_texts

from analysis import cluster_texts, fit_topics
from analysis.plots import topics as plots

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


def test_topic_terms_heatmap_and_cluster_map_are_titled():
    model = fit_topics(TEXTS, n_topics=3)
    grid = plots.topic_terms_plot(model.top_terms, top=4)
    assert [ax.get_title() for ax in grid.axes.flat] == ["topic 1", "topic 2", "topic 3"]
    heat = plots.topic_heatmap(model.assignments, unit="text_id")
    assert heat.get_ylabel() == "topic" and heat.figure._suptitle.get_text()
    voices = pd.DataFrame({"text_id": range(1, 13), "share_quote": 0.5, "share_reported": 0.1})
    strip = plots.topic_heatmap(model.assignments, voices=voices, unit="text_id").figure.axes[0]
    assert [p.get_height() for p in strip.patches][:2] == [0.5, 0.5]
    result = cluster_texts(TEXTS, n_clusters=3)
    ax = plots.cluster_map(result.assignments, labels=result.labels(2))
    assert ax.get_title() and ax.get_xlabel() and len(ax.get_legend().get_texts()) == 3


def test_a_table_of_the_wrong_kind_is_refused():
    with pytest.raises(ValueError, match="model_selection"):
        plots.model_selection_plot(pd.DataFrame({"k": [2]}))
