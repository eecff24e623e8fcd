"""How much sentiment conclusions depend on topic words that VADER's lexicon treats as evaluative.

VADER rates words such as "security" (+1.4), "terrorist" (-3.7) and "united" (+1.8), which in
security discourse name topics rather than evaluate them. :func:`sentiment_sensitivity` scores
every sentence with and without a small override lexicon the project owns
(``data/lexicons/sentiment_overrides.tsv``, used only when asked) and compares the groups.

References
----------
Hutto, C. J., & Gilbert, E. (2014). VADER: A parsimonious rule-based model for sentiment analysis
of social media text. *Proceedings of ICWSM-14*, 216-225.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.sentiment._common import (
    DOMAIN_OVERRIDES,
    Cache,
    Level,
    Overrides,
    _as_sentences,
    _by_group,
    _group_columns,
    _ids,
    _label_shares,
    _labels,
    _require,
    _restore_dtypes,
)
from analysis.sentiment.scores import polarity


def sentiment_sensitivity(
    sentences: pd.DataFrame,
    *,
    overrides: Overrides = DOMAIN_OVERRIDES,
    by: Level | Sequence[Level] = "voice",
    cache: Cache = True,
) -> pd.DataFrame:
    """How scores and comparisons between groups change when lexicon entries are overridden.

    Every sentence is scored twice: with VADER's lexicon (``_base``) and with the overrides
    applied (``_override``), by default the project's domain file, which neutralises topic
    words of security discourse ("security", "terrorist", "united" ...).

    Parameters
    ----------
    sentences : pandas.DataFrame or sequence of str
        A sentences table (``text`` column) or plain sentences.
    overrides : path or mapping, default :data:`DOMAIN_OVERRIDES`
        The override lexicon to test.
    by : {"voice", "sentence", "corpus", "document", "paragraph", "speaker"} or a list
        ``"sentence"`` lists every sentence; otherwise one row per group.
    cache
        As in :func:`polarity`.

    Returns
    -------
    pandas.DataFrame
        Per sentence: id columns, ``text, compound_base, compound_override, delta,
        label_base, label_override, changed``. Per group: the grouping columns,
        ``n_sentences, n_changed, mean_compound_base, mean_compound_override, delta_mean,
        share_positive_base, share_positive_override, share_negative_base,
        share_negative_override, rank_base, rank_override`` (rank 1 = the most positive group
        by mean compound; a changed rank order means the comparison depends on topic words).

    References
    ----------
    Hutto, C. J., & Gilbert, E. (2014). VADER. *Proceedings of ICWSM-14*, 216-225.

    Examples
    --------
    >>> result = sentiment_sensitivity(["Security is united."], overrides={"security": 0,
    ...     "united": 0}, by="sentence", cache=False)
    >>> result[["compound_base", "compound_override", "changed"]]
       compound_base  compound_override  changed
    0         0.6369                0.0     True
    """
    columns = _group_columns(by, allow_sentence=True)
    table = _as_sentences(sentences)
    texts = table["text"].tolist()
    base = polarity(texts, cache=cache)["compound"].to_numpy()
    changed = polarity(texts, overrides=overrides, cache=cache)["compound"].to_numpy()
    per_sentence = _ids(table).assign(
        text=table["text"].to_numpy(),
        compound_base=base,
        compound_override=changed,
        delta=changed - base,
        label_base=_labels(base),
        label_override=_labels(changed),
        changed=base != changed,
    )
    if columns is None:
        return per_sentence
    _require(per_sentence, columns, "sentiment_sensitivity")
    groups, keys = _by_group(per_sentence, columns)
    rows = []
    for key, group in groups:
        key = key if isinstance(key, tuple) else (key,)
        b, o = group["compound_base"], group["compound_override"]
        shares_b, shares_o = _label_shares(b, suffix="_base"), _label_shares(o, suffix="_override")
        rows.append(
            dict(zip(keys, key, strict=True))
            | {
                "n_sentences": len(group),
                "n_changed": int(group["changed"].sum()),
                "mean_compound_base": b.mean(),
                "mean_compound_override": o.mean(),
                "delta_mean": o.mean() - b.mean(),
                "share_positive_base": shares_b["share_positive_base"],
                "share_positive_override": shares_o["share_positive_override"],
                "share_negative_base": shares_b["share_negative_base"],
                "share_negative_override": shares_o["share_negative_override"],
            }
        )
    names = [
        *keys,
        "n_sentences",
        "n_changed",
        "mean_compound_base",
        "mean_compound_override",
        "delta_mean",
        "share_positive_base",
        "share_positive_override",
        "share_negative_base",
        "share_negative_override",
    ]
    result = pd.DataFrame(rows, columns=names).drop(columns=["_all"], errors="ignore")
    for suffix in ("base", "override"):
        result[f"rank_{suffix}"] = (
            result[f"mean_compound_{suffix}"].rank(ascending=False, method="min").astype(int)
        )
    return _restore_dtypes(result, per_sentence, columns)
