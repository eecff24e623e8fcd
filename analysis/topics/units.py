"""What a topic model reads: the units to model, and who speaks in each of them."""

from typing import Literal

import pandas as pd

from analysis._checks import check_columns, check_number, check_option

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


def modelling_units(corpus, *, unit: Unit = "auto", min_documents: int = 20) -> pd.DataFrame:
    """The table to model: the corpus's documents, or its paragraphs.

    Topic models need many units. ``"auto"`` takes documents when the corpus has at least
    ``min_documents`` of them (each document is then one mixture of themes), and paragraphs
    otherwise (one commentary, or a handful of speeches: themes within the texts).

    >>> import analysis
    >>> units = modelling_units(analysis.load_corpus())
    >>> list(units.columns[:2]), len(units) > 1
    (['doc_id', 'paragraph_id'], True)
    """
    check_option("unit", unit, Unit)
    check_number("min_documents", min_documents, minimum=1, integer=True)
    documents = unit == "documents" or (unit == "auto" and len(corpus.documents) >= min_documents)
    return corpus.documents if documents else corpus.paragraphs
