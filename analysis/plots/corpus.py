"""Corpus figures: document sizes, vocabulary growth, and who speaks how much.

Each function takes a table from :mod:`analysis.corpus.overview`, draws one titled, labelled seaborn
figure into one ``Axes`` (``ax``, or a new figure within the size cap of
:mod:`analysis.plots._base`) and returns it. They only draw: every number comes from the table
they are given. Voices keep the same colours in every figure (:data:`VOICE_COLOURS`).
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.collections import LineCollection

from analysis._checks import check_number
from analysis.plots._base import (
    MAX_LABELS,
    MAX_ROWS,
    VOICE_COLOURS,
    legend_outside,
    plain_text,
    require,
    row_height,
    set_title,
    shown,
)
from analysis.plots._base import axes as _axes

__all__ = [
    "VOICE_COLOURS",
    "document_sizes",
    "vocabulary_growth",
    "voice_by_document",
    "voice_shares",
]

_MEASURE_COLOURS = {"sentences": "#a9cce3", "words": "#1f618d"}
_TOTAL_ID = "(all)"  # analysis.corpus.overview.TOTAL_ID, not imported: plots depend on tables only


def _wrap(label: str, width: int = 32) -> str:
    return "\n".join(textwrap.wrap(label, width)) or label


def _voice_labels(shares: pd.DataFrame) -> pd.Series:
    """Labels such as "quote: Xi Jinping"; the author's own voice has no speaker."""
    speaker = shares["speaker"].astype("object")
    voice = shares["voice"].astype(str)
    named = voice + ": " + speaker.where(speaker.notna(), "own voice").astype(str)
    return named.map(_wrap).map(plain_text)


def document_sizes(summary: pd.DataFrame, *, ax=None, title: str | None = None, top=MAX_ROWS):
    """Words and types per document (bars), with the type/token ratio written beside them.

    Parameters
    ----------
    summary : pandas.DataFrame
        :func:`analysis.corpus_summary` output; its whole-corpus row is left out.
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.
    title : str, optional
        The figure's title.
    top : int, default 40
        Most documents drawn: past it, the ``top`` longest (ties by ``doc_id``), in ``doc_id``
        order, and the title says so.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        If ``summary`` lacks ``doc_id, n_words, n_types, ttr`` or ``top`` is not 1 to 40.
    """
    require(summary, ("doc_id", "n_words", "n_types", "ttr"), "analysis.corpus_summary(corpus)")
    check_number("top", top, minimum=1, maximum=MAX_ROWS, integer=True)
    docs = summary[summary["doc_id"] != _TOTAL_ID]
    chosen = docs.sort_values(["n_words", "doc_id"], ascending=[False, True]).head(top)
    chosen = chosen.sort_values("doc_id").assign(label=lambda d: d["doc_id"].map(plain_text))
    ax = _axes(ax, height=row_height(len(chosen), per_row=0.45))
    long = chosen.melt(
        id_vars="label", value_vars=["n_words", "n_types"], var_name="count", value_name="n"
    ).assign(count=lambda d: d["count"].map({"n_words": "words", "n_types": "types"}))
    sns.barplot(
        data=long,
        x="n",
        y="label",
        hue="count",
        palette={"words": "#1f618d", "types": "#a9cce3"},
        ax=ax,
    )
    longest = chosen["n_words"].max() if len(chosen) else 1
    for y, row in enumerate(chosen.itertuples()):
        ax.text(row.n_words + 0.01 * longest, y, f"TTR {row.ttr:.2f}", va="center", fontsize=8)
    ax.set(
        xlim=(0, longest * 1.18),
        xlabel="count (words: tokens that are words; types: distinct normalised words)",
        ylabel="document",
    )
    note = shown(len(chosen), len(docs), "documents", "the longest", source="corpus_summary")
    set_title(ax, title, "Size and vocabulary of each document" + note)
    legend_outside(ax, title=None)
    return ax


def vocabulary_growth(growth: pd.DataFrame, *, ax=None, title: str | None = None):
    """Type/token ratio after the first *n* words of each document: one line per document.

    Up to 12 documents each get a colour and a legend entry; more are drawn as thin grey lines
    without names (the table names them), so the figure stays legible and fast.

    Parameters
    ----------
    growth : pandas.DataFrame
        :func:`analysis.vocabulary_growth` output.
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.
    title : str, optional
        The figure's title.

    Returns
    -------
    matplotlib.axes.Axes
    """
    require(growth, ("doc_id", "n_words", "ttr"), "analysis.vocabulary_growth(corpus)")
    ax = _axes(ax)
    data = growth.sort_values(["doc_id", "n_words"], kind="stable")
    n_docs = data["doc_id"].nunique()
    if n_docs <= MAX_LABELS:
        sns.lineplot(
            data=data.assign(doc_id=data["doc_id"].map(plain_text)),
            x="n_words",
            y="ttr",
            hue="doc_id",
            estimator=None,
            ax=ax,
        )
        legend_outside(ax, title="document", title_fontsize=8)
        note = ""
    else:
        # one collection of lines, not one artist per document: drawing stays fast at any size
        lines = [
            np.column_stack([doc["n_words"], doc["ttr"]])
            for _, doc in data.groupby("doc_id", sort=True)
        ]
        ax.add_collection(LineCollection(lines, colors="#1f618d", linewidths=0.6, alpha=0.35))
        ax.set_xlim(0, max(1, data["n_words"].max()))
        note = f" ({n_docs} documents, one line each)"
    ax.set(
        ylim=(0, 1.05),
        xlabel="words read from the start of the document",
        ylabel="type/token ratio (types ÷ words)",
    )
    set_title(ax, title, "The type/token ratio falls as a text gets longer" + note)
    return ax


