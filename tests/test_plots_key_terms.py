"""analysis.plots.key_terms: each figure draws the table's numbers, with their counts, into one
Axes, and leaves the table alone."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis.plots import key_terms as plots
from analysis.plots._base import VOICE_COLOURS


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def by_voice():
    """Two voices: author 100 words (security 4, peace 2), quote 10 words (we 3)."""
    return pd.DataFrame(
        {
            "voice": pd.Categorical(["author", "author", "quote"]),
            "term": ["security", "peace", "we"],
            "n": [4, 2, 3],
            "n_words": [100, 100, 10],
            "per_10k": [400.0, 200.0, 3000.0],
            "n_docs": [1, 1, 1],
        }
    )


def tokens():
    norms = ["we", "act", "security", "now", "security", "we"]
    return pd.DataFrame(
        {
            "doc_id": ["a", "a", "a", "b", "b", "b"],
            "token_id": [1, 2, 3, 1, 2, 3],
            "norm": norms,
            "is_word": True,
        }
    )


def test_top_terms_draws_one_block_per_voice_with_counts():
    table = by_voice()
    before = table.copy()
    ax = plots.top_terms(table, top=1, by="voice")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["author", "security", "quote", "we"]
    assert [p.get_width() for p in ax.patches] == [400.0, 3000.0]
    assert [t.get_text() for t in ax.texts] == ["4", "3"]
    colours = [matplotlib.colors.to_hex(p.get_facecolor()) for p in ax.patches]
    assert colours == [VOICE_COLOURS["author"], VOICE_COLOURS["quote"]]
    assert ax.get_title() == "Top 1 terms by voice"
    pd.testing.assert_frame_equal(table, before)


def test_top_terms_takes_level_names_only():
    with pytest.raises(ValueError, match=r"^by='doc_id' is not one of"):
        plots.top_terms(by_voice(), by="doc_id")
    with pytest.raises(ValueError, match=r"^top=0 must be an integer between 1 and 40$"):
        plots.top_terms(by_voice(), top=0)


def test_term_profile_draws_absent_terms_as_zero_and_names_unused_ones():
    ax = plots.term_profile(by_voice(), terms=["we", "security", "never"], by="voice")
    heights = sorted(round(p.get_height(), 1) for p in ax.patches if p.get_width() > 0)
    assert heights == [0.0, 0.0, 400.0, 3000.0]  # we: author 0, quote 3000; security: 400, 0
    assert ax.get_xlabel() == "not in the text: never"


def test_keyness_plot_labels_counts_and_marks_significance():
    result = pd.DataFrame(
        {
            "term": ["we", "the"],
            "log_ratio": [2.0, -1.0],
            "p_adjusted": [0.01, 0.5],
            "n_target": [8, 1],
            "n_reference": [2, 9],
            "more_in": ["target", "reference"],
        }
    )
    ax = plots.keyness_plot(result, top=1, alpha=0.05)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["we  (8 / 2)", "the  (1 / 9)"]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["target, significant", "reference, not significant"]


def test_keyness_plot_of_an_empty_table_says_why():
    empty = pd.DataFrame(
        columns=["term", "log_ratio", "p_adjusted", "n_target", "n_reference", "more_in"]
    )
    ax = plots.keyness_plot(empty)
    assert ax.texts[0].get_text() == "no term passed min_count"


def test_collocates_axis_is_fitted_to_the_values_not_to_zero():
    result = pd.DataFrame({"term": ["peace", "stability"], "n": [5, 3], "log_dice": [12.0, 11.0]})
    ax = plots.collocates_plot(result, top=2)
    low, high = ax.get_xlim()
    assert 10.8 < low < 11.0 and 12.0 < high < 12.2
    assert [t.get_text() for t in ax.get_yticklabels()] == ["peace  (5)", "stability  (3)"]


def test_barcode_ticks_each_occurrence_and_drops_unused_terms():
    table = tokens()
    before = table.copy()
    spread = pd.DataFrame({"term": ["we", "security"], "dp": [0.0, 0.25]})
    ax = plots.dispersion_barcode(table, terms=["we", "security", "terrorism"], dispersion=spread)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["we (DP 0.00)", "security (DP 0.25)"]
    ticks = [seg[0][0] for c in ax.collections[:2] for seg in c.get_segments()]
    assert ticks == [0, 5, 2, 4]  # word positions through the corpus
    assert "not in the text: terrorism" in ax.get_xlabel()
    pd.testing.assert_frame_equal(table, before)


def test_every_function_draws_into_the_given_axes():
    fig, ax = plt.subplots()
    assert plots.top_terms(by_voice(), ax=ax, title="t") is ax
    assert plots.dispersion_barcode(tokens(), terms=["we"], ax=ax) is ax
    assert len(fig.axes) == 1
