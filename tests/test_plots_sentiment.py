"""Sentiment figures draw from the analysis tables without errors, titled and labelled."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.collections import PathCollection

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


def test_group_figures_draw_into_one_axes(sentences):
    scored = analysis.sentence_sentiment(sentences, cache=False)
    arc = sentiment_plots.sentiment_arc(scored, window=3)
    assert len(arc.figure.axes) == 1
    assert [t.get_text() for t in arc.get_xticklabels()] == ["a", "b"]  # documents side by side
    points = sum(len(c.get_offsets()) for c in arc.collections if isinstance(c, PathCollection))
    assert points == len(scored)  # one point per sentence
    drivers = analysis.explain_sentiment(sentences, by="voice")
    ax = sentiment_plots.sentiment_drivers(drivers, by="voice", top=3)
    assert len(ax.figure.axes) == 1
    assert {"author", "quote", "reported"} <= {t.get_text() for t in ax.get_yticklabels()}


def test_neutral_band_follows_the_threshold(sentences):
    from analysis.sentiment import THRESHOLD

    scored = analysis.sentence_sentiment(sentences, cache=False)
    ax = sentiment_plots.sentiment_by_group(scored, by="voice")
    band = ax.patches[0]
    assert (band.get_x(), band.get_x() + band.get_width()) == pytest.approx((-THRESHOLD, THRESHOLD))


def test_sentiment_over_time_draws_one_point_per_document_even_on_one_date():
    by_document = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "date": pd.to_datetime(["2020-01-01", "2020-01-01", "2021-01-01"]),
            "mean_compound": [0.5, -0.5, 0.1],
        }
    )
    ax = sentiment_plots.sentiment_over_time(by_document)
    assert len(ax.collections[0].get_offsets()) == 3
    assert "(3)" in ax.get_title()


def test_by_takes_level_names(sentences):
    scored = analysis.sentence_sentiment(sentences, cache=False)
    summary = analysis.sentiment_summary(scored, by="document")
    ax = sentiment_plots.label_shares(summary, by="document")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b"]
    with pytest.raises(ValueError, match=r"^by='doc_id' is not one of: 'voice', 'speaker'"):
        sentiment_plots.label_shares(summary, by="doc_id")
