"""Sentiment figures draw from the analysis tables without errors, titled and labelled."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest

import analysis
from analysis.plots import sentiment as sentiment_plots

TEXTS = [
    "The council is not good, but the treaty is good.",
    "It was good, but it was horrible.",
    "The ships sailed at dawn.",
    "Our security is good.",
    "The food is very good.",
    "The war was a terrible loss.",
]


@pytest.fixture(scope="module")
def sentences():
    return pd.DataFrame(
        {
            "doc_id": pd.Series(["a", "a", "a", "b", "b", "b"], dtype="str"),
            "paragraph_id": [1, 1, 2, 1, 1, 2],
            "sentence_id": [1, 2, 3, 1, 2, 3],
            "text": pd.Series(TEXTS, dtype="str"),
            "voice": pd.Categorical(["author", "quote", "quote", "author", "reported", "quote"]),
            "speaker": pd.Series(
                [pd.NA, "Ana Vale", "Ana Vale", pd.NA, "Bo Ruiz", "Bo Ruiz"], dtype="str"
            ),
        }
    )


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def _titled(ax):
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()


def test_axes_figures(sentences):
    scored = analysis.sentence_sentiment(sentences, cache=False)
    _titled(sentiment_plots.sentiment_by_group(scored, by="speaker"))
    _titled(sentiment_plots.label_shares(analysis.sentiment_summary(scored, by="voice")))
    sensitivity = analysis.sentiment_sensitivity(sentences, by="voice", cache=False)
    _titled(sentiment_plots.sensitivity(sensitivity))
    comparison = analysis.compare_sentiment_methods(sentences, cache=False)
    _titled(sentiment_plots.method_agreement(comparison, rho=0.5))
    by_document = analysis.sentiment_summary(scored, by="document").assign(
        date=pd.to_datetime(["2020-01-01", "2021-01-01"])
    )
    _titled(sentiment_plots.sentiment_over_time(by_document))


def test_faceted_figures(sentences):
    scored = analysis.sentence_sentiment(sentences, cache=False)
    arc = sentiment_plots.sentiment_arc(scored, window=3)
    assert len(arc.axes_dict) == 2
    assert arc.figure._suptitle is not None
    drivers = analysis.explain_sentiment(sentences, by="voice")
    grid = sentiment_plots.sentiment_drivers(drivers, by="voice", n=3)
    assert grid.figure._suptitle is not None
