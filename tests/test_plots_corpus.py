"""analysis.plots.corpus: every figure is titled and labelled, draws what the table holds, and
leaves the table alone."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis.plots import corpus as plots

VOICES = pd.CategoricalDtype(["author", "quote", "reported"])


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def summary_table():
    return pd.DataFrame(
        {
            "doc_id": pd.Series(["a", "b", "(all)"], dtype="str"),
            "n_words": [9, 5, 14],
            "n_types": [7, 5, 10],
            "ttr": [7 / 9, 1.0, 10 / 14],
        }
    )


def growth_table():
    return pd.DataFrame(
        {
            "doc_id": pd.Series(["a", "a", "a", "b", "b"], dtype="str"),
            "n_words": [4, 8, 9, 4, 5],
            "n_types": [4, 6, 7, 4, 5],
            "ttr": [1.0, 0.75, 7 / 9, 1.0, 1.0],
        }
    )


def shares_table(by_document=False):
    table = pd.DataFrame(
        {
            "voice": pd.Categorical(["author", "quote", "reported"], dtype=VOICES),
            "speaker": pd.Series([None, "Ann Lee", "Bo"], dtype="str"),
            "n_sentences": [2, 1, 1],
            "share_sentences": [0.5, 0.25, 0.25],
            "n_words": [7, 2, 5],
            "share_words": [0.5, 2 / 14, 5 / 14],
        }
    )
    if by_document:
        table.insert(0, "doc_id", pd.Series(["a", "a", "b"], dtype="str"))
        table["share_words"] = [7 / 9, 2 / 9, 1.0]
    return table


def assert_titled_and_labelled(ax):
    assert ax.get_title()
    assert ax.get_xlabel()
    assert ax.get_ylabel()


def test_document_sizes_leaves_out_the_total_row():
    summary = summary_table()
    before = summary.copy()
    ax = plots.document_sizes(summary)
    assert_titled_and_labelled(ax)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b"]
    widths = sorted(round(p.get_width()) for p in ax.patches if p.get_width() > 0)
    assert widths == [5, 5, 7, 9]  # words and types of a and b, not of the total
    assert [t.get_text() for t in ax.texts] == ["TTR 0.78", "TTR 1.00"]
    pd.testing.assert_frame_equal(summary, before)


def test_vocabulary_growth_draws_one_line_per_document():
    growth = growth_table()
    before = growth.copy()
    ax = plots.vocabulary_growth(growth)
    assert_titled_and_labelled(ax)
    lines = [line for line in ax.get_lines() if len(line.get_xdata()) > 0]
    assert sorted(len(line.get_xdata()) for line in lines) == [2, 3]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["a", "b"]
    pd.testing.assert_frame_equal(growth, before)


def test_voice_shares_pairs_sentences_and_words_per_speaker():
    shares = shares_table()
    before = shares.copy()
    ax = plots.voice_shares(shares)
    assert_titled_and_labelled(ax)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["author: own voice", "quote: Ann Lee", "reported: Bo"]
    sentences, words = ax.containers
    assert [round(p.get_width(), 3) for p in sentences] == [0.5, 0.25, 0.25]
    assert [round(p.get_width(), 3) for p in words] == [0.5, 0.143, 0.357]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["sentences", "words"]
    pd.testing.assert_frame_equal(shares, before)


def test_voice_shares_wraps_long_speaker_names():
    shares = shares_table().assign(
        speaker=pd.Series([None, "outcome document of this year’s SCO summit", "Bo"], dtype="str")
    )
    ax = plots.voice_shares(shares)
    assert "\n" in ax.get_yticklabels()[1].get_text()


def test_voice_shares_refuses_a_per_document_table():
    with pytest.raises(ValueError, match="voice_by_document"):
        plots.voice_shares(shares_table(by_document=True))


def test_voice_by_document_stacks_to_one_per_document():
    shares = shares_table(by_document=True)
    before = shares.copy()
    ax = plots.voice_by_document(shares)
    assert_titled_and_labelled(ax)
    ends = {}
    for patch in ax.patches:
        y = round(patch.get_y(), 3)
        ends[y] = max(ends.get(y, 0), patch.get_x() + patch.get_width())
    assert sorted(round(v, 6) for v in ends.values()) == [1.0, 1.0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["author", "quote", "reported"]
    pd.testing.assert_frame_equal(shares, before)


@pytest.mark.parametrize(
    ("function", "table"),
    [
        (plots.document_sizes, shares_table()),
        (plots.vocabulary_growth, shares_table()),
        (plots.voice_shares, summary_table()),
        (plots.voice_by_document, shares_table()),
    ],
)
def test_a_wrong_table_is_named(function, table):
    with pytest.raises(ValueError, match=r"table lacks column\(s\) .*; pass analysis\.\w+"):
        function(table)


def test_draws_on_a_given_axes():
    _fig, ax = plt.subplots()
    assert plots.voice_shares(shares_table(), ax=ax) is ax
    assert plots.vocabulary_growth(growth_table(), ax=ax) is ax
