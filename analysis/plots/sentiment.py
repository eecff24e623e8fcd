"""Sentiment figures: the arc of a text, groups, drivers, sensitivity, method agreement, time.

Each function takes a table from :mod:`analysis.sentiment`, draws one titled, labelled seaborn
figure into one ``Axes`` (``ax``, or a new figure within the size cap of
:mod:`analysis.plots._base`) and returns it. They only draw: every number comes from the table
they are given. The neutral band is VADER's ``±analysis.sentiment.THRESHOLD`` (Hutto & Gilbert
2014), voices keep the colours of every other figure, and groups are named by level (``by="voice"``,
``"speaker"`` or ``"document"``).

References
----------
Hutto, C. J., & Gilbert, E. (2014). VADER: A parsimonious rule-based model for sentiment analysis
of social media text. *Proceedings of ICWSM-14*, 216-225.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import seaborn as sns

from analysis._checks import check_number
from analysis.plots._base import (
    MAX_GROUPS,
    MAX_LABELS,
    MAX_ROWS,
    VOICE_COLOURS,
    blocks,
    group_column,
    group_labels,
    largest_groups,
    legend_outside,
    plain_text,
    require,
    row_height,
    set_title,
    shown,
)
from analysis.plots._base import axes as _axes
from analysis.sentiment import THRESHOLD

__all__ = [
    "label_shares",
    "method_agreement",
    "sensitivity",
    "sentiment_arc",
    "sentiment_by_group",
    "sentiment_drivers",
    "sentiment_over_time",
]

_LABEL_COLOURS = {"negative": "#c0392b", "neutral": "#bdc3c7", "positive": "#2e86c1"}
_BAND = f"neutral band ±{THRESHOLD:g}"


def _neutral_band(ax, *, vertical: bool) -> None:
    span = ax.axvspan if vertical else ax.axhspan
    span(-THRESHOLD, THRESHOLD, color="grey", alpha=0.12, label=_BAND)
    (ax.axvline if vertical else ax.axhline)(0, color="grey", linewidth=0.6)


def _chosen_groups(table: pd.DataFrame, by: str, size: str, limit: int):
    """``table`` with readable group names, cut to the ``limit`` largest groups by ``size``."""
    named = table.assign(group=group_labels(table[group_column(by)]).astype(str))
    sizes = named.groupby("group")[size].transform("sum")
    keep = largest_groups(named, "group", sizes, limit)
    note = shown(len(keep), named["group"].nunique(), f"{by}s", "the largest")
    return named[named["group"].isin(keep)], keep, note


def sentiment_arc(scored: pd.DataFrame, *, ax=None, title: str | None = None, window: int = 5):
    """VADER compound per sentence in text order, coloured by voice, with a rolling mean.

    One axes for the whole corpus: documents follow each other in ``doc_id`` order along x (dotted
    boundaries, names under the axis for up to 12 documents), one point per sentence, and each
    document's own centred rolling mean as a black line, so the figure has the same size for one
    document or a thousand.

    Parameters
    ----------
    scored : pandas.DataFrame
        :func:`analysis.sentence_sentiment` output.
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.
    title : str, optional
        The figure's title.
    window : int, default 5
        Sentences in the centred rolling mean (within each document). Past 12 documents the line
        is each document's mean instead, which stays readable at any corpus size.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        If ``scored`` lacks ``doc_id, voice, compound`` or ``window`` is not a positive integer.
    """
    require(scored, ["doc_id", "voice", "compound"], "analysis.sentence_sentiment(sentences)")
    check_number("window", window, minimum=1, integer=True)
    order = ["doc_id", "sentence_id"] if "sentence_id" in scored else ["doc_id"]
    data = scored.sort_values(order, kind="stable").reset_index(drop=True)
    data = data.assign(position=np.arange(1, len(data) + 1), voice=data["voice"].astype(str))
    n_docs = data["doc_id"].nunique()
    by_doc = data.groupby("doc_id", sort=False)["compound"]
    if n_docs <= MAX_LABELS:
        smooth = by_doc.transform(lambda s: s.rolling(window, center=True, min_periods=1).mean())
        line = f"{window}-sentence mean"
    else:  # a rolling mean over thousands of sentences is noise at this width: one step per text
        smooth = by_doc.transform("mean")
        line = "document mean"
    ax = _axes(ax, height=4.5, width=11)
    _neutral_band(ax, vertical=False)
    for voice, colour in VOICE_COLOURS.items():
        part = data[data["voice"] == voice]
        if len(part):
            ax.scatter(part["position"], part["compound"], s=14 if len(data) < 500 else 4,
                       color=colour, label=voice, alpha=0.8, linewidths=0)  # fmt: skip
    # one line broken at each document boundary (NaN), not one artist per document
    ends = data.groupby("doc_id", sort=False)["position"].agg(["min", "max"])
    breaks = ends["min"].to_numpy()[1:] - 1
    x = np.insert(data["position"].to_numpy(dtype=float), breaks, np.nan)
    y = np.insert(smooth.to_numpy(dtype=float), breaks, np.nan)
    ax.plot(x, y, color="black", linewidth=1.2, label=line)
    if 1 < len(ends) <= MAX_ROWS:
        ax.vlines(ends["min"].iloc[1:] - 0.5, -1, 1, color="grey", linestyle=":", linewidth=0.8)
    if len(ends) <= MAX_LABELS:
        ax.set_xticks((ends["min"] + ends["max"]) / 2, [plain_text(d) for d in ends.index],
                      fontsize=8)  # fmt: skip
        xlabel = "sentence, in text order, within each document"
    else:
        xlabel = f"sentence, in text order ({len(ends)} documents in id order)"
    ax.set(xlim=(0.5, len(data) + 0.5), ylim=(-1.05, 1.05), xlabel=xlabel, ylabel="VADER compound")
    set_title(ax, title, f"Sentiment arc: compound per sentence by voice (line: {line})")
    legend_outside(ax)
    return ax


def sentiment_by_group(
    scored: pd.DataFrame, *, ax=None, title: str | None = None, by: str = "voice"
):
    """Sentence compound scores per voice, speaker or document: one point each, and the mean.

    Parameters
    ----------
    scored : pandas.DataFrame
        :func:`analysis.sentence_sentiment` output.
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.
    title : str, optional
        The figure's title.
    by : {"voice", "speaker", "document"}, default "voice"
        The level to group by; at most 20 groups are drawn, those with the most sentences.

    Returns
    -------
    matplotlib.axes.Axes
        One point per sentence, coloured by its VADER label; a black diamond marks each mean.
    """
    require(scored, ["compound", "label", group_column(by)], "analysis.sentence_sentiment(...)")
    data, groups, note = _chosen_groups(scored.assign(one=1), by, "one", MAX_ROWS // 2)
    ax = _axes(ax, height=row_height(len(groups), per_row=0.5))
    data = data.assign(label=data["label"].astype(str))
    _neutral_band(ax, vertical=True)
    sns.stripplot(
        data=data, x="compound", y="group", order=groups, hue="label", palette=_LABEL_COLOURS,
        hue_order=[k for k in _LABEL_COLOURS if k in set(data["label"])], size=4, alpha=0.7,
        jitter=0.25, ax=ax,
    )  # fmt: skip
    means = data.groupby("group")["compound"].mean().reindex(groups)
    ax.scatter(means, np.arange(len(groups)), marker="D", color="black", s=30, label="mean",
               zorder=3)  # fmt: skip
    ax.set(xlim=(-1.05, 1.05), xlabel="VADER compound per sentence", ylabel=by)
    set_title(ax, title, f"Sentence sentiment by {by}" + note)
    legend_outside(ax)
    return ax


def label_shares(summary: pd.DataFrame, *, ax=None, title: str | None = None, by: str = "voice"):
    """Stacked bars: share of negative, neutral and positive sentences per group, with ``n``.

    Parameters
    ----------
    summary : pandas.DataFrame
        :func:`analysis.sentiment_summary` output grouped by ``by``.
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.
    title : str, optional
        The figure's title.
    by : {"voice", "speaker", "document"}, default "voice"
        The level of ``summary``; at most 40 groups are drawn, those with the most sentences.

    Returns
    -------
    matplotlib.axes.Axes
    """
    columns = ["n_sentences", *(f"share_{k}" for k in _LABEL_COLOURS), group_column(by)]
    require(summary, columns, f"analysis.sentiment_summary(scored, by={by!r})")
    data, groups, note = _chosen_groups(summary, by, "n_sentences", MAX_ROWS)
    data = data.set_index("group").loc[groups]
    ax = _axes(ax, height=row_height(len(groups), per_row=0.45))
    positions = np.arange(len(groups))
    left = np.zeros(len(groups))
    for label, colour in _LABEL_COLOURS.items():
        share = data[f"share_{label}"].to_numpy(dtype=float)
        ax.barh(positions, share, left=left, color=colour, label=label)
        left = left + share
    for y, n in zip(positions, data["n_sentences"], strict=True):
        ax.text(1.01, y, f"n={n}", va="center", fontsize=8)
    ax.set_yticks(positions, groups)
    ax.set(
        xlim=(0, 1.12),
        ylim=(len(groups) - 0.5, -0.5),
        xlabel=f"share of sentences (neutral: |compound| < {THRESHOLD:g})",
        ylabel=by,
    )
    set_title(ax, title, f"Negative, neutral and positive sentences by {by}" + note)
    legend_outside(ax)
    return ax


def sentiment_drivers(
    drivers: pd.DataFrame,
    *,
    ax=None,
    title: str | None = None,
    by: str = "voice",
    top: int = 10,
):
    """The ``top`` terms with the largest total contribution per group (signed bars, one axes).

    Parameters
    ----------
    drivers : pandas.DataFrame
        :func:`analysis.explain_sentiment` output with ``by``.
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.
    title : str, optional
        The figure's title.
    by : {"voice", "speaker", "document"}, default "voice"
        The level of ``drivers``; at most 6 groups are drawn (those with the most contributing
        occurrences), one block of bars each on a shared x axis.
    top : int, default 10
        Terms per group, by absolute total contribution (ties by term); 1 to 20.

    Returns
    -------
    matplotlib.axes.Axes
    """
    require(drivers, ["term", "n", "total", group_column(by)],
            f"analysis.explain_sentiment(sentences, by={by!r})")  # fmt: skip
    check_number("top", top, minimum=1, maximum=MAX_ROWS // 2, integer=True)
    data, groups, note = _chosen_groups(drivers, by, "n", MAX_GROUPS)
    table = (
        data.assign(size=data["total"].abs(), rank=data["group"].map(groups.index))
        .sort_values(["rank", "size", "term"], ascending=[True, False, True], kind="stable")
        .groupby("group", sort=False)
        .head(top)
    )
    table = table.assign(
        colour=np.where(table["total"] > 0, _LABEL_COLOURS["positive"], _LABEL_COLOURS["negative"])
    )
    ax = _axes(ax, height=row_height(len(table) + len(groups), per_row=0.24))
    if table.empty:
        ax.text(0.5, 0.5, "no word contributes to a score", ha="center", transform=ax.transAxes)
    else:
        blocks(ax, table, group="group", label="term", value="total", colour="colour")
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set(xlabel="summed contribution to VADER's sentence sums (red: negative)", ylabel="")
    set_title(ax, title, f"Words that drive the scores, by {by}" + note)
    return ax


def sensitivity(result: pd.DataFrame, *, ax=None, title: str | None = None, by: str = "voice"):
    """Mean compound per group with VADER's lexicon and with the overrides (dumbbell chart).

    Parameters
    ----------
    result : pandas.DataFrame
        :func:`analysis.sentiment_sensitivity` output grouped by ``by``.
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.
    title : str, optional
        The figure's title.
    by : {"voice", "speaker", "document"}, default "voice"
        The level of ``result``; at most 40 groups are drawn, those with the most sentences.

    Returns
    -------
    matplotlib.axes.Axes
    """
    columns = ["n_sentences", "mean_compound_base", "mean_compound_override", group_column(by)]
    require(result, columns, f"analysis.sentiment_sensitivity(sentences, by={by!r})")
    data, groups, note = _chosen_groups(result, by, "n_sentences", MAX_ROWS)
    data = data.set_index("group").loc[groups]
    ax = _axes(ax, height=row_height(len(groups), per_row=0.45))
    positions = np.arange(len(groups))
    base = data["mean_compound_base"].to_numpy(dtype=float)
    override = data["mean_compound_override"].to_numpy(dtype=float)
    ax.hlines(positions, base, override, color="grey", linewidth=1.5, zorder=1)
    ax.scatter(base, positions, color="#2e86c1", label="VADER lexicon", zorder=2)
    ax.scatter(override, positions, color="#e67e22", label="topic words neutralised", zorder=2)
    ax.axvline(0, color="grey", linewidth=0.6)
    ax.set_yticks(positions, groups)
    ax.set(ylim=(len(groups) - 0.5, -0.5), xlabel="mean VADER compound", ylabel=by)
    set_title(ax, title, f"Domain sensitivity: mean sentiment by {by}" + note)
    legend_outside(ax)
    return ax


def method_agreement(
    comparison: pd.DataFrame, *, ax=None, title: str | None = None, rho: float | None = None
):
    """VADER compound against TextBlob polarity, one point per sentence, coloured by voice.

    Parameters
    ----------
    comparison : pandas.DataFrame
        :func:`analysis.compare_sentiment_methods` output per sentence.
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.
    title : str, optional
        The figure's title.
    rho : float, optional
        Spearman's ρ to print in the default title.

    Returns
    -------
    matplotlib.axes.Axes
    """
    require(comparison, ["vader_compound", "textblob_polarity"],
            "analysis.compare_sentiment_methods(sentences)")  # fmt: skip
    ax = _axes(ax, height=5, width=6.5)
    voices = comparison["voice"].astype(str) if "voice" in comparison else None
    size = 18 if len(comparison) < 1000 else 5
    for voice, colour in VOICE_COLOURS.items():
        part = comparison if voices is None else comparison[voices == voice]
        if len(part):
            ax.scatter(part["vader_compound"], part["textblob_polarity"], s=size, alpha=0.7,
                       color=colour if voices is not None else "#1f618d",
                       label=voice if voices is not None else None, linewidths=0)  # fmt: skip
        if voices is None:
            break
    ax.axhline(0, color="grey", linewidth=0.6)
    ax.axvline(0, color="grey", linewidth=0.6)
    ax.set(xlabel="VADER compound", ylabel="TextBlob polarity", xlim=(-1.05, 1.05),
           ylim=(-1.05, 1.05))  # fmt: skip
    extra = "" if rho is None else f" (Spearman ρ = {rho:.2f})"
    set_title(ax, title, f"Two lexicons, one sentence per point{extra}")
    legend_outside(ax, title="voice")
    return ax


def sentiment_over_time(by_document: pd.DataFrame, *, ax=None, title: str | None = None):
    """Mean compound per document against its ``date``: one point per dated document.

    Documents on the same date are separate points (never averaged); the line joins them in date
    order, then ``doc_id``. Documents without a date are left out and counted in the title.

    Parameters
    ----------
    by_document : pandas.DataFrame
        :func:`analysis.sentiment_summary` with ``by="document"``, merged with the documents'
        ``date``.
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.
    title : str, optional
        The figure's title.

    Returns
    -------
    matplotlib.axes.Axes
    """
    require(by_document, ["doc_id", "date", "mean_compound"],
            'analysis.sentiment_summary(scored, by="document") merged with the dates')  # fmt: skip
    ax = _axes(ax, width=9)
    data = by_document.dropna(subset=["date", "mean_compound"]).sort_values(
        ["date", "doc_id"], kind="stable"
    )
    ax.plot(data["date"], data["mean_compound"], color="#a9cce3", linewidth=1, zorder=1)
    ax.scatter(data["date"], data["mean_compound"], color="#1f618d", s=22, zorder=2)
    ax.axhline(0, color="grey", linewidth=0.6)
    undated = len(by_document) - len(data)
    note = f"; {undated} without a date left out" if undated else ""
    ax.set(xlabel="date", ylabel="mean VADER compound per sentence")
    set_title(ax, title, f"Sentiment over time, one point per document ({len(data)}{note})")
    return ax
