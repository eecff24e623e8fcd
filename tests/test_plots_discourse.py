"""analysis.plots.discourse: every figure is titled and labelled, draws the table's numbers and
leaves the table alone."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from _discourse import corpus_of

from analysis.discourse.features import discourse_features
from analysis.plots import discourse as plots

TEXT = (
    "“We must act and we will act,” Kell said. Kell must wait. "
    "Osk called on Kestria to wait. It is believed that China will agree."
)


@pytest.fixture(scope="module")
def result():
    return discourse_features(corpus_of(TEXT))


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def titled(ax):
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()


def test_feature_rates_draws_the_rates_and_labels_the_counts(result):
    rates = result.by_voice
    before = rates.copy()
    ax = plots.feature_rates(rates, feature="modality")
    titled(ax)
    heights = sorted(round(p.get_height(), 1) for p in ax.patches if p.get_height() > 0)
    expected = rates.query("feature == 'modality' and n > 0")["per_1k"].round(1).tolist()
    assert heights == sorted(expected)
    assert "n=1" in [t.get_text() for t in ax.texts]
    pd.testing.assert_frame_equal(rates, before)


def test_feature_rates_refuses_an_unknown_feature_and_mixed_groups(result):
    with pytest.raises(ValueError, match="feature='mood' has no rows"):
        plots.feature_rates(result.by_voice, feature="mood")
    with pytest.raises(ValueError, match="one of voice, speaker or doc_id"):
        plots.feature_rates(result.rates(["document", "voice"]), feature="modality")


@pytest.mark.parametrize("by", ["voice", "speaker", "document"])
def test_feature_profile_has_a_cell_per_feature_and_group(result, by):
    rates = result.rates(by)
    ax = plots.feature_profile(rates)
    titled(ax)
    assert len(ax.get_yticklabels()) == 8
    column = {"document": "doc_id"}.get(by, by)
    assert len(ax.get_xticklabels()) == rates[column].nunique(dropna=False)


def test_reporting_counts_each_source_and_verb(result):
    ax = plots.reporting(result.matches)
    titled(ax)
    sources = [t.get_text() for t in ax.get_yticklabels()]
    assert sources == ["(no source)", "Kell", "Osk"]


def test_actors_and_agents_pairs_mentions_and_agent_roles(result):
    ax = plots.actors_and_agents(result.matches, top=3)
    titled(ax)
    # Kestria is invented (no ISO code) and one-word speakers are not persons: China is the only
    # actor; "we" is no actor but is placed as an agent twice ("We must", "we will")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["China", "we"]
    widths = [round(p.get_width()) for p in ax.patches if p.get_width() > 0]
    assert sorted(widths) == [1, 1, 2]


def test_feature_map_has_one_column_per_sentence(result):
    ax = plots.feature_map(result.sentences)
    titled(ax)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["1 Q", "2 A", "3 R", "4 A"]


def test_empty_tables_draw_a_note_instead_of_failing():
    empty = discourse_features(corpus_of("Rain fell."))
    assert plots.reporting(empty.matches).texts[0].get_text() == "no reporting verbs found"
    assert plots.actors_and_agents(empty.matches).texts[0].get_text() == "no actors found"
