"""Sentiment figures: the arc of a text, groups, drivers, sensitivity, method agreement, time.

Each function takes a table from :mod:`analysis.sentiment`, draws one titled, labelled seaborn
figure and returns its ``Axes`` (or the ``FacetGrid`` for faceted figures). They only draw: every
number comes from the table they are given.
"""

from __future__ import annotations

import pandas as pd
import seaborn as sns

from analysis.plots._base import axes as _axes

_LABEL_COLOURS = {"negative": "#c0392b", "neutral": "#bdc3c7", "positive": "#2e86c1"}
_GROUP_NAMES = {"doc_id": "document", "voice": "voice", "speaker": "speaker"}


def _group_labels(table: pd.DataFrame, column: str) -> pd.Series:
    """Readable group names: the author's own sentences have no speaker."""
    values = table[column].astype("object")
    if column == "speaker":
        values = values.where(values.notna(), "(author's voice)")
    return values.astype(str)


def sentiment_arc(scored: pd.DataFrame, *, window: int = 5):
    """VADER compound per sentence in text order, coloured by voice, with a rolling mean.

    Parameters
    ----------
    scored : pandas.DataFrame
        :func:`analysis.sentence_sentiment` output.
    window : int, default 5
        Sentences in the centred rolling mean drawn as a line (per document).

    Returns
    -------
    seaborn.FacetGrid
        One panel per document.
    """
    data = scored.assign(
        position=scored.groupby("doc_id", sort=False).cumcount() + 1,
        voice=scored["voice"].astype(str),
    )
    n_docs = data["doc_id"].nunique()
    grid = sns.relplot(
        data=data,
        x="position",
        y="compound",
        hue="voice",
        col="doc_id",
        col_wrap=min(n_docs, 2),
        height=3.6,
        aspect=1.8,
        s=40,
        facet_kws={"sharex": False},
    )
    for doc_id, ax in grid.axes_dict.items():
        doc = data[data["doc_id"] == doc_id]
        smooth = doc["compound"].rolling(window, center=True, min_periods=1).mean()
        ax.plot(doc["position"], smooth, color="black", linewidth=1.2, label="rolling mean")
        ax.axhline(0, color="grey", linewidth=0.6)
        ax.axhspan(-0.05, 0.05, color="grey", alpha=0.12)
    grid.set_titles("{col_name}", size=9)
    grid.set_axis_labels("sentence (text order)", "VADER compound")
    grid.figure.suptitle(
        f"Sentiment arc: compound per sentence by voice (line: {window}-sentence mean)", y=1.03
    )
    return grid


def sentiment_by_group(scored: pd.DataFrame, *, by: str = "voice", ax=None):
    """Sentence compound scores per voice, speaker or document: one point each, and the mean."""
    ax = _axes(ax)
    data = scored.assign(group=_group_labels(scored, by))
    sns.stripplot(
        data=data,
        x="compound",
        y="group",
        hue="label",
        palette=_LABEL_COLOURS,
        size=5,
        alpha=0.8,
        ax=ax,
    )
    # seaborn's boxplot warns under matplotlib 3.11, so the mean is drawn as a marker instead
    sns.pointplot(
        data=data,
        x="compound",
        y="group",
        estimator="mean",
        errorbar=None,
        color="black",
        marker="D",
        markersize=6,
        linestyle="none",
        label="mean",
        ax=ax,
    )
    ax.axvspan(-0.05, 0.05, color="grey", alpha=0.12)
    ax.set(
        xlabel="VADER compound per sentence",
        ylabel=_GROUP_NAMES.get(by, by),
        title=f"Sentence sentiment by {_GROUP_NAMES.get(by, by)}",
    )
    return ax


