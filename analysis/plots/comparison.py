"""Comparison figures: documents side by side and over time, keyness per group, quote tracing.

Each function takes a table from :mod:`analysis.compare` or :mod:`analysis.discourse.quotes`, draws
one
titled, labelled seaborn figure and returns its ``Axes`` (or the ``FacetGrid``). They only draw:
every number comes from the table they are given. When the table is empty (a corpus of one
document has nothing to compare), the figure says so instead of failing, so a notebook runs top to
bottom on any corpus.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import seaborn as sns

from analysis.plots._base import axes as _axes
from analysis.plots._base import plain, require
from analysis.plots.corpus import VOICE_COLOURS

__all__ = ["keyness_terms", "over_time", "quote_similarity", "voice_shares"]

MATCH_COLOURS = {
    "exact": "#1e8449",
    "near": "#f5b041",
    "not found": "#bdc3c7",
    "too short": "#e5e8e8",
}
_NOTES = {"not found": "not found in the corpus", "too short": "too short to trace"}


def _say(ax, title: str, message: str):
    """An empty figure that says why it is empty."""
    ax.set_title(title)
    ax.text(0.5, 0.5, textwrap.fill(message, 60), ha="center", va="center", transform=ax.transAxes)
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def voice_shares(profile: pd.DataFrame, *, ax=None):
    """Share of each document's words in the author's voice, quoted and reported (stacked bars).

    Parameters
    ----------
    profile : pandas.DataFrame
        :func:`analysis.compare.document_profile` output (documents in date order).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    columns = ["share_author", "share_quote", "share_reported"]
    require(profile, ["doc_id", *columns], "analysis.compare.document_profile(corpus)")
    ax = _axes(ax, height=max(2.5, 0.6 * len(profile) + 1.5))
    left = pd.Series(0.0, index=profile.index)
    labels = profile["doc_id"].astype(str)
    for column in columns:
        voice = column.removeprefix("share_")
        values = profile[column].fillna(0)
        ax.barh(labels, values, left=left, color=VOICE_COLOURS[voice], label=voice)
        left = left + values
    ax.invert_yaxis()  # the earliest document on top
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of the document's words")
    ax.set_ylabel("document (date order)")
    ax.set_title("Who speaks in each document: author, direct quotation, reported speech")
    ax.legend(title="voice", loc="upper left", bbox_to_anchor=(1.01, 1))
    return ax


def over_time(
    table: pd.DataFrame, *, y: str, hue: str | None = None, title: str | None = None, ax=None
):
    """A per-document measure against the documents' dates (points joined by lines).

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`analysis.compare.over_time` output (``doc_id, date`` and the measure ``y``), e.g.
        a document profile or ``sentiment_summary(..., by=["document", "voice"])``.
    y : str
        The column to draw.
    hue : str, optional
        A column that splits the lines (``"voice"``).
    title : str, optional
        The figure's title; by default "<y> by document date".
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        Each document is named once, above its highest point.
    """
    require(table, ["doc_id", "date", y, *([hue] if hue else [])], "analysis.compare.over_time")
    ax = _axes(ax)
    title = title or f"{y.replace('_', ' ')} by document date"
    data = table.dropna(subset=["date", y])
    if data.empty:
        return _say(ax, title, "No dated document has a value to draw.")
    palette = VOICE_COLOURS if hue == "voice" else None
    if hue:
        data = data.assign(**{hue: data[hue].astype(str)})
    sns.lineplot(
        data=data,
        x="date",
        y=y,
        hue=hue,
        palette=palette,
        marker="o",
        markersize=8,
        estimator=None,
        ax=ax,
    )
    highest = data.loc[data.groupby("doc_id", sort=False)[y].idxmax()]
    for _, row in highest.iterrows():
        ax.annotate(
            row["doc_id"], (row["date"], row[y]), fontsize=7, xytext=(4, 6), rotation=15,
            textcoords="offset points",
        )  # fmt: skip
    ax.margins(x=0.15, y=0.2)
    if data["doc_id"].nunique() == 1:
        ax.text(
            0.02, 0.04, "one document: a trend needs several dates", transform=ax.transAxes,
            fontsize=8, color="dimgrey",
        )  # fmt: skip
    ax.set_xlabel("date of the document")
    ax.set_ylabel(y.replace("_", " "))
    ax.set_title(title)
    return ax


