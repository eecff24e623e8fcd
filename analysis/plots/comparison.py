"""Comparison figures: documents side by side and over time, keyness per group, quote tracing.

Each function takes a table from :mod:`analysis.compare` or :mod:`analysis.discourse.quotes`, draws
one titled, labelled seaborn figure into one ``Axes`` (``ax``, or a new figure within the size cap
of :mod:`analysis.plots._base`) and returns it. They only draw: every number comes from the table
they are given. When the table is empty (a corpus of one document has nothing to compare), the
figure says so instead of failing, so a notebook runs top to bottom on any corpus.
"""

from __future__ import annotations

import textwrap

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
    document_labels,
    largest_groups,
    legend_outside,
    plain_text,
    require,
    row_height,
    set_title,
    shown,
)
from analysis.plots._base import axes as _axes
from analysis.plots.corpus import _stacked_voices

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
    ax.set_title(plain_text(title))
    ax.text(0.5, 0.5, textwrap.fill(message, 60), ha="center", va="center", transform=ax.transAxes)
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def voice_shares(profile: pd.DataFrame, *, ax=None, title: str | None = None):
    """Share of each document's words in the author's voice, quoted and reported (stacked bars).

    Parameters
    ----------
    profile : pandas.DataFrame
        :func:`analysis.compare.document_profile` output (documents in date order).
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.
    title : str, optional
        The figure's title.

    Returns
    -------
    matplotlib.axes.Axes
        Every document in the table's order; past 40 documents the bars are not named.
    """
    columns = [f"share_{voice}" for voice in VOICE_COLOURS]
    require(profile, ["doc_id", *columns], "analysis.compare.document_profile(corpus)")
    table = profile.set_index(document_labels(profile))[columns]
    ax = _stacked_voices(ax, table, columns, ylabel="document (date order)")
    set_title(ax, title, "Who speaks in each document: author, direct quotation, reported speech")
    return ax


def over_time(
    table: pd.DataFrame,
    *,
    y: str,
    ax=None,
    title: str | None = None,
    hue: str | None = None,
):
    """A per-document measure against the documents' dates: one point per document (and hue).

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`analysis.compare.over_time` output (``doc_id, date`` and the measure ``y``), e.g.
        a document profile or ``sentiment_summary(..., by=["document", "voice"])``.
    y : str
        The column to draw.
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.
    title : str, optional
        The figure's title; by default "<y> by document date".
    hue : str, optional
        A column that splits the lines (``"voice"`` uses the voice colours); at most 6 values,
        the most frequent.

    Returns
    -------
    matplotlib.axes.Axes
        Up to 12 documents are named once, above their highest point; more are not named (the
        table has them).
    """
    require(table, ["doc_id", "date", y, *([hue] if hue else [])], "analysis.compare.over_time")
    ax = _axes(ax, width=9)
    title = f"{y.replace('_', ' ')} by document date" if title is None else title
    data = table.dropna(subset=["date", y]).sort_values(["date", "doc_id"], kind="stable")
    if data.empty:
        return _say(ax, title, "No dated document has a value to draw.")
    note = ""
    if hue:
        data = data.assign(**{hue: data[hue].astype(str)})
        keep = largest_groups(data, hue, data.groupby(hue)[y].transform("size"), MAX_GROUPS)
        note = shown(len(keep), data[hue].nunique(), f"{hue} values", "the most frequent")
        data = data[data[hue].isin(keep)]
        palette = VOICE_COLOURS if hue == "voice" else dict(
            zip(keep, sns.color_palette("colorblind", len(keep)).as_hex(), strict=True)
        )  # fmt: skip
        series = [(value, part, palette[value]) for value, part in data.groupby(hue, sort=True)]
    else:
        series = [(None, data, "#1f618d")]
    for value, part, colour in series:
        ax.plot(part["date"], part[y], color=colour, marker="o", markersize=6, linewidth=1,
                label=None if value is None else plain_text(value))  # fmt: skip
    n_docs = data["doc_id"].nunique()
    if n_docs <= MAX_LABELS:
        highest = data.sort_values([y, "doc_id"], ascending=[False, True]).drop_duplicates("doc_id")
        for row, label in zip(highest.itertuples(), document_labels(highest), strict=True):
            ax.annotate(
                label, (row.date, getattr(row, y)), fontsize=7, xytext=(4, 6),
                rotation=15, textcoords="offset points",
            )  # fmt: skip
    ax.margins(x=0.15, y=0.2)
    if n_docs == 1:
        ax.text(
            0.02, 0.04, "one document: a trend needs several dates", transform=ax.transAxes,
            fontsize=8, color="dimgrey",
        )  # fmt: skip
    ax.set(xlabel="date of the document", ylabel=y.replace("_", " "))
    set_title(ax, title + note, title + note)
    legend_outside(ax, title=hue)
    return ax


