"""Sentence scores aggregated by corpus, document, paragraph, voice or speaker.

References
----------
Hutto, C. J., & Gilbert, E. (2014). VADER: A parsimonious rule-based model for sentiment analysis
of social media text. *Proceedings of ICWSM-14*, 216-225.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.sentiment._common import (
    Level,
    _by_group,
    _group_columns,
    _label_shares,
    _require,
    _restore_dtypes,
)


def sentiment_summary(
    scored: pd.DataFrame, *, by: Level | Sequence[Level] = "document"
) -> pd.DataFrame:
    """Aggregate sentence scores by corpus, document, paragraph, voice or speaker.

    Parameters
    ----------
    scored : pandas.DataFrame
        The output of :func:`sentence_sentiment`.
    by : {"document", "corpus", "paragraph", "voice", "speaker"} or a list of them
        The grouping; a list combines levels (``["document", "voice"]``). Speaker <NA> (the
        author's own sentences) is kept as a group.

    Returns
    -------
    pandas.DataFrame
        The grouping columns, then ``n_sentences, n_positive, n_neutral, n_negative,
        share_positive, share_neutral, share_negative, mean_compound, sd_compound`` (sample
        standard deviation, NaN for a single sentence). Sorted by the grouping columns.

    References
    ----------
    Hutto, C. J., & Gilbert, E. (2014). VADER. *Proceedings of ICWSM-14*, 216-225
    (the +-0.05 thresholds are the ones the authors recommend for classification).

    Examples
    --------
    >>> scored = pd.DataFrame({"doc_id": ["a", "a", "b"], "compound": [0.5, -0.2, 0.0]})
    >>> sentiment_summary(scored, by="document")[["doc_id", "n_sentences", "mean_compound"]]
      doc_id  n_sentences  mean_compound
    0      a            2           0.15
    1      b            1           0.00
    """
    columns = _group_columns(by, allow_sentence=False)
    _require(scored, ["compound", *columns], "sentiment_summary (pass sentence_sentiment's output)")
    groups, keys = _by_group(scored, columns)
    rows = []
    for key, group in groups:
        compound = group["compound"].astype(float)
        key = key if isinstance(key, tuple) else (key,)
        rows.append(
            dict(zip(keys, key, strict=True))
            | {"n_sentences": len(group)}
            | _label_shares(compound)
            | {"mean_compound": compound.mean(), "sd_compound": compound.std(ddof=1)}
        )
    order = ["n_positive", "n_neutral", "n_negative", "share_positive", "share_neutral"]
    names = [*keys, "n_sentences", *order, "share_negative", "mean_compound", "sd_compound"]
    result = pd.DataFrame(rows, columns=names).drop(columns=["_all"], errors="ignore")
    return _restore_dtypes(result, scored, columns)
