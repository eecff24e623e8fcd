"""analysis.plots.comparison: titled, labelled figures that draw what the table holds, leave the
table alone, and say so when there is nothing to compare."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from analysis.compare import KEYNESS_BY_COLUMNS
from analysis.plots import comparison as plots


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def profile():
    return pd.DataFrame(
        {
            "doc_id": ["a", "b"],
            "date": pd.to_datetime(["2020-01-01", "2021-01-01"]),
            "share_author": [1.0, 0.5],
            "share_quote": [0.0, 0.3],
            "share_reported": [0.0, 0.2],
            "mean_compound": [0.2, -0.1],
        }
    )


def traced():
    return pd.DataFrame(
        {
            "doc_id": ["b", "b", "b"],
            "quote_id": [1, 2, 3],
            "quote": ["“We act,”", "“Taxes will fall,”", "“yes”"],
            "match": pd.Categorical(
                ["near", "not found", "too short"], ["exact", "near", "not found", "too short"]
            ),
            "similarity": [90.0, np.nan, np.nan],
        }
    )


def test_voice_shares_stack_to_each_documents_share():
    table = profile()
    before = table.copy()
    ax = plots.voice_shares(table)
    assert ax.get_title().startswith("Who speaks")
    widths = sorted(round(patch.get_width(), 6) for patch in ax.patches)
    assert widths == sorted([1.0, 0.5, 0.0, 0.3, 0.0, 0.2])
    pd.testing.assert_frame_equal(table, before)


def test_over_time_draws_one_point_per_document():
    ax = plots.over_time(profile(), y="mean_compound")
    assert ax.get_title() == "mean compound by document date"
    assert ax.get_xlabel() == "date of the document"
    assert sorted(ax.lines[0].get_ydata()) == [-0.1, 0.2]


def test_over_time_with_nothing_dated_says_so():
    table = profile().assign(date=pd.NaT)
    ax = plots.over_time(table, y="mean_compound")
    assert "No dated document" in ax.texts[0].get_text()


def test_keyness_terms_one_block_per_group_in_one_axes():
    table = pd.DataFrame(
        {
            "by": "document",
            "group": ["a", "a", "b"],
            "term": ["bridges", "rivers", "rivers"],
            "log_ratio": [2.0, -1.0, 3.0],
            "more_in": ["target", "reference", "target"],
            "n_target": [4, 1, 6],
        }
    )
    ax = plots.keyness_terms(table)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "bridges", "b", "rivers"]
    assert [p.get_width() for p in ax.patches] == [2.0, 3.0]  # over-used terms only
    assert [t.get_text() for t in ax.texts] == ["4", "6"]  # each bar's count
    assert ax.get_title() == "Key terms of each document against the rest of the corpus"


def test_keyness_terms_of_an_empty_table_says_why():
    empty = pd.DataFrame({column: [] for column in KEYNESS_BY_COLUMNS})
    ax = plots.keyness_terms(empty)
    assert "at least two documents" in ax.texts[0].get_text()


def test_quote_similarity_draws_not_found_as_zero_with_a_note():
    ax = plots.quote_similarity(traced(), min_similarity=80)
    drawn = [patch.get_width() for patch in ax.patches if patch.get_width() > 0]
    assert drawn == [90.0]  # the quotation not found has a zero-length bar and a note
    notes = {t.get_text() for t in ax.texts}
    assert {"not found in the corpus", "too short to trace"} <= notes
    assert "near from 80" in ax.get_xlabel()


def test_quote_similarity_without_quotations_says_so():
    ax = plots.quote_similarity(traced().iloc[0:0])
    assert "no direct quotations" in ax.texts[0].get_text()


def test_wrong_table_names_the_function_to_call():
    with pytest.raises(ValueError, match="trace_quotes"):
        plots.quote_similarity(profile())