def voice_shares(shares: pd.DataFrame, *, ax=None, title: str | None = None, top=MAX_ROWS // 2):
    """Share of the corpus's sentences and words per voice and speaker (paired bars).

    Parameters
    ----------
    shares : pandas.DataFrame
        :func:`analysis.voice_shares` output with ``by="corpus"``.
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.
    title : str, optional
        The figure's title.
    top : int, default 20
        Most voice-and-speaker rows drawn: past it, those with the largest share of words (ties by
        name), and the title says so.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        For a per-document table (draw it with :func:`voice_by_document`), a table without the
        share columns, or ``top`` not 1 to 20.
    """
    source = 'analysis.voice_shares(corpus, by="corpus")'
    require(shares, ("voice", "speaker", "share_sentences", "share_words"), source)
    check_number("top", top, minimum=1, maximum=MAX_ROWS // 2, integer=True)
    if "doc_id" in shares.columns:
        raise ValueError(
            f"shares are per document; pass {source}, or draw these with voice_by_document()"
        )
    labelled = shares.assign(label=_voice_labels(shares))
    chosen = labelled.sort_values(["share_words", "label"], ascending=[False, True]).head(top)
    chosen = labelled.loc[labelled.index.isin(chosen.index)]  # keep the table's voice order
    ax = _axes(ax, height=row_height(len(chosen), per_row=0.55, extra=1.2, least=3.0))
    long = chosen.melt(
        id_vars="label",
        value_vars=["share_sentences", "share_words"],
        var_name="measure",
        value_name="share",
    )
    long["measure"] = long["measure"].str.removeprefix("share_")
    sns.barplot(data=long, x="share", y="label", hue="measure", palette=_MEASURE_COLOURS, ax=ax)
    for container in ax.containers:
        ax.bar_label(container, fmt="{:.0%}", padding=2, fontsize=7)
    ax.set(
        xlim=(0, min(1.0, long["share"].max() * 1.15 + 0.05)),
        xlabel="share of the corpus",
        ylabel="voice: speaker",
    )
    ax.xaxis.set_major_formatter(lambda x, _: f"{x:.0%}")
    note = shown(len(chosen), len(shares), "speakers", "the largest", source="voice_shares")
    set_title(ax, title, "Who speaks how much: share of sentences and of words" + note)
    legend_outside(ax, title=None)
    return ax


def voice_by_document(shares: pd.DataFrame, *, ax=None, title: str | None = None):
    """Stacked bars: the share of each document's words in each voice.

    Every document is drawn, in ``doc_id`` order, in a figure of bounded height; past 40
    documents the bars get thinner and carry no names (the table has them).

    Parameters
    ----------
    shares : pandas.DataFrame
        :func:`analysis.voice_shares` output with ``by="document"``; speakers of the
        same voice are added up.
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.
    title : str, optional
        The figure's title.

    Returns
    -------
    matplotlib.axes.Axes
    """
    source = 'analysis.voice_shares(corpus, by="document")'
    require(shares, ("doc_id", "voice", "share_words"), source)
    table = (
        shares.assign(voice=shares["voice"].astype(str))
        .pivot_table(index="doc_id", columns="voice", values="share_words", aggfunc="sum")
        .reindex(columns=list(VOICE_COLOURS), fill_value=0.0)
        .fillna(0.0)
        .sort_index()
    )
    ax = _stacked_voices(ax, table, list(VOICE_COLOURS), ylabel="document")
    set_title(ax, title, "Whose words: author, quoted and reported speech per document")
    return ax


def _stacked_voices(ax, table: pd.DataFrame, columns, *, ylabel: str):
    """Horizontal stacked bars of voice shares (``columns`` in voice order), one row per document.

    Every document is drawn; past :data:`MAX_ROWS` the rows are too thin to name, so the axis
    says so instead of printing overlapping names.
    """
    many = len(table) > MAX_ROWS
    ax = _axes(ax, height=8 if many else row_height(len(table), per_row=0.5, extra=1.2))
    positions = np.arange(len(table))
    left = np.zeros(len(table))
    for voice, column in zip(VOICE_COLOURS, columns, strict=True):
        values = table[column].fillna(0.0).to_numpy(dtype=float)
        if not many:
            ax.barh(positions, values, left=left, color=VOICE_COLOURS[voice], label=voice)
        else:  # one band per voice instead of a bar per document: fast and gap-free
            ax.fill_betweenx(positions, left, left + values, step="mid", color=VOICE_COLOURS[voice],
                             label=voice, linewidth=0)  # fmt: skip
        left = left + values
    if not many:
        ax.set_yticks(positions, [plain_text(i) for i in table.index])
    else:
        ax.set_yticks([])
        ylabel = f"{ylabel}: {len(table)}, too many to name (the table has them)"
    ax.set(xlabel="share of the document's words", ylabel=ylabel)
    ax.set_ylim(len(table) - 0.5, -0.5)  # the first document on top
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(lambda x, _: f"{x:.0%}")
    legend_outside(ax, title="voice")
    return ax
