"""Discourse-feature figures: rates by voice, speaker or document, reporting, actors, a text map.

Each function takes a table of :class:`analysis.DiscourseFeatures` (``rates(...)``,
``matches`` or ``sentences``), draws one titled, labelled seaborn figure and returns its ``Axes``.
They only draw: every number comes from the table they are given, which they never change.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from analysis.discourse._tables import FEATURES
from analysis.plots._base import axes as _axes
from analysis.plots._base import plain, require
from analysis.plots.corpus import VOICE_COLOURS

__all__ = ["actors_and_agents", "feature_map", "feature_profile", "feature_rates", "reporting"]

_GROUP_NAMES = {"voice": "voice", "speaker": "speaker", "doc_id": "document"}
_OWN_VOICE = "(author's own voice)"


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
    return values.where(values.notna(), _OWN_VOICE).astype(str).map(plain)


def _palette(group: str, labels: pd.Series):
    return VOICE_COLOURS if group == "voice" else sns.color_palette("colorblind", labels.nunique())


def feature_rates(rates: pd.DataFrame, *, feature: str, ax=None):
    """Rate per 1,000 words of each category of one feature, one bar per group.

    Parameters
    ----------
    rates : DataFrame
        ``DiscourseFeatures.by_voice``, ``.by_speaker`` or ``.by_document``.
    feature : str
        The feature to draw (``"modality"``, ``"stance"`` ...).

    Returns
    -------
    matplotlib.axes.Axes
        Bars labelled with the raw count ``n``, so a tall bar built on one match shows it.
    """
    require(rates, ("feature", "category", "n", "per_1k"), "DiscourseFeatures.by_voice")
    group = _group_column(rates)
    data = rates[rates["feature"] == feature]
    if data.empty:
        raise ValueError(f"feature={feature!r} has no rows in this table")
    data = data.assign(group=_labels(data[group]))
    ax = _axes(ax)
    sns.barplot(
        data=data,
        x="category",
        y="per_1k",
        hue="group",
        palette=_palette(group, data["group"]),
        ax=ax,
    )
    for container, (_, part) in zip(ax.containers, data.groupby("group", sort=False), strict=False):
        labels = [f"n={n}" if n else "" for n in part["n"]]
        ax.bar_label(container, labels=labels, fontsize=7, padding=1)
    name = feature.replace("_", " ")
    ax.set(
        title=f"{name.capitalize()} per 1,000 words, by {_GROUP_NAMES[group]}",
        xlabel=f"{name} category",
        ylabel="matches per 1,000 words",
    )
    ax.legend(title=_GROUP_NAMES[group], fontsize=8)
    return ax


def feature_profile(rates: pd.DataFrame, *, ax=None):
    """Heatmap of every feature's total rate per 1,000 words (categories added up) per group.

    Returns
    -------
    matplotlib.axes.Axes
        Rows are features, columns groups; cells show the rate.
    """
    require(rates, ("feature", "n", "n_words"), "DiscourseFeatures.by_voice")
    group = _group_column(rates)
    data = rates.assign(group=_labels(rates[group]))
    totals = data.groupby(["feature", "group"], sort=False, observed=True).agg(
        n=("n", "sum"), n_words=("n_words", "first")
    )
    table = (totals["n"] / totals["n_words"] * 1000).unstack("group")
    ax = _axes(ax, height=5.5, width=max(6, 1.4 * table.shape[1] + 3))
    sns.heatmap(table, annot=True, fmt=".1f", cmap="Blues", cbar_kws={"label": "per 1,000"}, ax=ax)
    plt.setp(ax.get_xticklabels(), rotation=30, ha="right")
    ax.set(
        title=f"Discourse features per 1,000 words, by {_GROUP_NAMES[group]}",
        xlabel=_GROUP_NAMES[group],
        ylabel="feature",
    )
    return ax


def reporting(matches: pd.DataFrame, *, ax=None):
    """Who is reported with which verb: reporting verbs counted per source (sentence speaker).

    Parameters
    ----------
    matches : DataFrame
        ``DiscourseFeatures.matches`` (or ``.of("reporting")``).

    Returns
    -------
    matplotlib.axes.Axes
        A heatmap of counts, sources by verb lemma. "(no source)" is an impersonal frame
        ("It is believed that ...").
    """
    require(matches, ("feature", "term", "sentence_speaker"), "DiscourseFeatures.matches")
    data = matches[matches["feature"] == "reporting"]
    ax = _axes(ax)
    if data.empty:
        ax.text(0.5, 0.5, "no reporting verbs found", ha="center", transform=ax.transAxes)
    else:
        source = data["sentence_speaker"].astype("object")
        data = data.assign(source=source.where(source.notna(), "(no source)").astype(str))
        counts = data.groupby(["source", "term"]).size().unstack(fill_value=0)
        sns.heatmap(counts, annot=True, fmt="d", cmap="Oranges", cbar=False, linewidths=0.5, ax=ax)
        ax.tick_params(axis="y", rotation=0)
    ax.set(
        title="Reporting verbs and the sources they report",
        xlabel="reporting verb (lemma)",
        ylabel="source (the sentence's speaker)",
    )
    return ax


def actors_and_agents(matches: pd.DataFrame, *, top: int = 12, ax=None):
    """The most-mentioned actors, and how often each is placed as an agent.

    Parameters
    ----------
    matches : DataFrame
        ``DiscourseFeatures.matches`` with the ``actors`` and ``agents`` features.
    top : int
        How many actors to show, by number of mentions.

    Returns
    -------
    matplotlib.axes.Axes
        Paired horizontal bars: mentions and agent roles per actor (canonical name).
    """
    require(matches, ("feature", "term", "category"), "DiscourseFeatures.matches")
    data = matches[matches["feature"].isin(["actors", "agents"])]
    counts = data.groupby(["term", "feature"], observed=True).size().unstack(fill_value=0)
    counts = counts.reindex(columns=["actors", "agents"], fill_value=0)
    order = counts.sort_values(["actors", "agents"], ascending=False).head(top).index
    long = (
        counts.loc[order]
        .rename(columns={"actors": "mentioned", "agents": "as agent"})
        .reset_index()
        .melt(id_vars="term", var_name="role", value_name="n")
    )
    ax = _axes(ax, height=max(3.5, 0.4 * len(order) + 1.5))
    if long.empty:
        ax.text(0.5, 0.5, "no actors found", ha="center", transform=ax.transAxes)
    else:
        sns.barplot(data=long, y="term", x="n", hue="role", palette="Paired", ax=ax)
        ax.legend(title="", fontsize=8)
    ax.set(title=f"Top {top} actors: mentions and agent roles", xlabel="matches", ylabel="actor")
    return ax


def feature_map(sentences: pd.DataFrame, *, doc_id: str | None = None, ax=None):
    """A map of one document: matches of each feature in each sentence, voices along the top.

    Parameters
    ----------
    sentences : DataFrame
        ``DiscourseFeatures.sentences``.
    doc_id : str, optional
        The document to draw; None draws the first.

    Returns
    -------
    matplotlib.axes.Axes
        Heatmap, features by sentence; the tick labels give each sentence's id and voice.
    """
    require(sentences, ("doc_id", "sentence_id", "voice"), "DiscourseFeatures.sentences")
    doc_id = doc_id if doc_id is not None else sorted(sentences["doc_id"])[0]
    doc = sentences[sentences["doc_id"] == doc_id]
    skip = {"doc_id", "paragraph_id", "sentence_id", "voice", "speaker", "n_words", "text"}
    columns = [c for c in doc.columns if c not in skip]
    features = [f for f in FEATURES if any(c.startswith(f"{f}_") for c in columns)]
    totals = pd.DataFrame(
        {f: doc[[c for c in columns if c.startswith(f"{f}_")]].sum(axis=1) for f in features}
    )
    voices = doc["voice"].astype(str).str[0].str.upper()
    totals.index = [f"{s} {v}" for s, v in zip(doc["sentence_id"], voices, strict=True)]
    ax = _axes(ax, width=max(8, 0.28 * len(doc) + 3))
    sns.heatmap(totals.T, cmap="Greens", linewidths=0.3, cbar_kws={"label": "matches"}, ax=ax)
    ax.set(
        title=f"Where the features fall in {doc_id}",
        xlabel="sentence (A author, Q quote, R reported)",
        ylabel="feature",
    )
    return ax
