"""Distinctive terms per document (or per voice, speaker ...) by TF-IDF.

Keyness compares one target with one reference; TF-IDF gives every group its own list at once:
a term scores high in a document when it is frequent there (term frequency) and found in few
other documents (inverse document frequency). It is a ranking heuristic, not a test: there is no
p-value, and with few documents idf takes only a handful of values, so read the counts too.

References
----------
Spärck Jones, K. (1972). A statistical interpretation of term specificity and its application in
retrieval. *Journal of Documentation* 28(1), 11-21.
Silge, J. & Robinson, D. (2017). *Text Mining with R: A Tidy Approach*, ch. 3 ("Analyzing word
and document frequency: tf-idf"). O'Reilly.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from analysis._checks import check_columns, check_number, check_option
from analysis.keyterms._counting import check_tokens, counted, sort_result
from analysis.levels import Level, level_columns

__all__ = ["distinctive_terms"]


def distinctive_terms(
    tokens: pd.DataFrame,
    *,
    by: Level = "document",
    top: int | None = 10,
    stopwords: Literal["keep", "drop"] = "drop",
    idf: Literal["plain", "smooth"] = "plain",
    min_count: int = 1,
) -> pd.DataFrame:
    """Rank each group's terms by TF-IDF.

    - ``tf = n / n_total``: the term's count over all counted words of the group (tidytext's
      ``bind_tf_idf``, Silge & Robinson 2017).
    - ``idf = ln(n_groups / n_groups_with)`` (``idf="plain"``, Spärck Jones 1972), 0 for a term
      found in every group; or ``ln((1 + n_groups) / (1 + n_groups_with)) + 1``
      (``idf="smooth"``, scikit-learn's ``TfidfVectorizer(smooth_idf=True)``), never 0.
    - ``tf_idf = tf · idf``.

    Parameters
    ----------
    tokens : DataFrame
        A token table (``corpus.tokens``).
    by : {"document", "paragraph", "voice", "speaker"}
        The level whose units are the "documents" of TF-IDF (:mod:`analysis.levels`).
    top : int or None
        Keep this many rows per group (None: all).
    stopwords : {'keep', 'drop'}
        Stopwords are dropped by default: with few groups they otherwise fill the list.
    idf : {'plain', 'smooth'}
        Which inverse document frequency.
    min_count : int
        Keep terms counted at least this often in the group.

    Returns
    -------
    DataFrame
        ``<by columns>, term, n, n_total, tf, n_groups_with, n_groups, idf, tf_idf``; sorted
        by group, then ``tf_idf`` descending, then ``term``.

    Raises
    ------
    ValueError
        Fewer than two groups (idf would be 0 everywhere), empty table, unknown option.

    Examples
    --------
    >>> from analysis.keyterms._counting import toy_tokens
    >>> toks = pd.concat([toy_tokens("peace peace trade", doc_id="a"),
    ...                   toy_tokens("trade war", doc_id="b")], ignore_index=True)
    >>> distinctive_terms(toks)[["doc_id", "term", "n", "tf", "idf", "tf_idf"]].round(3)
      doc_id   term  n     tf    idf  tf_idf
    0      a  peace  2  0.667  0.693   0.462
    1      a  trade  1  0.333  0.000   0.000
    2      b    war  1  0.500  0.693   0.347
    3      b  trade  1  0.500  0.000   0.000
    """
    check_number("min_count", min_count, minimum=1, integer=True)
    if top is not None:
        check_number("top", top, minimum=1, integer=True)
    check_tokens(tokens)
    check_option("stopwords", stopwords, ("keep", "drop"))
    check_option("idf", idf, ("plain", "smooth"))
    keys = level_columns(by, allowed=Literal["document", "paragraph", "voice", "speaker"])
    check_columns(tokens, keys, source="corpus.tokens")
    words = counted(tokens, stopwords=stopwords, columns=[*keys, "norm"])
    groups = [words[k].astype(str) if k in ("voice", "speaker") else words[k] for k in keys]
    counts = words.groupby([*groups, words["norm"]], observed=True).size().rename("n")
    out = counts.reset_index().rename(columns={"norm": "term"})
    n_groups = len(out[keys].drop_duplicates())
    if n_groups < 2:
        raise ValueError(
            f"distinctive_terms needs at least two groups in by={by!r} (found {n_groups}); "
            "add documents to the corpus or compare voices with by='voice'"
        )
    out["n_total"] = out.groupby(keys)["n"].transform("sum")
    out["n_groups_with"] = out.groupby("term")["n"].transform("size")
    df = out["n_groups_with"]
    smooth = np.log((1 + n_groups) / (1 + df)) + 1
    idf_values = smooth if idf == "smooth" else np.log(n_groups / df)
    out = out.assign(tf=out["n"] / out["n_total"], n_groups=n_groups, idf=idf_values)
    out = out.assign(tf_idf=out["tf"] * out["idf"])
    out = out[out["n"] >= min_count]
    out = out[[*keys, "term", "n", "n_total", "tf", "n_groups_with", "n_groups", "idf", "tf_idf"]]
    out = out.astype({"term": str})
    out = sort_result(out, [*keys, "tf_idf", "term"], [True] * len(keys) + [False, True])
    if top is not None:
        out = out.groupby(keys, sort=False).head(top).reset_index(drop=True)
    return out
