"""Key-term figures: top terms, term profiles, keyness, collocates and a dispersion barcode.

Each function takes a table from the key-term modules (:mod:`analysis.keyterms.frequency`,
:mod:`analysis.keyterms.keyness`, :mod:`analysis.keyterms.collocations`,
:mod:`analysis.keyterms.dispersion`), draws one
titled, labelled seaborn figure and returns its ``Axes`` (or ``FacetGrid``). They only draw:
every number comes from the table they are given, except the barcode, which reads word
positions from the token table. Voices keep the colours of the corpus figures.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
import seaborn as sns

from analysis.plots._base import axes as _axes
from analysis.plots._base import require
from analysis.plots.corpus import VOICE_COLOURS

__all__ = [
    "collocates_plot",
    "dispersion_barcode",
    "keyness_plot",
    "term_profile",
    "top_terms",
]

_DIRECTION_COLOURS = {
    "target, significant": "#c0392b",
    "target, not significant": "#f5b7b1",
    "reference, significant": "#1f618d",
    "reference, not significant": "#a9cce3",
}


def _nothing_to_show(title: str, why: str):
    """An empty, titled figure that says why, so a notebook still runs on a small corpus."""
    ax = _axes(None, height=2.0)
    ax.text(0.5, 0.5, why, ha="center", va="center", transform=ax.transAxes)
    ax.set(title=title, xticks=[], yticks=[])
    return ax


def top_terms(freq: pd.DataFrame, *, top: int = 15, by: str | None = None, title: str = ""):
    """Bar chart of the most frequent terms (per 10,000 words), one panel per group if ``by``.

    ``freq`` is a :func:`analysis.frequencies` table; returns the seaborn ``FacetGrid``.
    """
    require(freq, ["term", "per_10k", *([by] if by else [])], "analysis.frequencies(...)")
    table = freq.groupby(by, observed=True).head(top) if by else freq.head(top)
    palette = VOICE_COLOURS if by == "voice" else None
    grid = sns.catplot(
        data=table.astype({by: str}) if by else table,
        x="per_10k",
        y="term",
        col=by,
        hue=by,
        palette=palette,
        kind="bar",
        sharey=False,
        height=max(3.0, 0.28 * top),
        aspect=0.9,
        legend=False,
        color=None if by else "#1f618d",
    )
    grid.set_axis_labels("occurrences per 10,000 words", "")
    if by:
        grid.set_titles(f"{by} = {{col_name}}")
    grid.figure.suptitle(title or f"Top {top} terms", y=1.03)
    return grid


def term_profile(freq: pd.DataFrame, terms: Iterable[str], *, by: str = "voice", title: str = ""):
    """Grouped bars of chosen terms' rates per 10,000 words by ``by`` (e.g. pronouns by voice).

    Terms absent from a group are drawn as 0, so the absence is visible.
    """
    require(freq, ["term", "per_10k", by], f"analysis.frequencies(tokens, by={by!r})")
    terms = list(terms)
    groups = freq[by].astype(str).unique()
    full = pd.MultiIndex.from_product([groups, terms], names=[by, "term"]).to_frame(index=False)
    table = full.merge(
        freq.astype({by: str})[[by, "term", "per_10k"]], on=[by, "term"], how="left"
    ).fillna({"per_10k": 0.0})
    ax = _axes(None)
    palette = VOICE_COLOURS if by == "voice" else None
    sns.barplot(data=table, x="term", y="per_10k", hue=by, palette=palette, ax=ax)
    ax.set(xlabel="", ylabel="occurrences per 10,000 words", title=title or f"Chosen terms by {by}")
    return ax


def keyness_plot(result: pd.DataFrame, *, top: int = 12, alpha: float = 0.05, title: str = ""):
    """Effect size with significance marked: log ratio of the top terms in each direction.

    Bars show ``log_ratio`` (Hardie 2014; +1 = twice as frequent in the target); dark bars have
    ``p_adjusted < alpha``, pale ones do not; labels give the raw counts ``target / reference``.
    ``result`` is an :func:`analysis.keyness` table (its order decides which terms are "top").
    """
    require(
        result, ["term", "log_ratio", "p_adjusted", "n_target", "n_reference", "more_in"],
        "analysis.keyness(...)",
    )  # fmt: skip
    title = title or "Keyness: effect size, significance marked"
    if result.empty:
        return _nothing_to_show(title, "no term passed min_count")
    over = result[result["more_in"] == "target"].head(top)
    under = result[result["more_in"] == "reference"].tail(top)
    table = pd.concat([over, under]).sort_values("log_ratio", ascending=False, kind="stable")
    significant = np.where(table["p_adjusted"] < alpha, "significant", "not significant")
    table = table.assign(
        where=table["more_in"] + ", " + significant,
        label=table["term"] + "  (" + _count(table["n_target"]) + " / "
        + _count(table["n_reference"]) + ")",
    )  # fmt: skip
    ax = _axes(None, height=max(3.0, 0.3 * len(table)))
    sns.barplot(
        data=table, x="log_ratio", y="label", hue="where", palette=_DIRECTION_COLOURS,
        dodge=False, ax=ax,
    )  # fmt: skip
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set(
        xlabel="log ratio (log2 of relative-frequency ratio; +1 = twice as frequent in target)",
        ylabel="term (count in target / reference)",
        title=title,
    )
    ax.legend(title=f"more frequent in, BH-adjusted p < {alpha}", fontsize="small")
    return ax


def collocates_plot(result: pd.DataFrame, *, measure: str = "log_dice", top: int = 15, title=""):
    """Horizontal bars of an association measure for the top collocates, with their counts."""
    require(result, ["term", "n", measure], "analysis.collocates(...) or collocations(...)")
    title = title or f"Top by {measure}"
    if result.empty:
        return _nothing_to_show(title, "no collocate passed min_count")
    table = result.sort_values(measure, ascending=False, kind="stable").head(top)
    table = table.assign(label=table["term"] + "  (" + table["n"].astype(str) + ")")
    ax = _axes(None, height=max(3.0, 0.3 * len(table)))
    sns.barplot(data=table, x=measure, y="label", color="#1f618d", ax=ax)
    ax.set(xlabel=measure, ylabel="collocate (co-occurrences)", title=title)
    return ax


def dispersion_barcode(
    tokens: pd.DataFrame,
    terms: Iterable[str],
    *,
    dispersion: pd.DataFrame | None = None,
    title: str = "",
):
    """A "barcode" of where chosen terms occur: one tick per occurrence along the text.

    The x axis is the running word position through the corpus (documents in ``doc_id`` order,
    boundaries dotted); each row is a term. Pass a :func:`analysis.dispersion` table to print
    each term's DP beside its name.
    """
    require(tokens, ["doc_id", "token_id", "norm", "is_word"], "corpus.tokens")
    terms = [t.lower() for t in terms]
    words = tokens[tokens["is_word"].to_numpy(dtype=bool)].sort_values(
        ["doc_id", "token_id"], kind="stable"
    )
    position = np.arange(len(words))
    hits = words.assign(position=position)[words["norm"].isin(terms).to_numpy()]
    dp = {} if dispersion is None else dict(zip(dispersion["term"], dispersion["dp"], strict=True))
    names = {t: f"{t} (DP {dp[t]:.2f})" if t in dp and pd.notna(dp[t]) else t for t in terms}
    ax = _axes(None, height=max(2.0, 0.5 * len(terms) + 1))
    for row, term in enumerate(terms):
        x = hits.loc[hits["norm"] == term, "position"]
        ax.vlines(x, row - 0.4, row + 0.4, color="#1f618d", linewidth=1)
    starts = np.flatnonzero(words["doc_id"].to_numpy()[1:] != words["doc_id"].to_numpy()[:-1])
    for x in starts + 0.5:
        ax.axvline(x, color="grey", linestyle=":", linewidth=0.8)
    ax.set_yticks(range(len(terms)), [names[t] for t in terms])
    ax.set_ylim(len(terms) - 0.5, -0.5)
    ax.set_xlim(0, max(len(words), 1))
    ax.set(
        xlabel="word position in the corpus (dotted lines: document boundaries)",
        title=title or "Where the terms occur",
    )
    return ax


def _count(values: pd.Series) -> pd.Series:
    """Counts as integers when they are whole numbers (general-English counts are scaled)."""
    values = values.astype(float)
    whole = np.isclose(values, values.round())
    return pd.Series(
        np.where(whole, values.round().astype(np.int64).astype(str), values.round(1).astype(str)),
        index=values.index,
    )
