"""VADER beside a second lexicon method (TextBlob), sentence by sentence, with their agreement.

References
----------
Spearman, C. (1904). The proof and measurement of association between two things. *American
Journal of Psychology*, 15(1), 72-101.

Cohen, J. (1960). A coefficient of agreement for nominal scales. *Educational and Psychological
Measurement*, 20(1), 37-46.

De Smedt, T., & Daelemans, W. (2012). Pattern for Python. *Journal of Machine Learning Research*,
13, 2063-2067.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import pandas as pd

from analysis.sentiment._common import (
    _LABELS,
    Cache,
    Level,
    Overrides,
    _as_sentences,
    _by_group,
    _group_columns,
    _ids,
    _labels,
    _require,
    _restore_dtypes,
)
from analysis.sentiment.scores import polarity


def compare_sentiment_methods(
    sentences: pd.DataFrame | Sequence[str],
    *,
    by: Level | Sequence[Level] = "sentence",
    overrides: Overrides = None,
    cache: Cache = True,
) -> pd.DataFrame:
    """VADER beside TextBlob's pattern lexicon, sentence by sentence, with their agreement.

    TextBlob (De Smedt & Daelemans 2012) averages adjective polarities from a hand-rated
    lexicon of about 2,900 words, with its own negation and intensifier rules; it ships inside
    the installed package and needs no NLTK data. Both scores lie in [-1, 1] and are labelled
    with the same +-0.05 thresholds.

    Parameters
    ----------
    sentences : pandas.DataFrame or sequence of str
        A sentences table (``text`` column) or plain sentences.
    by : {"sentence", "corpus", "document", "paragraph", "voice", "speaker"} or a list
        ``"sentence"`` lists both scores per sentence; otherwise the agreement per group.
    overrides, cache
        For VADER, as in :func:`polarity`.

    Returns
    -------
    pandas.DataFrame
        Per sentence: id columns, ``text, vader_compound, textblob_polarity,
        textblob_subjectivity, vader_label, textblob_label, labels_agree``. Per group: the
        grouping columns, ``n_sentences, spearman_rho, spearman_p`` (rank correlation of the
        two scores over the group's sentences; NaN below 3 sentences or for a constant score),
        ``label_agreement`` (share of equal labels), ``kappa`` (Cohen's kappa of the labels),
        ``mean_vader, mean_textblob``.

    References
    ----------
    Spearman (1904); Cohen (1960); De Smedt & Daelemans (2012); Hutto & Gilbert (2014).

    Examples
    --------
    >>> compare_sentiment_methods(["A good plan.", "A bad plan.", "A plan."], by="corpus",
    ...     cache=False)[["n_sentences", "spearman_rho", "label_agreement"]]
       n_sentences  spearman_rho  label_agreement
    0            3           1.0              1.0
    """
    columns = _group_columns(by, allow_sentence=True)
    table = _as_sentences(sentences)
    texts = table["text"].tolist()
    vader = polarity(texts, overrides=overrides, cache=cache)["compound"].to_numpy()
    blob = np.array([textblob_scores(text) for text in texts], dtype=float).reshape(-1, 2)
    per_sentence = _ids(table).assign(
        text=table["text"].to_numpy(),
        vader_compound=vader,
        textblob_polarity=blob[:, 0],
        textblob_subjectivity=blob[:, 1],
        vader_label=_labels(vader),
        textblob_label=_labels(blob[:, 0]),
    )
    per_sentence["labels_agree"] = per_sentence["vader_label"] == per_sentence["textblob_label"]
    if columns is None:
        return per_sentence
    _require(per_sentence, columns, "compare_sentiment_methods")
    groups, keys = _by_group(per_sentence, columns)
    rows = []
    for key, group in groups:
        key = key if isinstance(key, tuple) else (key,)
        rho, p = _spearman(group["vader_compound"], group["textblob_polarity"])
        rows.append(
            dict(zip(keys, key, strict=True))
            | {
                "n_sentences": len(group),
                "spearman_rho": rho,
                "spearman_p": p,
                "label_agreement": group["labels_agree"].mean(),
                "kappa": _kappa(group["vader_label"], group["textblob_label"]),
                "mean_vader": group["vader_compound"].mean(),
                "mean_textblob": group["textblob_polarity"].mean(),
            }
        )
    names = [
        *keys,
        "n_sentences",
        "spearman_rho",
        "spearman_p",
        "label_agreement",
        "kappa",
        "mean_vader",
        "mean_textblob",
    ]
    result = pd.DataFrame(rows, columns=names).drop(columns=["_all"], errors="ignore")
    return _restore_dtypes(result, per_sentence, columns)


# A notebook asks for the same sentences per sentence, for the corpus and per group (three
# calls), and TextBlob was most of each call's time; its score depends on the text alone, so
# each distinct sentence is scored once per process. 2**18 sentences is about 6 million words.
@lru_cache(maxsize=2**18)
def textblob_scores(text: str) -> tuple[float, float]:
    """TextBlob's pattern ``(polarity, subjectivity)`` of one text, remembered by text.

    >>> textblob_scores("A good plan.")
    (0.7, 0.6000000000000001)
    """
    from textblob.en import sentiment as pattern_sentiment  # ships its lexicon; no downloads

    polarity_, subjectivity = pattern_sentiment(text)
    return float(polarity_), float(subjectivity)


def _spearman(x: pd.Series, y: pd.Series) -> tuple[float, float]:
    from scipy.stats import spearmanr

    if len(x) < 3 or x.nunique() < 2 or y.nunique() < 2:
        return np.nan, np.nan
    result = spearmanr(x, y)
    return float(result.statistic), float(result.pvalue)


def _kappa(a: pd.Series, b: pd.Series) -> float:
    """Cohen's (1960) kappa of two label columns; NaN when chance agreement is already perfect."""
    import warnings

    from sklearn.exceptions import UndefinedMetricWarning
    from sklearn.metrics import cohen_kappa_score

    with warnings.catch_warnings():  # NaN is the documented answer, not a surprise
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        return float(cohen_kappa_score(a.astype(str), b.astype(str), labels=_LABELS))