def keyness_terms(table: pd.DataFrame, *, ax=None, title: str | None = None, top: int = 10):
    """The most over-used terms of each group against the rest: log ratio bars, one block each.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`analysis.compare.keyness_by` output.
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.
    title : str, optional
        The figure's title.
    top : int, default 10
        Terms per group (1 to 20): the first ``top`` over-used terms (``more_in == "target"``) in
        the table's order. At most 6 groups are drawn, those with the most words, on one shared
        x axis; the title says when some are left out.

    Returns
    -------
    matplotlib.axes.Axes
        Each bar is labelled with the term's count in the group.
    """
    require(table, ["group", "term", "log_ratio", "more_in", "n_target"],
            "analysis.compare.keyness_by(corpus)")  # fmt: skip
    check_number("top", top, minimum=1, maximum=MAX_ROWS // 2, integer=True)
    over = table[table["more_in"] == "target"].assign(group=lambda d: d["group"].astype(str))
    by = str(table["by"].iloc[0]) if "by" in table.columns and len(table) else "group"
    default = f"Key terms of each {by} against the rest of the corpus"
    if over.empty:
        return _say(
            _axes(ax, height=2.5),
            default if title is None else title,
            "Nothing to compare: keyness needs at least two documents (or groups). "
            "Add a speech to the corpus and run this again.",
        )
    size = over["n_target_words"] if "n_target_words" in over else over["n_target"]
    keep = largest_groups(over, "group", size, MAX_GROUPS)
    chosen = (
        over[over["group"].isin(keep)]
        .assign(order=lambda d: d["group"].map(keep.index))
        .sort_values("order", kind="stable")
        .groupby("group", sort=False)
        .head(top)
        .assign(colour="#1f618d")
    )
    ax = _axes(ax, height=row_height(len(chosen) + len(keep), per_row=0.24))
    bars = blocks(ax, chosen, group="group", label="term", value="log_ratio", colour="colour")
    ax.bar_label(bars, labels=[f"{n:g}" for n in chosen["n_target"]], padding=2, fontsize=7)
    ax.set_xlim(0, np.nanmax(chosen["log_ratio"].to_numpy(dtype=float)) * 1.12 or 1)
    ax.set(xlabel="log ratio (this group / the rest; bar labels: count in the group)", ylabel="")
    note = shown(len(keep), over["group"].nunique(), f"{by}s", "the largest",
                 source="keyness_by")  # fmt: skip
    set_title(ax, title, default + note)
    return ax


def quote_similarity(
    traced: pd.DataFrame,
    *,
    ax=None,
    title: str | None = None,
    min_similarity: float = 85.0,
    top: int = MAX_ROWS // 2,
):
    """Each direct quotation's best similarity to a source in the corpus, coloured by match.

    Parameters
    ----------
    traced : pandas.DataFrame
        :func:`analysis.trace_quotes` output.
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.
    title : str, optional
        The figure's title.
    min_similarity : float, default 85
        The threshold used for ``near`` matches, drawn as a dashed line.
    top : int, default 20
        Most quotations drawn (1 to 40): past it, the most similar ones (ties by document and
        quotation id), and the title says so.

    Returns
    -------
    matplotlib.axes.Axes
    """
    require(traced, ["doc_id", "quote_id", "quote", "match", "similarity"],
            "analysis.trace_quotes(corpus)")  # fmt: skip
    check_number("min_similarity", min_similarity, minimum=0, maximum=100)
    check_number("top", top, minimum=1, maximum=MAX_ROWS, integer=True)
    default = "Quote tracing: how closely each quotation matches a source in the corpus"
    chosen = (
        traced.assign(shown=traced["similarity"].fillna(0.0))
        .sort_values(["shown", "doc_id", "quote_id"], ascending=[False, True, True], kind="stable")
        .head(top)
        .sort_values(["doc_id", "quote_id"], kind="stable")
    )
    ax = _axes(ax, height=row_height(len(chosen), per_row=0.6))
    if traced.empty:
        return _say(ax, default if title is None else title, "The corpus has no direct quotations.")
    labels = [
        plain_text(
            f"{r.doc_id} #{r.quote_id}\n{textwrap.shorten(str(r.quote), 42, placeholder=' …')}"
        )
        for r in chosen.itertuples()
    ]
    data = chosen.assign(label=labels, match=chosen["match"].astype(str))
    sns.barplot(
        data=data, x="shown", y="label", hue="match",
        hue_order=[m for m in MATCH_COLOURS if m in set(data["match"])], palette=MATCH_COLOURS,
        dodge=False, ax=ax,
    )  # fmt: skip
    for position, row in enumerate(data.itertuples()):
        if row.match in _NOTES:
            ax.text(1, position, _NOTES[row.match], va="center", fontsize=8)
    ax.axvline(min_similarity, color="black", linestyle="--", linewidth=1)
    ax.set_xlim(0, 100)
    ax.set(
        xlabel=f"similarity to the best source passage (0-100; near from {min_similarity:g})",
        ylabel="",
    )
    note = shown(len(chosen), len(traced), "quotations", "the most similar",
                 source="trace_quotes")  # fmt: skip
    set_title(ax, title, default + note)
    legend_outside(ax, title="match")
    return ax
