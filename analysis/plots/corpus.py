"""Corpus figures: document sizes, vocabulary growth, and who speaks how much.

Each function takes a table from :mod:`analysis.corpus.overview`, draws one titled, labelled seaborn
figure and returns its ``Axes``. They only draw: every number comes from the table they are
given. Voices keep the same colours in every figure.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import seaborn as sns

from analysis.plots._base import axes as _axes
from analysis.plots._base import plain, require

__all__ = [
    "VOICE_COLOURS",
    "document_sizes",
    "vocabulary_growth",
    "voice_by_document",
    "voice_shares",
]

#: One colour per voice, shared by every corpus figure.
VOICE_COLOURS = {"author": "#7f8c8d", "quote": "#d35400", "reported": "#2874a6"}
_MEASURE_COLOURS = {"sentences": "#a9cce3", "words": "#1f618d"}
_TOTAL_ID = "(all)"  # analysis.corpus.overview.TOTAL_ID, not imported: plots depend on tables only


def _wrap(label: str, width: int = 32) -> str:
    return "\n".join(textwrap.wrap(label, width)) or label


def _voice_labels(shares: pd.DataFrame) -> pd.Series:
    """ "quote: Xi Jinping"; the author's own voice has no speaker."""
    speaker = shares["speaker"].astype("object")
    voice = shares["voice"].astype(str)
    labels = voice + ": " + speaker.where(speaker.notna(), "own voice").astype(str)
    return labels.map(_wrap).map(plain)


def document_sizes(summary: pd.DataFrame, *, ax=None):
    """Words and types per document (bars), with the type/token ratio written beside them.

    Parameters
    ----------
    summary : pandas.DataFrame
        :func:`analysis.corpus_summary` output; its whole-corpus row is left out.
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.

    Returns
    -------
    matplotlib.axes.Axes
    """
    require(summary, ("doc_id", "n_words", "n_types", "ttr"), "analysis.corpus_summary")
    docs = summary[summary["doc_id"] != _TOTAL_ID]
    ax = _axes(ax, height=max(2.5, 1.0 + 0.7 * len(docs)))
    long = docs.melt(
        id_vars="doc_id", value_vars=["n_words", "n_types"], var_name="count", value_name="n"
    ).assign(count=lambda d: d["count"].map({"n_words": "words", "n_types": "types"}))
    sns.barplot(
        data=long,
        x="n",
        y="doc_id",
        hue="count",
        palette={"words": "#1f618d", "types": "#a9cce3"},
        ax=ax,
    )
    top = docs["n_words"].max()
    for y, row in enumerate(docs.itertuples()):
        ax.text(row.n_words + 0.01 * top, y, f"TTR {row.ttr:.2f}", va="center", fontsize=8)
    ax.set(
        xlim=(0, top * 1.18),
        xlabel="count (words: tokens that are words; types: distinct normalised words)",
        ylabel="document",
        title="Size and vocabulary of each document",
    )
    ax.legend(title=None, loc="lower right", fontsize=8)
    return ax


def vocabulary_growth(growth: pd.DataFrame, *, ax=None):
    """Type/token ratio after the first *n* words of each document: one line per document.

    Parameters
    ----------
    growth : pandas.DataFrame
        :func:`analysis.vocabulary_growth` output.
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.

    Returns
    -------
    matplotlib.axes.Axes
    """
    require(growth, ("doc_id", "n_words", "ttr"), "analysis.vocabulary_growth")
    ax = _axes(ax)
    n_docs = growth["doc_id"].nunique()
    sns.lineplot(
        data=growth,
        x="n_words",
        y="ttr",
        hue="doc_id",
        estimator=None,
        legend=n_docs <= 12,
        ax=ax,
    )
    ax.set(
        ylim=(0, 1.05),
        xlabel="words read from the start of the document",
        ylabel="type/token ratio (types ÷ words)",
        title="The type/token ratio falls as a text gets longer",
    )
    if n_docs <= 12:
        ax.legend(title="document", fontsize=8, title_fontsize=8)
    return ax


def voice_shares(shares: pd.DataFrame, *, ax=None):
    """Share of the corpus's sentences and words per voice and speaker (paired bars).

    Parameters
    ----------
    shares : pandas.DataFrame
        :func:`analysis.voice_shares` output with ``by="corpus"``.
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        For a per-document table (draw it with :func:`voice_by_document`).
    """
    source = 'analysis.voice_shares(corpus, by="corpus")'
    require(shares, ("voice", "speaker", "share_sentences", "share_words"), source)
    if "doc_id" in shares.columns:
        raise ValueError(
            f"shares are per document; pass {source}, or draw these with voice_by_document()"
        )
    ax = _axes(ax, height=max(3.0, 1.2 + 0.55 * len(shares)))
    long = shares.assign(label=_voice_labels(shares)).melt(
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
        title="Who speaks how much: share of sentences and of words",
    )
    ax.xaxis.set_major_formatter(lambda x, _: f"{x:.0%}")
    ax.legend(title=None, loc="lower right", fontsize=8)
    return ax


def voice_by_document(shares: pd.DataFrame, *, ax=None):
    """Stacked bars: the share of each document's words in each voice.

    Parameters
    ----------
    shares : pandas.DataFrame
        :func:`analysis.voice_shares` output with ``by="document"``; speakers of the
        same voice are added up.
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.

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
    )
    ax = _axes(ax, height=max(2.5, 1.2 + 0.5 * len(table)))
    left = pd.Series(0.0, index=table.index)
    for voice, colour in VOICE_COLOURS.items():
        ax.barh(table.index, table[voice], left=left, color=colour, label=voice)
        left = left + table[voice]
    ax.invert_yaxis()  # documents read top to bottom in id (date) order
    ax.set(
        xlim=(0, 1),
        xlabel="share of the document's words",
        ylabel="document",
        title="Whose words: author, quoted and reported speech per document",
    )
    ax.xaxis.set_major_formatter(lambda x, _: f"{x:.0%}")
    ax.legend(title="voice", loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
    return ax
