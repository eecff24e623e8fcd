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
            "stability_terms": [0.6, 0.9, 0.7],
            "stability_terms_sd": [0.1, 0.05, 0.1],
            "stability_ari": [0.5, 1.0, 0.8],
            "stability_ari_sd": [0.2, 0.0, 0.1],
            "silhouette": [float("nan")] * 3,
            "selected": [False, True, False],
        }
    )


def test_model_selection_plot_marks_the_selected_k():
    table = selection_table()
    before = table.copy()
    grid = plots.model_selection_plot(table)
    pd.testing.assert_frame_equal(table, before)
    assert "selected k = 3" in grid.figure._suptitle.get_text()
    assert len(grid.axes.flat) == 3  # silhouette is all NaN for topic models: no panel
    for ax in grid.axes.flat:
        assert ax.get_title() and any(line.get_xdata()[0] == 3 for line in ax.get_lines())


def test_topic_terms_heatmap_and_cluster_map_are_titled():
    model = fit_topics(TEXTS, n_topics=3)
    grid = plots.topic_terms_plot(model.top_terms, n=4)
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
