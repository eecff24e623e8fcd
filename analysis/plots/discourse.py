"""Discourse-feature figures: rates by voice, speaker or document, reporting, actors, a text map.

Each function takes a table of :class:`analysis.DiscourseFeatures` (``rates(...)``,
``matches`` or ``sentences``), draws one titled, labelled seaborn figure into one ``Axes`` (``ax``,
or a new figure within the size cap of :mod:`analysis.plots._base`) and returns it. They only
draw: every number comes from the table they are given, which they never change. Past a bounded
number of groups, sources or sentences they show the largest ones or aggregate, and say so.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from analysis._checks import check_number
from analysis.discourse._tables import FEATURES
from analysis.plots._base import (
    MAX_GROUPS,
    MAX_ROWS,
    OWN_VOICE,
    VOICE_COLOURS,
    largest_groups,
    legend_outside,
    plain_text,
    require,
    row_height,
    set_title,
    shown,
)
from analysis.plots._base import axes as _axes

__all__ = ["actors_and_agents", "feature_map", "feature_profile", "feature_rates", "reporting"]

_GROUP_NAMES = {"voice": "voice", "speaker": "speaker", "doc_id": "document"}
_OWN_VOICE = OWN_VOICE
#: sentences a feature map shows one column each; longer documents are drawn in equal bins
MAP_COLUMNS = 60


def _group_column(rates: pd.DataFrame) -> str:
    groups = [c for c in ("voice", "speaker", "doc_id") if c in rates.columns]
    if len(groups) != 1:
        raise ValueError(
            "expected rates grouped by one of voice, speaker or doc_id "
            "(DiscourseFeatures.by_voice, .by_speaker or .by_document)"
        )
    return groups[0]


def _labels(values: pd.Series) -> pd.Series:
    values = values.astype("object")
    return values.where(values.notna(), _OWN_VOICE).map(plain_text).astype(str)


def _palette(group: str, labels: list):
    if group == "voice":
        return {label: VOICE_COLOURS.get(label, "#1f618d") for label in labels}
    return dict(zip(labels, sns.color_palette("colorblind", len(labels)).as_hex(), strict=True))


def _largest(data: pd.DataFrame, limit: int):
    """``data`` cut to the ``limit`` groups with the most words, the kept names and a note."""
    keep = largest_groups(data, "group", data["n_words"], limit)
    note = shown(len(keep), data["group"].nunique(), "groups", "the largest")
    return data[data["group"].isin(keep)], keep, note


def feature_rates(rates: pd.DataFrame, *, feature: str, ax=None, title: str | None = None):
    """Rate per 1,000 words of each category of one feature, one bar per group.

    Parameters
    ----------
    rates : DataFrame
        ``DiscourseFeatures.by_voice``, ``.by_speaker`` or ``.by_document``.
    feature : str
        The feature to draw (``"modality"``, ``"stance"`` ...).
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.
    title : str, optional
        The figure's title.

    Returns
    -------
    matplotlib.axes.Axes
        Bars labelled with the raw count ``n``, so a tall bar built on one match shows it. At most
        6 groups are drawn, those with the most words; the title says when some are left out.

    Raises
    ------
    ValueError
        If ``rates`` is not one of those tables or ``feature`` has no rows in it.
    """
    require(rates, ("feature", "category", "n", "n_words", "per_1k"), "DiscourseFeatures.by_voice")
    group = _group_column(rates)
    data = rates[rates["feature"] == feature]
    if data.empty:
        raise ValueError(f"feature={feature!r} has no rows in this table")
    data, groups, note = _largest(data.assign(group=_labels(data[group])), MAX_GROUPS)
    data = data.assign(category=data["category"].astype(str))
    categories = list(dict.fromkeys(data["category"]))
    ax = _axes(ax, width=min(14, max(8, 1.2 * len(categories) * max(1, len(groups) / 3))))
    sns.barplot(data=data, x="category", y="per_1k", hue="group", hue_order=groups,
                order=categories, palette=_palette(group, groups), ax=ax)  # fmt: skip
    counts = data.set_index(["group", "category"])["n"]
    for container, name in zip(ax.containers, groups, strict=False):
        labels = [counts.get((name, c), 0) for c in categories]
        ax.bar_label(container, labels=[f"n={n}" if n else "" for n in labels], fontsize=7,
                     padding=1)  # fmt: skip
    ax.margins(y=0.12)
    name = feature.replace("_", " ")
    ax.set(xlabel=f"{name} category", ylabel="matches per 1,000 words")
    set_title(ax, title, f"{name.capitalize()} per 1,000 words, by {_GROUP_NAMES[group]}" + note)
    legend_outside(ax, title=_GROUP_NAMES[group])
    return ax


def feature_profile(rates: pd.DataFrame, *, ax=None, title: str | None = None):
    """Heatmap of every feature's total rate per 1,000 words (categories added up) per group.

    Parameters
    ----------
    rates : DataFrame
        ``DiscourseFeatures.by_voice``, ``.by_speaker`` or ``.by_document``.
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.
    title : str, optional
        The figure's title.

    Returns
    -------
    matplotlib.axes.Axes
        Rows are features, columns groups (at most 40, those with the most words); cells show the
        rate when there are at most 12 columns.
    """
    require(rates, ("feature", "n", "n_words"), "DiscourseFeatures.by_voice")
    group = _group_column(rates)
    data, groups, note = _largest(rates.assign(group=_labels(rates[group])), MAX_ROWS)
    totals = data.groupby(["feature", "group"], sort=True, observed=True).agg(
        n=("n", "sum"), n_words=("n_words", "first")
    )
    table = (totals["n"] / totals["n_words"] * 1000).unstack("group").reindex(columns=groups)
    ax = _axes(ax, height=5.5, width=max(6, 0.45 * table.shape[1] + 4))
    sns.heatmap(table, annot=table.shape[1] <= 12, fmt=".1f", cmap="Blues",
                cbar_kws={"label": "per 1,000"}, ax=ax)  # fmt: skip
    plt.setp(ax.get_xticklabels(), rotation=30, ha="right")
    ax.set(xlabel=_GROUP_NAMES[group], ylabel="feature")
    set_title(ax, title, f"Discourse features per 1,000 words, by {_GROUP_NAMES[group]}" + note)
    return ax


def reporting(matches: pd.DataFrame, *, ax=None, title: str | None = None, top: int = 20):
    """Who is reported with which verb: reporting verbs counted per source (sentence speaker).

    Parameters
    ----------
    matches : DataFrame
        ``DiscourseFeatures.matches`` (or ``.of("reporting")``).
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.
    title : str, optional
        The figure's title.
    top : int, default 20
        Most sources and most verbs drawn (1 to 40), the most frequent (ties by name).

    Returns
    -------
    matplotlib.axes.Axes
        A heatmap of counts, sources by verb lemma. "(no source)" is an impersonal frame
        ("It is believed that ...").
    """
    require(matches, ("feature", "term", "sentence_speaker"), "DiscourseFeatures.matches")
    check_number("top", top, minimum=1, maximum=MAX_ROWS, integer=True)
    data = matches[matches["feature"] == "reporting"]
    note = ""
    if data.empty:
        ax = _axes(ax)
        ax.text(0.5, 0.5, "no reporting verbs found", ha="center", transform=ax.transAxes)
    else:
        source = data["sentence_speaker"].astype("object")
        data = data.assign(
            source=source.where(source.notna(), "(no source)").map(plain_text),
            term=data["term"].map(plain_text),
        )
        counts = data.groupby(["source", "term"]).size().unstack(fill_value=0)
        rows = _most(counts.sum(axis=1), top)
        columns = _most(counts.sum(axis=0), top)
        note = shown(len(rows), len(counts), "sources", "the most reported") + shown(
            len(columns), counts.shape[1], "verbs", "the most frequent"
        )
        counts = counts.loc[rows, columns]
        ax = _axes(ax, height=row_height(len(rows), per_row=0.4, extra=2.0),
                   width=max(6, 0.5 * len(columns) + 4))  # fmt: skip
        sns.heatmap(counts, annot=True, fmt="d", cmap="Oranges", cbar=False, linewidths=0.5, ax=ax)
        ax.tick_params(axis="y", rotation=0)
    ax.set(xlabel="reporting verb (lemma)", ylabel="source (the sentence's speaker)")
    set_title(ax, title, "Reporting verbs and the sources they report" + note)
    return ax


def _most(totals: pd.Series, top: int) -> list:
    """The ``top`` labels with the largest totals, ties by label, in that order."""
    ordered = sorted(totals.items(), key=lambda item: (-item[1], str(item[0])))
    return [label for label, _ in ordered[:top]]


def actors_and_agents(matches: pd.DataFrame, *, ax=None, title: str | None = None, top: int = 12):
    """The most-mentioned actors, and how often each is placed as an agent.

    Parameters
    ----------
    matches : DataFrame
        ``DiscourseFeatures.matches`` with the ``actors`` and ``agents`` features.
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.
    title : str, optional
        The figure's title.
    top : int, default 12
        How many actors to show (1 to 40), by number of mentions, then agent roles, then name.

    Returns
    -------
    matplotlib.axes.Axes
        Paired horizontal bars: mentions and agent roles per actor (canonical name).
    """
    require(matches, ("feature", "term", "category"), "DiscourseFeatures.matches")
    check_number("top", top, minimum=1, maximum=MAX_ROWS, integer=True)
    data = matches[matches["feature"].isin(["actors", "agents"])]
    counts = data.groupby(["term", "feature"], observed=True).size().unstack(fill_value=0)
    counts = counts.reindex(columns=["actors", "agents"], fill_value=0)
    order = (
        counts.rename_axis("term").reset_index()
        .sort_values(["actors", "agents", "term"], ascending=[False, False, True])
        .head(top)["term"]
    )  # fmt: skip
    long = (
        counts.loc[list(order)]
        .rename(columns={"actors": "mentioned", "agents": "as agent"})
        .reset_index()
        .melt(id_vars="term", var_name="role", value_name="n")
        .assign(term=lambda d: d["term"].map(plain_text))
    )
    ax = _axes(ax, height=row_height(len(order), per_row=0.4, least=3.5))
    if long.empty:
        ax.text(0.5, 0.5, "no actors found", ha="center", transform=ax.transAxes)
    else:
        sns.barplot(data=long, y="term", x="n", hue="role", palette="Paired", ax=ax)
        for container in ax.containers:
            ax.bar_label(container, fontsize=7, padding=1)
        legend_outside(ax, title="")
    ax.set(xlabel="matches", ylabel="actor")
    set_title(ax, title, f"Top {top} actors: mentions and agent roles")
    return ax


def feature_map(
    sentences: pd.DataFrame, *, ax=None, title: str | None = None, doc_id: str | None = None
):
    """A map of one document: matches of each feature along the text, voices along the bottom.

    Parameters
    ----------
    sentences : DataFrame
        ``DiscourseFeatures.sentences``.
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.
    title : str, optional
        The figure's title.
    doc_id : str, optional
        The document to draw; None draws the first.

    Returns
    -------
    matplotlib.axes.Axes
        Heatmap, features by sentence; the tick labels give each sentence's id and voice. A
        document of more than 60 sentences is cut into 60 (or fewer) equal runs of consecutive
        sentences, each column the sum of its run, so the figure keeps its width.
    """
    require(sentences, ("doc_id", "sentence_id", "voice"), "DiscourseFeatures.sentences")
    doc_id = doc_id if doc_id is not None else sorted(sentences["doc_id"])[0]
    doc = sentences[sentences["doc_id"] == doc_id].sort_values("sentence_id", kind="stable")
    if doc.empty:
        raise ValueError(f"doc_id={doc_id!r} has no sentences in this table")
    skip = {"doc_id", "paragraph_id", "sentence_id", "voice", "speaker", "n_words", "text"}
    columns = [c for c in doc.columns if c not in skip]
    features = [f for f in FEATURES if any(c.startswith(f"{f}_") for c in columns)]
    totals = pd.DataFrame(
        {f: doc[[c for c in columns if c.startswith(f"{f}_")]].sum(axis=1) for f in features}
    )
    ids = doc["sentence_id"].to_numpy()
    if len(doc) <= MAP_COLUMNS:
        voices = doc["voice"].astype(str).str[0].str.upper()
        totals.index = [f"{s} {v}" for s, v in zip(ids, voices, strict=True)]
        xlabel = "sentence (A author, Q quote, R reported)"
    else:
        size = -(-len(doc) // MAP_COLUMNS)  # sentences per run, rounded up
        runs = np.arange(len(doc)) // size
        totals = totals.groupby(runs).sum()
        totals.index = [f"{ids[i * size]}-{ids[min((i + 1) * size, len(ids)) - 1]}"
                        for i in range(len(totals))]  # fmt: skip
        xlabel = f"sentences, in runs of {size} (matches summed over each run)"
    ax = _axes(ax, width=max(8, 0.22 * len(totals) + 3))
    sns.heatmap(totals.T, cmap="Greens", linewidths=0.3, cbar_kws={"label": "matches"}, ax=ax)
    ax.tick_params(axis="x", labelsize=7)
    ax.set(xlabel=xlabel, ylabel="feature")
    set_title(ax, title, f"Where the features fall in {doc_id}")
    return ax
