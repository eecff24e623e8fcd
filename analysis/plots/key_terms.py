"""Key-term figures: top terms, term profiles, keyness, collocates and a dispersion barcode.

Each function takes a table from the key-term modules (:mod:`analysis.keyterms.frequency`,
:mod:`analysis.keyterms.keyness`, :mod:`analysis.keyterms.collocations`,
:mod:`analysis.keyterms.dispersion`), draws one titled, labelled seaborn figure into one ``Axes``
(``ax``, or a new figure within the size cap of :mod:`analysis.plots._base`) and returns it. They
only draw: every number comes from the table they are given, except the barcode, which reads word
positions from the token table. Voices keep the colours of the corpus figures, and every bar
carries the raw count it stands on.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
import seaborn as sns

from analysis._checks import check_number
from analysis.plots._base import (
    MAX_GROUPS,
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
_BAR = "#1f618d"


def _nothing_to_show(ax, title: str, why: str):
    """An empty, titled figure that says why, so a notebook still runs on a small corpus."""
    ax.text(0.5, 0.5, why, ha="center", va="center", transform=ax.transAxes)
    ax.set(xticks=[], yticks=[])
    ax.set_title(plain_text(title))
    return ax


def _group_colours(by: str, groups: Iterable[str]) -> dict:
    groups = list(groups)
    if by == "voice":
        return {g: VOICE_COLOURS.get(g, _BAR) for g in groups}
    return dict(zip(groups, sns.color_palette("colorblind", len(groups)).as_hex(), strict=True))


def top_terms(
    freq: pd.DataFrame,
    *,
    ax=None,
    title: str | None = None,
    top: int = 15,
    by: str | None = None,
):
    """Bars of the most frequent terms (per 10,000 words), one block of bars per group if ``by``.

    Parameters
    ----------
    freq : pandas.DataFrame
        :func:`analysis.frequencies` output (``by`` as given there).
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.
    title : str, optional
        The figure's title.
    top : int, default 15
        Terms per group, in the table's order (count, then term).
    by : {"voice", "speaker", "document"}, optional
        The level ``freq`` is grouped by. Groups share one x axis; at most 6 are drawn, those with
        the most words (ties by name), and the title says when some are left out.

    Returns
    -------
    matplotlib.axes.Axes
        Each bar is labelled with its raw count ``n``.

    Raises
    ------
    ValueError
        If ``freq`` lacks ``term, n, per_10k`` (or the ``by`` column), ``by`` is not a level, or
        ``top`` is not 1 to 40.
    """
    column = group_column(by) if by is not None else None
    source = "analysis.frequencies(tokens" + (f", by={by!r})" if by else ")")
    require(freq, ["term", "n", "per_10k", *([column] if column else [])], source)
    check_number("top", top, minimum=1, maximum=MAX_ROWS, integer=True)
    note = ""
    if column is None:
        table = freq.head(top).assign(group="all", colour=_BAR)
    else:
        named = freq.assign(group=group_labels(freq[column]).astype(str))
        sizes = (
            named["n_words"] if "n_words" in named else named.groupby("group")["n"].transform("sum")
        )
        keep = largest_groups(named, "group", sizes, MAX_GROUPS)
        colours = _group_colours(by, keep)
        table = (
            named[named["group"].isin(keep)]
            .assign(order=lambda d: d["group"].map({g: i for i, g in enumerate(keep)}))
            .sort_values("order", kind="stable")
            .groupby("group", sort=False)
            .head(top)
        )
        table = table.assign(colour=table["group"].map(colours))
        note = shown(len(keep), named["group"].nunique(), f"{by}s", "the largest")
    rows = len(table) + (table["group"].nunique() if column else 0)
    ax = _axes(ax, height=row_height(rows, per_row=0.24))
    if table.empty:
        return _nothing_to_show(ax, title or "Top terms", "no term to show")
    if column is None:
        positions = np.arange(len(table))
        bars = ax.barh(positions, table["per_10k"], color=_BAR, height=0.75)
        ax.set_yticks(positions, [plain_text(t) for t in table["term"]])
        ax.set_ylim(len(table) - 0.5, -0.5)
    else:
        bars = blocks(ax, table, group="group", label="term", value="per_10k", colour="colour")
    ax.bar_label(bars, labels=[f"{n:,}" for n in table["n"]], padding=2, fontsize=7)
    ax.set_xlim(0, table["per_10k"].max() * 1.12)
    ax.set(xlabel="occurrences per 10,000 words (bar labels: count)", ylabel="")
    set_title(ax, title, f"Top {top} terms" + (f" by {by}" if by else "") + note)
    return ax


def term_profile(
    freq: pd.DataFrame,
    *,
    terms: Iterable[str],
    ax=None,
    title: str | None = None,
    by: str = "voice",
):
    """Grouped bars of chosen terms' rates per 10,000 words by ``by`` (e.g. pronouns by voice).

    Terms absent from a group are drawn as 0, so the absence is visible; terms absent from the
    whole table are left out and named in the x label.

    Parameters
    ----------
    freq : pandas.DataFrame
        :func:`analysis.frequencies` output grouped by ``by``.
    terms : iterable of str
        The terms to compare (at most 40).
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.
    title : str, optional
        The figure's title.
    by : {"voice", "speaker", "document"}, default "voice"
        The level ``freq`` is grouped by; at most 6 groups are drawn, those with the most words.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        If ``freq`` lacks ``term, per_10k`` or the ``by`` column, or more than 40 terms are given.
    """
    column = group_column(by)
    require(freq, ["term", "per_10k", column], f"analysis.frequencies(tokens, by={by!r})")
    terms = list(dict.fromkeys(terms))
    check_number("len(terms)", len(terms), minimum=1, maximum=MAX_ROWS, integer=True)
    named = freq.assign(group=group_labels(freq[column]).astype(str))
    sizes = named["n_words"] if "n_words" in named else named["per_10k"] * 0
    groups = largest_groups(named, "group", sizes, MAX_GROUPS)
    present = [t for t in terms if t in set(named["term"])]
    missing = [t for t in terms if t not in present]
    full = pd.MultiIndex.from_product([groups, present], names=["group", "term"])
    table = (
        full.to_frame(index=False)
        .merge(named[["group", "term", "per_10k"]], on=["group", "term"], how="left")
        .fillna({"per_10k": 0.0})
    )
    ax = _axes(ax, width=min(16, max(8, 0.6 * len(present) * max(1, len(groups) / 3))))
    if table.empty:
        return _nothing_to_show(ax, title or "Chosen terms", "none of the terms occurs")
    sns.barplot(
        data=table.assign(term=table["term"].map(plain_text)),
        x="term",
        y="per_10k",
        hue="group",
        hue_order=groups,
        palette=_group_colours(by, groups),
        ax=ax,
    )
    xlabel = "" if not missing else "not in the text: " + ", ".join(map(plain_text, missing))
    ax.set(xlabel=xlabel, ylabel="occurrences per 10,000 words")
    note = shown(len(groups), named["group"].nunique(), f"{by}s", "the largest")
    set_title(ax, title, f"Chosen terms by {by}" + note)
    legend_outside(ax, title=by)
    return ax


def keyness_plot(
    result: pd.DataFrame,
    *,
    ax=None,
    title: str | None = None,
    top: int = 12,
    alpha: float = 0.05,
):
    """Effect size with significance marked: log ratio of the top terms in each direction.

    Parameters
    ----------
    result : pandas.DataFrame
        :func:`analysis.keyness` output; its order decides which terms are "top".
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.
    title : str, optional
        The figure's title.
    top : int, default 12
        Terms drawn in each direction (1 to 20).
    alpha : float, default 0.05
        Bars with ``p_adjusted < alpha`` are dark, the others pale.

    Returns
    -------
    matplotlib.axes.Axes
        Bars show ``log_ratio`` (Hardie 2014; +1 = twice as frequent in the target); labels give
        the raw counts ``target / reference``.

    Raises
    ------
    ValueError
        If ``result`` lacks the keyness columns, ``top`` is not 1 to 20 or ``alpha`` not in
        (0, 1].

    References
    ----------
    Hardie, A. (2014). Log Ratio: an informal introduction. ESRC Centre for Corpus Approaches to
    Social Science (CASS).
    """
    require(
        result, ["term", "log_ratio", "p_adjusted", "n_target", "n_reference", "more_in"],
        "analysis.keyness(target, reference)",
    )  # fmt: skip
    check_number("top", top, minimum=1, maximum=MAX_ROWS // 2, integer=True)
    check_number("alpha", alpha, minimum=0, maximum=1, exclusive=True)
    title = "Keyness: effect size, significance marked" if title is None else title
    over = result[result["more_in"] == "target"].head(top)
    under = result[result["more_in"] == "reference"].tail(top)
    table = pd.concat([over, under]).sort_values(
        ["log_ratio", "term"], ascending=[False, True], kind="stable"
    )
    ax = _axes(ax, height=row_height(len(table)))
    if table.empty:
        return _nothing_to_show(ax, title, "no term passed min_count")
    significant = np.where(table["p_adjusted"] < alpha, "significant", "not significant")
    table = table.assign(
        where=table["more_in"].astype(str) + ", " + significant,
        label=table["term"].map(plain_text) + "  (" + _count(table["n_target"]) + " / "
        + _count(table["n_reference"]) + ")",
    )  # fmt: skip
    sns.barplot(
        data=table, x="log_ratio", y="label", hue="where", palette=_DIRECTION_COLOURS,
        hue_order=[k for k in _DIRECTION_COLOURS if k in set(table["where"])], dodge=False, ax=ax,
    )  # fmt: skip
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set(
        xlabel="log ratio (log2 of relative-frequency ratio; +1 = twice as frequent in target)",
        ylabel="term (count in target / reference)",
    )
    set_title(ax, title, title)
    legend_outside(ax, title=f"more frequent in,\nBH-adjusted p < {alpha}")
    return ax


def collocates_plot(
    result: pd.DataFrame,
    *,
    ax=None,
    title: str | None = None,
    measure: str = "log_dice",
    top: int = 15,
):
    """The top collocates by an association measure: one point each, with its count.

    Points rather than bars, on an axis fitted to the values: measures such as logDice sit in a
    narrow band far from 0 (Rychlý 2008), where bars from 0 would hide the differences.

    Parameters
    ----------
    result : pandas.DataFrame
        :func:`analysis.collocates` or :func:`analysis.collocations` output.
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.
    title : str, optional
        The figure's title.
    measure : str, default "log_dice"
        The column to rank and draw.
    top : int, default 15
        Collocates drawn (1 to 40), highest first (ties by term).

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        If ``result`` lacks ``term, n`` or the measure, or ``top`` is not 1 to 40.

    References
    ----------
    Rychlý, P. (2008). A lexicographer-friendly association score. RASLAN 2008, 6-9.
    """
    require(result, ["term", "n", measure], "analysis.collocates(...) or collocations(...)")
    check_number("top", top, minimum=1, maximum=MAX_ROWS, integer=True)
    title = f"Top collocates by {measure}" if title is None else title
    table = result.sort_values([measure, "term"], ascending=[False, True], kind="stable").head(top)
    ax = _axes(ax, height=row_height(len(table)))
    if table.empty:
        return _nothing_to_show(ax, title, "no collocate passed min_count")
    labels = table["term"].map(plain_text) + "  (" + table["n"].astype(str) + ")"
    positions = np.arange(len(table))
    values = table[measure].to_numpy(dtype=float)
    ax.hlines(positions, values.min(), values, color="#a9cce3", linewidth=1)
    ax.plot(values, positions, "o", color=_BAR)
    spread = values.max() - values.min()
    pad = 0.08 * spread if spread else 0.5
    ax.set_xlim(values.min() - pad, values.max() + pad)
    ax.set_yticks(positions, labels)
    ax.set_ylim(len(table) - 0.5, -0.5)
    ax.set(xlabel=f"{measure} (axis fitted to the values)", ylabel="collocate (co-occurrences)")
    set_title(ax, title, title)
    return ax


def dispersion_barcode(
    tokens: pd.DataFrame,
    *,
    terms: Iterable[str],
    ax=None,
    title: str | None = None,
    dispersion: pd.DataFrame | None = None,
):
    """A "barcode" of where chosen terms occur: one tick per occurrence along the text.

    The x axis is the running word position through the corpus (documents in ``doc_id`` order,
    boundaries dotted when there are at most 40 documents); each row is a term. Terms that never
    occur are left out and named in the x label.

    Parameters
    ----------
    tokens : pandas.DataFrame
        ``corpus.tokens``.
    terms : iterable of str
        The terms to locate (lower-cased; at most 40).
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.
    title : str, optional
        The figure's title.
    dispersion : pandas.DataFrame, optional
        :func:`analysis.dispersion` output, to print each term's DP (Gries 2008) beside it.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        If ``tokens`` lacks ``doc_id, token_id, norm, is_word`` or more than 40 terms are given.

    References
    ----------
    Gries, S. Th. (2008). Dispersions and adjusted frequencies in corpora. International Journal
    of Corpus Linguistics 13(4), 403-437.
    """
    require(tokens, ["doc_id", "token_id", "norm", "is_word"], "corpus.tokens")
    if dispersion is not None:
        require(dispersion, ["term", "dp"], "analysis.dispersion(tokens, terms)")
    terms = list(dict.fromkeys(t.lower() for t in terms))
    check_number("len(terms)", len(terms), minimum=1, maximum=MAX_ROWS, integer=True)
    words = tokens[tokens["is_word"].to_numpy(dtype=bool)].sort_values(
        ["doc_id", "token_id"], kind="stable"
    )
    hits = words.assign(position=np.arange(len(words)))[words["norm"].isin(terms).to_numpy()]
    present = [t for t in terms if t in set(hits["norm"])]
    missing = [t for t in terms if t not in present]
    dp = {} if dispersion is None else dict(zip(dispersion["term"], dispersion["dp"], strict=True))
    names = [
        plain_text(f"{t} (DP {dp[t]:.2f})" if t in dp and pd.notna(dp[t]) else t) for t in present
    ]
    ax = _axes(ax, height=row_height(len(present), per_row=0.5, extra=1.0, least=2.0))
    for row, term in enumerate(present):
        x = hits.loc[hits["norm"] == term, "position"]
        ax.vlines(x, row - 0.4, row + 0.4, color=_BAR, linewidth=1)
    doc_ids = words["doc_id"].to_numpy()
    starts = np.flatnonzero(doc_ids[1:] != doc_ids[:-1]) + 0.5
    if len(starts) < MAX_ROWS:
        ax.vlines(starts, -0.5, max(len(present), 1) - 0.5, color="grey", linestyle=":", lw=0.8)
    ax.set_yticks(range(len(present)), names)
    ax.set_ylim(max(len(present), 1) - 0.5, -0.5)
    ax.set_xlim(0, max(len(words), 1))
    boundaries = "dotted lines: document boundaries" if len(starts) < MAX_ROWS else (
        f"{len(starts) + 1} documents in id order"
    )  # fmt: skip
    xlabel = f"word position in the corpus ({boundaries})"
    if missing:
        xlabel += "\nnot in the text: " + ", ".join(map(plain_text, missing))
    ax.set(xlabel=xlabel)
    set_title(ax, title, "Where the terms occur")
    return ax


def _count(values: pd.Series) -> pd.Series:
    """Counts as integers when they are whole numbers (general-English counts are scaled)."""
    values = values.astype(float)
    whole = np.isclose(values, values.round())
    return pd.Series(
        np.where(whole, values.round().astype(np.int64).astype(str), values.round(1).astype(str)),
        index=values.index,
    )
