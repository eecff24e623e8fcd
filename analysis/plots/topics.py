"""Topic and cluster figures: model selection, top terms, topics across the text, a 2-D map.

Each function takes a table from :mod:`analysis.topics` (``TopicModel`` or ``ClusterResult``
tables, or :func:`analysis.model_selection`), draws one titled, labelled figure into one
``Axes`` (``ax``, or a new figure within the size cap of :mod:`analysis.plots._base`) and
returns it. They only draw: every number comes from the tables they are given. Past a fixed
number of units, topics or clusters a figure aggregates or shows a bounded selection, and its
title or axis says what it shows; voices keep the colours of every other figure.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import seaborn as sns

from analysis._checks import check_number
from analysis.plots._base import (
    MAX_LABELS,
    MAX_ROWS,
    VOICE_COLOURS,
    blocks,
    legend_outside,
    plain_text,
    require,
    row_height,
    set_title,
    shown,
)
from analysis.plots._base import axes as _axes

__all__ = ["cluster_map", "model_selection_plot", "topic_heatmap", "topic_terms_plot"]

_MEASURES = {
    "coherence": ("coherence (NPMI)", "#1f618d", "o"),
    "stability_terms": ("stability: top terms (Jaccard)", "#28b463", "s"),
    "stability_ari": ("stability: assignments (ARI)", "#ca6f1e", "^"),
}
_BAR = "#1f618d"
#: term rows one top-terms figure labels (two per ``MAX_ROWS``: blocks are compact)
MAX_TERM_ROWS = 2 * MAX_ROWS


def model_selection_plot(data: pd.DataFrame, *, ax=None, title: str | None = None):
    """Coherence and stability (mean ± one standard error) against k, the chosen k marked.

    Parameters
    ----------
    data : pandas.DataFrame
        :func:`analysis.model_selection` output.
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.
    title : str, optional
        The figure's title; by default it names the method, the chosen k and whether the data
        clearly support it.

    Returns
    -------
    matplotlib.axes.Axes
        Each measure with error bars of one standard error over the subsample fits, on one scale
        (all run from -1 or 0 to 1); the silhouette for clusterings; the selected k as a dashed
        line; a k refused for the least coherent topics crossed on the coherence curve.

    Raises
    ------
    ValueError
        If ``data`` lacks the columns of a model-selection table or is empty.
    """
    require(
        data,
        ["k", "selected", "worst_coherence", "clearly_supported"]
        + [c for m in _MEASURES for c in (m, f"{m}_se")],
        "analysis.model_selection(...)",
        nonempty=True,
    )
    ax = _axes(ax, height=4.2, width=7.5 + 0.15 * max(0, len(data) - 10))
    table = data.sort_values("k")
    # a small horizontal offset per measure keeps overlapping error bars apart
    offsets = dict(zip(_MEASURES, (-0.08, 0.0, 0.08), strict=True))
    for measure, (label, colour, marker) in _MEASURES.items():
        ax.errorbar(
            table["k"] + offsets[measure],
            table[measure],
            yerr=table[f"{measure}_se"],
            label=f"{label} ± 1 SE",
            color=colour,
            marker=marker,
            capsize=3,
        )
    if "silhouette" in table and table["silhouette"].notna().any():
        ax.plot(table["k"], table["silhouette"], label="silhouette", color="#7d3c98", marker="D")
    refused = table[table["worst_coherence"].astype(bool)]
    if len(refused):
        ax.scatter(
            refused["k"] + offsets["coherence"],
            refused["coherence"],
            marker="x",
            s=120,
            color="#c0392b",
            zorder=3,
            label="refused: least coherent",
        )
    chosen = table.loc[table["selected"].astype(bool), "k"]
    verdict = ""
    if len(chosen):
        chosen = int(chosen.iloc[0])
        clear = bool(table["clearly_supported"].iloc[0])
        verdict = f": k = {chosen}, " + ("clearly supported" if clear else "not clearly supported")
        ax.axvline(chosen, color="#c0392b", linestyle="--", lw=1, label=f"selected k = {chosen}")
    ks = sorted(table["k"])
    ax.set_xticks(ks if len(ks) <= MAX_ROWS else ks[:: -(-len(ks) // MAX_ROWS)])
    ax.set(xlabel="k (number of topics or clusters)", ylabel="score (mean ± one standard error)")
    legend_outside(ax, frameon=False)
    method = f" for {table['method'].iloc[0]}" if "method" in table else ""
    set_title(ax, title, f"Choosing k{method}{verdict}")
    return ax


def topic_terms_plot(data: pd.DataFrame, *, ax=None, title: str | None = None, top: int = 8):
    """Each topic's (or cluster's) ``top`` terms as bars, one block per topic on one x axis.

    Parameters
    ----------
    data : pandas.DataFrame
        ``TopicModel.top_terms`` or ``ClusterResult.top_terms``.
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.
    title : str, optional
        The figure's title.
    top : int, default 8
        Terms per topic, by rank (1 to 40). So that the figure stays readable, at most 80 term
        rows are drawn: with more than 10 topics each shows fewer terms, and past 40 topics only
        the first 40 are drawn; the title says how many of each it shows.

    Returns
    -------
    matplotlib.axes.Axes
        Bars of ``weight`` (a topic term's share of the topic's weight; a cluster term's mean
        TF-IDF in the cluster minus in the rest), each labelled with ``n_texts``, the number of
        units that contain the term, so a theme resting on two units shows it.

    Raises
    ------
    ValueError
        If ``data`` lacks ``topic`` (or ``cluster``), ``rank``, ``term``, ``weight``, or ``top``
        is not 1 to 40.
    """
    require(data, ["rank", "term", "weight"], "TopicModel.top_terms or ClusterResult.top_terms")
    group = "cluster" if "cluster" in data.columns and "topic" not in data.columns else "topic"
    require(data, [group], "TopicModel.top_terms or ClusterResult.top_terms")
    check_number("top", top, minimum=1, maximum=MAX_ROWS, integer=True)
    groups = sorted(data[group].dropna().unique())
    kept = groups[:MAX_ROWS]
    per_group = max(1, min(top, MAX_TERM_ROWS // max(len(kept), 1)))
    table = data[data[group].isin(kept) & (data["rank"] <= per_group)].sort_values(
        [group, "rank"], kind="stable"
    )
    table = table.assign(block=f"{group} " + table[group].astype(str), colour=_BAR)
    note = shown(len(kept), len(groups), f"{group}s", "the first")
    ax = _axes(ax, height=row_height(len(table) + 1.5 * len(kept), per_row=0.22))
    heading = f"Top {per_group} terms per {group}"
    if table.empty:
        ax.text(0.5, 0.5, "no term to show", ha="center", va="center", transform=ax.transAxes)
        set_title(ax, title, heading)
        return ax
    bars = blocks(ax, table, group="block", label="term", value="weight", colour="colour")
    if "n_texts" in table:
        ax.bar_label(bars, labels=[f"{n:,}" for n in table["n_texts"]], padding=2, fontsize=7)
        counted = " (bar label: units containing the term)"
    else:
        counted = ""
    low = min(0.0, float(table["weight"].min()))
    ax.set_xlim(low * 1.12, float(table["weight"].max()) * 1.15)
    what = "share of the topic's weight" if group == "topic" else "mean TF-IDF in cluster − rest"
    ax.set(xlabel=what + counted, ylabel="")
    set_title(ax, title, heading + note)
    return ax


def _unit_runs(assignments: pd.DataFrame, unit: str) -> tuple[np.ndarray, list[str], str, str]:
    """Which column each unit is drawn in, the columns' labels, what a column is, a title note.

    Up to ``MAX_ROWS`` units: one column each. More units from at most ``MAX_ROWS`` documents:
    one column per document. Otherwise ``MAX_ROWS`` runs of consecutive units in text order.
    """
    n = len(assignments)
    if n <= MAX_ROWS:
        labels = [plain_text(v) for v in assignments[unit]]
        return np.arange(n), labels, f"{unit}, in text order", ""
    documents = assignments.get("doc_id")
    if documents is not None and unit != "doc_id" and documents.nunique() <= MAX_ROWS:
        order = pd.unique(documents)
        column = documents.map({d: i for i, d in enumerate(order)}).to_numpy()
        what = f"document: mean of its units' topic shares ({n} units in {len(order)} documents)"
        return column, [plain_text(d) for d in order], what, " (mean per document)"
    size = -(-n // MAX_ROWS)  # units per run, rounded up
    column = np.arange(n) // size
    labels = [f"{i * size + 1}-{min((i + 1) * size, n)}" for i in range(column[-1] + 1)]
    what = f"units in text order, in runs of {size}: the mean topic share of each run"
    return column, labels, what + f" (units 1 to {n})", f" (mean per run of {size} units)"


def topic_heatmap(
    data: pd.DataFrame,
    *,
    ax=None,
    title: str | None = None,
    voices: pd.DataFrame | None = None,
    unit: str | None = None,
):
    """Every topic's share of each unit, units in text order (left to right), in one Axes.

    Parameters
    ----------
    data : pandas.DataFrame
        ``TopicModel.assignments``.
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.
    title : str, optional
        The figure's title.
    voices : pandas.DataFrame, optional
        :func:`analysis.voice_by_unit` for the same units: a strip above the topics shows the
        share of each column's words in quotation and in reported speech (voice colours).
    unit : str, optional
        The id column that labels the units (``paragraph_id``, ``doc_id``, ``text_id``); by
        default the last ``*_id`` column of ``data``.

    Returns
    -------
    matplotlib.axes.Axes
        A heatmap, topics by column, and a colour bar. Up to 40 units, one column per unit
        (with lines between documents); more units from at most 40 documents, one column per
        document, the mean of its units' shares; otherwise 40 runs of consecutive units, the mean
        of each run. The x label says which. An empty cell is a unit with no counted word.

    Raises
    ------
    ValueError
        If ``data`` lacks ``topic`` and ``topic_1`` or the ``unit`` column, or ``voices``
        lacks ``share_quote``, ``share_reported`` or the id columns.
    """
    require(data, ["topic", "topic_1"], "TopicModel.assignments", nonempty=True)
    ids = [c for c in data.columns if c.endswith("_id")]
    unit = unit if unit is not None else (ids[-1] if ids else "topic")
    require(data, [unit], "TopicModel.assignments with its id columns")
    topics = [c for c in data.columns if c.startswith("topic_") and c[6:].isdigit()]
    column, labels, what, note = _unit_runs(data.reset_index(drop=True), unit)
    shares = data[topics].reset_index(drop=True).groupby(column).mean()
    matrix = shares.T.set_axis([c.removeprefix("topic_") for c in topics], axis=0)
    matrix.columns = labels
    width = max(6.0, 0.3 * len(labels) + 3)
    ax = _axes(ax, height=0.45 * len(topics) + (3.2 if voices is not None else 2.4), width=width)
    sns.heatmap(
        matrix,
        ax=ax,
        cmap="Blues",
        vmin=0,
        vmax=1,
        linewidths=0.3 if len(labels) <= MAX_ROWS else 0,
        cbar_kws={"label": "topic share", "shrink": 0.8},
    )
    xlabel = what
    n_docs = data["doc_id"].nunique() if "doc_id" in data else 1
    if len(data) <= MAX_ROWS and unit != "doc_id" and n_docs > 1:
        starts = np.flatnonzero(data["doc_id"].ne(data["doc_id"].shift()).to_numpy())[1:]
        ax.vlines(starts, 0, len(topics), color="#c0392b", linewidth=1.5)
        xlabel += "; red lines separate documents"
    ticks = [t + 0.5 for t in range(len(topics))]
    names = list(matrix.index)
    if voices is not None:
        require(voices, [*ids, "share_quote", "share_reported"], "analysis.voice_by_unit(...)")
        aligned = (
            data[ids]
            .merge(voices, on=ids, how="left")
            .fillna({"share_quote": 0.0, "share_reported": 0.0})
        )
        weights = aligned["n_words"].fillna(0) if "n_words" in aligned else None
        bottom = np.full(len(labels), -0.15)
        for voice in ("quote", "reported"):
            values = aligned[f"share_{voice}"].to_numpy(dtype=float)
            if weights is not None and weights.groupby(column).sum().gt(0).all():
                mean = (values * weights).groupby(column).sum() / weights.groupby(column).sum()
            else:
                mean = pd.Series(values).groupby(column).mean()
            height = -mean.to_numpy()  # the y axis points down: bars grow upwards
            ax.bar(np.arange(len(labels)) + 0.5, height, bottom=bottom, width=0.9,
                   color=VOICE_COLOURS[voice], label=voice)  # fmt: skip
            bottom = bottom + height
        ax.set_ylim(len(topics), -1.25)
        ticks.insert(0, -0.65)
        names.insert(0, "voices")
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2, fontsize=8, frameon=False,
                  title="share of words: quoted / reported", title_fontsize=8)  # fmt: skip
    ax.set_yticks(ticks, names, rotation=0)
    ax.tick_params(axis="x", labelsize=7 if len(labels) > 20 else 9)
    ax.set(xlabel=xlabel, ylabel="topic")
    set_title(ax, title, "Where each topic sits across the text" + note)
    return ax


def cluster_map(
    data: pd.DataFrame,
    *,
    ax=None,
    title: str | None = None,
    labels: pd.Series | None = None,
):
    """The units' 2-D projection (``x``, ``y``), coloured by cluster.

    Parameters
    ----------
    data : pandas.DataFrame
        ``ClusterResult.assignments``.
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.
    title : str, optional
        The figure's title.
    labels : pandas.Series, optional
        Names of the clusters for the legend (e.g. ``result.labels()``), indexed by cluster.

    Returns
    -------
    matplotlib.axes.Axes
        One point per clustered unit (units without a cluster are not drawn). Up to 12 clusters
        are named in the legend; past that the colours stay and the table names the clusters.

    Raises
    ------
    ValueError
        If ``data`` lacks ``cluster``, ``x`` or ``y``.
    """
    require(data, ["cluster", "x", "y"], "ClusterResult.assignments")
    points = data.dropna(subset=["cluster"])
    clusters = sorted(int(c) for c in points["cluster"].unique())
    names = {c: plain_text(labels.get(c, c) if labels is not None else c) for c in clusters}
    palette = sns.color_palette("colorblind", max(len(clusters), 1))
    named = len(clusters) <= MAX_LABELS
    ax = _axes(ax, height=5, width=7)
    for colour, cluster in zip(palette, clusters, strict=False):
        part = points[points["cluster"].astype(int) == cluster]
        ax.scatter(part["x"], part["y"], s=50 if len(points) < 500 else 8, color=colour,
                   label=names[cluster] if named else None, alpha=0.85, linewidths=0)  # fmt: skip
    if named:
        legend_outside(ax, title="cluster", frameon=False)
    note = "" if named else f" ({len(clusters)} clusters; the table names them)"
    ax.set(xlabel="first principal component of the LSA space",
           ylabel="second principal component")  # fmt: skip
    set_title(ax, title, "Units in two dimensions, coloured by cluster" + note)
    return ax
