"""Topic and cluster figures: model selection, top terms, topics across the text, a 2-D map.

Each function takes a table from :mod:`analysis.topics`, :mod:`analysis.topics.clusters` or
:mod:`analysis.topics.selection`, draws one titled, labelled seaborn figure and returns its
``Axes`` (or seaborn grid). They only draw: every number comes from the tables they are given.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from analysis.plots._base import axes, require
from analysis.plots.corpus import VOICE_COLOURS

__all__ = ["cluster_map", "model_selection_plot", "topic_heatmap", "topic_terms_plot"]

_MEASURES = {
    "coherence": ("coherence (NPMI)", "#1f618d", "o"),
    "stability_terms": ("stability: top terms (Jaccard)", "#28b463", "s"),
    "stability_ari": ("stability: assignments (ARI)", "#ca6f1e", "^"),
}


def _require(table, columns, source: str) -> None:
    require(table, columns, source, nonempty=True)


def model_selection_plot(data: pd.DataFrame, *, ax=None, title: str | None = None):
    """Coherence and stability (mean ± one standard error) against k, the chosen k marked.

    ``data`` is an :func:`analysis.model_selection` table. Each measure is drawn with error bars
    of one standard error over the subsample fits, side by side on one scale (all three run from
    -1 or 0 to 1); the silhouette is added for clusterings. The selected k is a dashed line,
    labelled with whether the data clearly support it; a k refused for the least coherent topics
    is marked with a cross on the coherence curve. Returns the ``Axes``.
    """
    _require(
        data,
        ["k", "selected", "worst_coherence", "clearly_supported"]
        + [c for m in _MEASURES for c in (m, f"{m}_se")],
        "analysis.model_selection(...)",
    )
    ax = axes(ax, height=4.2, width=7.5)
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
    refused = table[table["worst_coherence"]]
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
    chosen = int(table.loc[table["selected"], "k"].iloc[0])
    clear = bool(table["clearly_supported"].iloc[0])
    verdict = "clearly supported" if clear else "not clearly supported"
    ax.axvline(chosen, color="#c0392b", linestyle="--", linewidth=1, label=f"selected k = {chosen}")
    ax.set_xticks(sorted(table["k"]))
    ax.set(
        xlabel="k (number of topics or clusters)",
        ylabel="score (mean ± one standard error)",
    )
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    method = table["method"].iloc[0] if "method" in table else ""
    ax.set_title(title or f"Choosing k for {method}: k = {chosen}, {verdict}")
    return ax


def topic_terms_plot(top_terms: pd.DataFrame, *, top: int = 8, title: str = ""):
    """Faceted bar chart of each topic's (or cluster's) ``top`` terms by weight.

    ``top_terms`` is ``TopicModel.top_terms`` or ``ClusterResult.top_terms``. Returns the
    seaborn ``FacetGrid``.
    """
    group = "topic" if "topic" in top_terms.columns else "cluster"
    _require(top_terms, [group, "rank", "term", "weight"], "a result's top_terms table")
    table = top_terms[top_terms["rank"] <= top]
    k = table[group].nunique()
    grid = sns.catplot(
        data=table,
        x="weight",
        y="term",
        col=group,
        col_wrap=min(k, 4),
        kind="bar",
        sharey=False,
        sharex=False,
        height=2.6,
        aspect=1.1,
        color="#1f618d",
    )
    grid.set_titles(f"{group} {{col_name}}")
    xlabel = "share of the topic's weight" if group == "topic" else "TF-IDF in cluster − rest"
    grid.set_axis_labels(xlabel, "")
    grid.figure.suptitle(title or f"Top {top} terms per {group}", y=1.03)
    return grid


def topic_heatmap(
    assignments: pd.DataFrame,
    *,
    voices: pd.DataFrame | None = None,
    unit: str = "paragraph_id",
    title: str = "",
):
    """Heatmap of every topic's share of each unit, units in text order (left to right).

    ``assignments`` is ``TopicModel.assignments``; ``unit`` names the column used as the unit
    label (e.g. ``paragraph_id`` or ``doc_id``). With ``voices`` (from
    :func:`analysis.topics.voice_by_unit`, same units) a strip above shows the share of each
    unit's words in quotation and reported speech. Returns the heatmap ``Axes``.
    """
    topics = [c for c in assignments.columns if c.startswith("topic_")]
    _require(assignments, [unit, *topics], "TopicModel.assignments")
    shares = assignments[topics].T
    shares.columns = assignments[unit].astype(str)
    shares.index = [c.removeprefix("topic_") for c in topics]
    width = min(16, max(6, 0.32 * shares.shape[1]))
    if voices is None:
        fig, heat = plt.subplots(figsize=(width, 0.45 * len(topics) + 1.5))
    else:
        fig, (strip, heat) = plt.subplots(
            2,
            1,
            figsize=(width, 0.45 * len(topics) + 2.6),
            sharex=False,
            gridspec_kw={"height_ratios": [1, max(2, len(topics) * 0.6)]},
        )
        keys = [c for c in assignments.columns if c in voices.columns and c.endswith("_id")]
        aligned = assignments[keys].merge(voices, on=keys, how="left")
        bottom = 0
        for voice in ("quote", "reported"):
            values = aligned[f"share_{voice}"].fillna(0).to_numpy()
            strip.bar(
                range(len(values)),
                values,
                bottom=bottom,
                width=0.9,
                label=voice,
                color=VOICE_COLOURS[voice],
            )
            bottom = bottom + values
        strip.set_xlim(-0.5, len(aligned) - 0.5)
        strip.set_ylim(0, 1)
        strip.set_xticks([])
        strip.set_ylabel("share of\nwords")
        strip.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, title="voice")
    sns.heatmap(
        shares,
        ax=heat,
        cmap="Blues",
        vmin=0,
        vmax=1,
        linewidths=0.3,
        cbar_kws={"label": "topic share", "shrink": 0.8},
    )
    xlabel = f"{unit} (text order)"
    if unit != "doc_id" and "doc_id" in assignments and assignments["doc_id"].nunique() > 1:
        starts = assignments["doc_id"].ne(assignments["doc_id"].shift()).to_numpy().nonzero()[0]
        for position in starts[1:]:
            heat.axvline(position, color="#c0392b", linewidth=1.5)
        xlabel += "; red lines separate documents"
    heat.set_xlabel(xlabel)
    heat.set_ylabel("topic")
    fig.suptitle(title or "Where each topic sits across the text")
    return heat


def cluster_map(
    assignments: pd.DataFrame, *, labels: pd.Series | None = None, ax=None, title: str = ""
):
    """Scatter plot of the 2-D projection (``x``, ``y``) of the units, coloured by cluster.

    ``assignments`` is ``ClusterResult.assignments``; ``labels`` (e.g. ``result.labels()``)
    names the clusters in the legend. Units without a cluster are not drawn. Returns the
    ``Axes``.
    """
    _require(assignments, ["cluster", "x", "y"], "ClusterResult.assignments")
    data = assignments.dropna(subset=["cluster"])
    hue = data["cluster"].astype(int)
    if labels is not None:
        hue = hue.map(labels)
    ax = plt.subplots(figsize=(7, 5))[1] if ax is None else ax
    sns.scatterplot(
        x=data["x"], y=data["y"], hue=hue.rename("cluster"), palette="deep", s=60, ax=ax
    )
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, title="cluster")
    ax.set(
        xlabel="first principal component of the LSA space",
        ylabel="second principal component",
        title=title or "Units in two dimensions, coloured by cluster",
    )
    return ax
