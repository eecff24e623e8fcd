"""Why a sentence scores what it scores: each token's contribution after VADER's rules.

The reference analyser scores the sentence itself and the explanation records the valences it
computes on the way (see :meth:`analysis.sentiment.vader.VaderAnalyzer.explain`), so the
contributions always add up to the sum behind the score.

References
----------
Hutto, C. J., & Gilbert, E. (2014). VADER: A parsimonious rule-based model for sentiment analysis
of social media text. *Proceedings of ICWSM-14*, 216-225.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis._checks import check_option
from analysis.sentiment._common import (
    Analyser,
    Level,
    Overrides,
    _analyser,
    _as_sentences,
    _group_columns,
    _ids,
    _lexicon,
    _require,
)
from analysis.sentiment.vader import Variant, fingerprint


def explain_sentiment(
    data: str | pd.DataFrame,
    *,
    by: Level | Sequence[Level] | None = None,
    variant: Variant = "reference",
    overrides: Overrides = None,
) -> pd.DataFrame:
    """Each token's contribution to VADER's score, after negation, boosters and the "but" rule.

    Parameters
    ----------
    data : str or pandas.DataFrame
        One sentence, or a sentences table (each sentence explained on its own).
    by : {"corpus", "document", "paragraph", "voice", "speaker"} or a list, optional
        For a table: sum the contributions per group and term instead of listing tokens,
        to see which words drive a voice or a document.
    variant : {"reference", "nltk"}, default "reference"
        As in :func:`polarity`.
    overrides : path or mapping, optional
        As in :func:`polarity`.

    Returns
    -------
    pandas.DataFrame
        Without ``by``: one row per VADER token (the reference splits on whitespace, replaces
        emoji by their descriptions and strips leading and trailing punctuation when three or
        more characters remain; NLTK strips one mark and drops words of one letter): the
        table's id columns when given a table, then ``position`` (0-based, <NA> for the "!/?"
        emphasis row), ``token``, ``valence`` (lexicon value, 0 if absent), ``adjusted``
        (after negation, boosters, capitals, "least", idioms), ``but_weight`` (the factor the
        "but" rule applied), ``contribution`` and ``modifiers``. Per
        sentence the contributions add up to the sum ``s`` with ``compound =
        s / sqrt(s**2 + 15)``. With ``by``: the grouping columns, ``term`` (lower case),
        ``n`` (occurrences that contribute), ``valence``, ``total`` and ``mean``
        contribution, sorted by group and by the size of ``total``; only contributing terms.

    Raises
    ------
    ValueError
        If ``variant`` or ``by`` is not a valid choice, or ``by`` is given with one string.

    References
    ----------
    Hutto, C. J., & Gilbert, E. (2014). VADER. *Proceedings of ICWSM-14*, 216-225.

    Examples
    --------
    >>> table = explain_sentiment("The food is not good, but the service is good.")
    >>> table.loc[table["contribution"] != 0, ["token", "valence", "but_weight", "contribution"]]
      token  valence  but_weight  contribution
    4  good      1.9         0.5        -0.703
    9  good      1.9         1.5         2.850
    """
    check_option("variant", variant, Variant)
    columns = None if by is None else _group_columns(by, allow_sentence=False)
    analyser = _analyser_for(overrides, variant)
    if isinstance(data, str):
        if by is not None:
            raise ValueError("by= needs a sentences table, not a single string")
        return _explanation_frame(analyser.explain(data))
    sentences = _as_sentences(data)
    ids = _ids(sentences)
    records, owner = [], []
    for row, text in enumerate(sentences["text"].tolist()):
        explained = analyser.explain(text)
        records += explained
        owner += [row] * len(explained)
    tokens = _explanation_frame(records)
    tokens = pd.concat([ids.iloc[owner].reset_index(drop=True), tokens], axis=1)
    if columns is None:
        return tokens
    _require(tokens, columns, "explain_sentiment")
    return _drivers(tokens, columns)


def _analyser_for(overrides: Overrides, variant: Variant) -> Analyser:
    lexicon = _lexicon(overrides)
    return _analyser(lexicon, fingerprint(lexicon, variant), variant)


def _explanation_frame(records: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(
        records,
        columns=[
            "position",
            "token",
            "valence",
            "adjusted",
            "but_weight",
            "contribution",
            "modifiers",
        ],
    )
    return frame.astype(
        {
            "position": "Int64",
            "token": "str",
            "valence": float,
            "adjusted": float,
            "but_weight": float,
            "contribution": float,
            "modifiers": "str",
        }
    )


def _drivers(tokens: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    words = tokens[(tokens["contribution"] != 0) & tokens["position"].notna()]
    words = words.assign(term=words["token"].str.lower())
    keys = [*columns, "term"]
    result = (
        words.groupby(keys, sort=True, dropna=False, observed=True)
        .agg(
            n=("contribution", "size"),
            valence=("valence", "first"),
            total=("contribution", "sum"),
            mean=("contribution", "mean"),
        )
        .reset_index()
    )
    result = result.assign(_size=result["total"].abs())
    result = result.sort_values(
        [*columns, "_size", "term"],
        ascending=[True] * len(columns)
        + [
            False,
            True,
        ],
        kind="stable",
    )
    return result.drop(columns="_size").reset_index(drop=True)