def keyness_terms(table: pd.DataFrame, *, top: int = 10, col_wrap: int = 2):
    """The most over-used terms of each group against the rest (log ratio bars, one panel each).

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`analysis.compare.keyness_by` output.
    top : int, default 10
        Terms per panel: the first ``top`` over-used terms (``more_in == "target"``) in the
        table's order.
    col_wrap : int, default 2
        Panels per row.

    Returns
    -------
    seaborn.FacetGrid or matplotlib.axes.Axes
        The grid; an ``Axes`` with a note when there is nothing to compare.
    """
    require(table, ["group", "term", "log_ratio", "more_in"], "analysis.compare.keyness_by")
    over = table[table["more_in"] == "target"].groupby("group", sort=True).head(top)
    if over.empty:
        return _say(
            _axes(None, height=2.5),
            "Key terms of each group against the rest",
            "Nothing to compare: keyness needs at least two documents (or groups). "
            "Add a speech to the corpus and run this again.",
        )
    by = table["by"].iloc[0] if "by" in table.columns else "group"
    n_groups = over["group"].nunique()
    grid = sns.catplot(
        data=over,
        x="log_ratio",
        y="term",
        col="group",
        col_wrap=min(col_wrap, n_groups),
        kind="bar",
        color="#1f618d",
        sharey=False,
        height=max(2.5, 0.3 * top + 1),
        aspect=1.3,
    )
    grid.set_titles("{col_name}", size=9)
    grid.set_axis_labels("log ratio (this group / the rest)", "")
    grid.figure.suptitle(f"Key terms of each {by} against the rest of the corpus", y=1.02)
    return grid


def quote_similarity(traced: pd.DataFrame, *, min_similarity: float = 85.0, ax=None):
    """Each direct quotation's best similarity to a source in the corpus, coloured by match.

    Parameters
    ----------
    traced : pandas.DataFrame
        :func:`analysis.trace_quotes` output.
    min_similarity : float, default 85
        The threshold used for ``near`` matches, drawn as a dashed line.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    require(
        traced,
        ["doc_id", "quote_id", "quote", "match", "similarity"],
        "analysis.trace_quotes",
    )
    ax = _axes(ax, height=max(2.5, 0.7 * len(traced) + 1.5))
    title = "Quote tracing: how closely each quotation matches a source in the corpus"
    if traced.empty:
        return _say(ax, title, "The corpus has no direct quotations.")
    quotes = [textwrap.shorten(str(quote), 42, placeholder=" …") for quote in traced["quote"]]
    labels = [
        plain(f"{row.doc_id} #{row.quote_id}\n{quote}")
        for row, quote in zip(traced.itertuples(), quotes, strict=True)
    ]
    data = traced.assign(
        label=labels,
        shown=traced["similarity"].fillna(0),
        match=traced["match"].astype(str),
    )
    sns.barplot(
        data=data,
        x="shown",
        y="label",
        hue="match",
        hue_order=[m for m in MATCH_COLOURS if m in set(data["match"])],
        palette=MATCH_COLOURS,
        dodge=False,
        ax=ax,
    )
    for position, row in enumerate(data.itertuples()):
        if row.match in _NOTES:
            ax.text(1, position, _NOTES[row.match], va="center", fontsize=8)
    ax.axvline(min_similarity, color="black", linestyle="--", linewidth=1)
    ax.set_xlim(0, 100)
    sns.move_legend(ax, "upper left", bbox_to_anchor=(1.01, 1), title="match")
    ax.set_xlabel(f"similarity to the best source passage (0-100; near from {min_similarity:g})")
    ax.set_ylabel("")
    ax.set_title(title)
    return ax
