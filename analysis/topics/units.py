"""What a topic model reads: the units to model, the ones too short to model, who speaks in each."""

from typing import Literal

import numpy as np
import pandas as pd

from analysis._checks import check_columns, check_corpus, check_number, check_option
from analysis.topics._vectorize import content_words

VOICES = ["author", "quote", "reported"]


def voice_by_unit(tokens: pd.DataFrame, *, unit=("doc_id", "paragraph_id")) -> pd.DataFrame:
    """Share of each unit's words in each voice, to set topics beside who is speaking.

    Parameters
    ----------
    tokens : pandas.DataFrame
        ``corpus.tokens`` (needs the ``unit`` columns, ``is_word`` and ``voice``).
    unit : sequence of str
        The id columns of the modelled units: ``("doc_id", "paragraph_id")`` for paragraphs,
        ``("doc_id",)`` for documents.

    Returns
    -------
    pandas.DataFrame
        ``*unit, n_words, share_author, share_quote, share_reported``, sorted by ``unit``.

    Examples
    --------
    >>> tokens = pd.DataFrame({"doc_id": ["d"] * 4, "paragraph_id": [1, 1, 1, 2],
    ...                        "is_word": [True, True, False, True],
    ...                        "voice": ["author", "quote", "quote", "reported"]})
    >>> voice_by_unit(tokens)[["paragraph_id", "n_words", "share_quote"]].to_dict("list")
    {'paragraph_id': [1, 2], 'n_words': [2, 1], 'share_quote': [0.5, 0.0]}
    """
    unit = list(unit)
    check_columns(tokens, [*unit, "is_word", "voice"], source="corpus.tokens")
    words = tokens.loc[tokens["is_word"], [*unit, "voice"]]
    counts = pd.crosstab([words[c] for c in unit], words["voice"].astype(str))
    counts = counts.reindex(columns=VOICES, fill_value=0)
    shares = counts.div(counts.sum(axis=1), axis=0).add_prefix("share_")
    table = shares.assign(n_words=counts.sum(axis=1)).reset_index().rename_axis(columns=None)
    return table[[*unit, "n_words", *shares.columns]]


Unit = Literal["auto", "paragraphs", "documents"]


def modelling_units(
    corpus, *, unit: Unit = "auto", min_documents: int = 20, min_words: int = 3
) -> pd.DataFrame:
    """The table to model: the corpus's documents, or its paragraphs, without the too short ones.

    Topic models need many units. ``"auto"`` takes documents when the corpus has at least
    ``min_documents`` of them (each document is then one mixture of themes), and paragraphs
    otherwise (one commentary, or a handful of speeches: themes within the texts).

    A unit with fewer than ``min_words`` content words (the words a topic model counts: no
    stopwords, numbers or salutations, see :mod:`analysis.topics._vectorize`) is left out: a
    salutation ("Colleagues,", "My fellow citizens:"), a closing "Thank you. God bless America.",
    a heading or a one-line paragraph cannot show which words co-occur, and would be given a
    topic on one or two words. :func:`short_units` lists what was left out.

    Parameters
    ----------
    corpus : Corpus
        From :func:`analysis.load_corpus`.
    unit : {"auto", "paragraphs", "documents"}
        What to model.
    min_documents : int
        With ``unit="auto"``, the number of documents from which documents are modelled.
    min_words : int
        Content words a unit needs to be modelled (0 keeps every unit).

    Returns
    -------
    pandas.DataFrame
        ``corpus.documents`` or ``corpus.paragraphs`` (all their columns), without the short
        units, in corpus order.

    Raises
    ------
    ValueError
        For an unknown ``unit`` or a number out of range.

    Examples
    --------
    >>> import analysis
    >>> units = modelling_units(analysis.load_corpus())
    >>> list(units.columns[:2]), len(units) > 1
    (['doc_id', 'paragraph_id'], True)
    """
    table, counts = _units(corpus, unit, min_documents, min_words)
    return table[counts >= min_words]


def short_units(
    corpus, *, unit: Unit = "auto", min_documents: int = 20, min_words: int = 3
) -> pd.DataFrame:
    """The units :func:`modelling_units` leaves out for holding too few content words.

    Takes the same arguments as :func:`modelling_units`, so the two tables partition the
    corpus's units.

    Returns
    -------
    pandas.DataFrame
        ``<ids>, n_content_words, text``: the id columns of the units (``doc_id`` or ``doc_id,
        paragraph_id``), how many content words each has, and its text; in corpus order.

    Examples
    --------
    >>> import analysis
    >>> short_units(analysis.load_corpus()).columns.tolist()
    ['doc_id', 'paragraph_id', 'n_content_words', 'text']
    """
    table, counts = _units(corpus, unit, min_documents, min_words)
    ids = [c for c in ("doc_id", "paragraph_id") if c in table.columns]
    short = table.assign(n_content_words=counts)[counts < min_words]
    return short[[*ids, "n_content_words", "text"]]


def _units(corpus, unit, min_documents: int, min_words: int) -> tuple[pd.DataFrame, np.ndarray]:
    check_option("unit", unit, Unit)
    check_number("min_documents", min_documents, minimum=1, integer=True)
    check_number("min_words", min_words, minimum=0, integer=True)
    check_corpus(corpus, {"documents": ["doc_id", "text"], "paragraphs": ["doc_id", "text"]})
    documents = unit == "documents" or (unit == "auto" and len(corpus.documents) >= min_documents)
    table = corpus.documents if documents else corpus.paragraphs
    analyse = content_words()
    counts = np.array([len(analyse(text)) for text in table["text"]], dtype=int)
    return table, counts