def label_shares(summary: pd.DataFrame, *, by: str = "voice", ax=None):
    """Stacked bars: share of negative, neutral and positive sentences per group."""
    ax = _axes(ax)
    names = _group_labels(summary, by)
    left = pd.Series(0.0, index=summary.index)
    for label in ("negative", "neutral", "positive"):
        share = summary[f"share_{label}"]
        ax.barh(names, share, left=left, color=_LABEL_COLOURS[label], label=label)
        left = left + share
    for y, n in enumerate(summary["n_sentences"]):
        ax.text(1.01, y, f"n={n}", va="center", fontsize=8)
    ax.set(
        xlim=(0, 1.12),
        xlabel="share of sentences (±0.05 thresholds)",
        ylabel=_GROUP_NAMES.get(by, by),
        title=f"Negative, neutral and positive sentences by {_GROUP_NAMES.get(by, by)}",
    )
    ax.legend(loc="lower right", fontsize=8)
    return ax


def sentiment_drivers(drivers: pd.DataFrame, *, by: str = "voice", n: int = 10):
    """The ``n`` terms with the largest total contribution per group (bars signed)."""
    top = (
        drivers.assign(group=_group_labels(drivers, by), size=drivers["total"].abs())
        .sort_values(["group", "size"], ascending=[True, False])
        .groupby("group", sort=True)
        .head(n)
        .assign(direction=lambda d: d["total"].gt(0).map({True: "positive", False: "negative"}))
    )
    grid = sns.catplot(
        data=top,
        x="total",
        y="term",
        hue="direction",
        col="group",
        kind="bar",
        palette=_LABEL_COLOURS,
        sharey=False,
        height=4,
        aspect=1.0,
        dodge=False,
        col_wrap=min(top["group"].nunique(), 3),
    )
    grid.set_titles("{col_name}")
    grid.set_axis_labels("summed contribution to VADER's sentence sums", "term")
    grid.figure.suptitle(f"Words that drive the scores, by {_GROUP_NAMES.get(by, by)}", y=1.03)
    return grid


def sensitivity(result: pd.DataFrame, *, by: str = "voice", ax=None):
    """Mean compound per group with VADER's lexicon and with the overrides (dumbbell chart)."""
    ax = _axes(ax)
    names = _group_labels(result, by)
    for y, (base, override) in enumerate(
        zip(result["mean_compound_base"], result["mean_compound_override"], strict=True)
    ):
        ax.plot([base, override], [y, y], color="grey", linewidth=1.5, zorder=1)
    ax.scatter(
        result["mean_compound_base"], names, color="#2e86c1", label="VADER lexicon", zorder=2
    )
    ax.scatter(
        result["mean_compound_override"],
        names,
        color="#e67e22",
        label="topic words neutralised",
        zorder=2,
    )
    ax.axvline(0, color="grey", linewidth=0.6)
    ax.set(
        xlabel="mean VADER compound",
        ylabel=_GROUP_NAMES.get(by, by),
        title=f"Domain sensitivity: mean sentiment by {_GROUP_NAMES.get(by, by)}",
    )
    ax.legend(fontsize=8)
    return ax


def method_agreement(comparison: pd.DataFrame, *, rho: float | None = None, ax=None):
    """VADER compound against TextBlob polarity, one point per sentence, coloured by voice."""
    ax = _axes(ax)
    hue = comparison["voice"].astype(str) if "voice" in comparison else None
    sns.scatterplot(data=comparison, x="vader_compound", y="textblob_polarity", hue=hue, ax=ax)
    ax.axhline(0, color="grey", linewidth=0.6)
    ax.axvline(0, color="grey", linewidth=0.6)
    extra = "" if rho is None else f" (Spearman ρ = {rho:.2f})"
    ax.set(
        xlabel="VADER compound",
        ylabel="TextBlob polarity",
        xlim=(-1.05, 1.05),
        ylim=(-1.05, 1.05),
        title=f"Two lexicons, one sentence per point{extra}",
    )
    return ax


def sentiment_over_time(by_document: pd.DataFrame, *, ax=None):
    """Mean compound per document against its ``date`` (documents without a date are left out)."""
    ax = _axes(ax)
    data = by_document.dropna(subset=["date"]).sort_values("date")
    sns.lineplot(data=data, x="date", y="mean_compound", marker="o", ax=ax)
    ax.axhline(0, color="grey", linewidth=0.6)
    ax.set(
        xlabel="date",
        ylabel="mean VADER compound per sentence",
        title="Sentiment over time, one point per document",
    )
    return ax
