"""Dispersion: is a frequent term spread through the text or concentrated in one place?

A word used 20 times in one paragraph and never again is "frequent" and may come out "key",
yet it tells us about that paragraph, not about the discourse. Dispersion measures say how
evenly a term's occurrences are spread over the *parts* of a corpus (paragraphs, sentences,
documents), given how big each part is.

Notation: the corpus has ``n`` parts; part ``i`` holds ``s_i`` of the corpus's words as a
proportion (``Σ s_i = 1``) and ``v_i`` occurrences of the term; ``f = Σ v_i``; ``r_i = v_i /
size_i`` is the term's rate in part ``i``.

References
----------
Juilland, A. & Chang-Rodríguez, E. (1964). *Frequency Dictionary of Spanish Words*. Mouton.
Carroll, J. B. (1970). An alternative to Juilland's usage coefficient for lexical frequencies
and a proposal for a standard frequency index (SFI). *Computer Studies in the Humanities and
Verbal Behavior* 3(2), 61-65.
Gries, S. Th. (2008). Dispersions and adjusted frequencies in corpora. *International Journal of
Corpus Linguistics* 13(4), 403-437.
Lijffijt, J. & Gries, S. Th. (2012). Correction to Stefan Th. Gries' "Dispersions and adjusted
frequencies in corpora". *International Journal of Corpus Linguistics* 17(1), 147-149.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import numpy as np
import pandas as pd

from analysis._checks import check_number, check_option
from analysis.keyterms._counting import check_tokens, counted, sort_result

__all__ = ["dispersion"]


def dispersion(
    tokens: pd.DataFrame,
    *,
    parts: str | list[str] = "paragraph_id",
    terms: Iterable[str] | None = None,
    stopwords: Literal["keep", "drop"] = "keep",
    min_count: int = 1,
) -> pd.DataFrame:
    r"""Juilland's D, Carroll's D2, Gries' DP and DPnorm for every term.

    - ``dp`` (Gries 2008, "deviation of proportions"): ``DP = ½ Σ_i |v_i / f − s_i|``, the
      share of the term's occurrences that would have to move to make them proportional to part
      sizes. 0 = perfectly even, towards 1 = all in one small part.
    - ``dp_norm`` (Lijffijt & Gries 2012): ``DP / (1 − min_i s_i)``, which rescales DP so that
      its maximum is exactly 1 whatever the part sizes.
    - ``juilland_d`` (Juilland & Chang-Rodríguez 1964): ``D = 1 − CV / √(n − 1)`` with ``CV`` the
      coefficient of variation (population standard deviation / mean) of the rates ``r_i``
      over all ``n`` parts, zeros included. Using rates rather than raw counts is the variant
      Gries (2008) recommends for parts of unequal size; with equal sizes it is Juilland's
      original. 1 = even, 0 = all in one part.
    - ``carroll_d2`` (Carroll 1970): ``D2 = −Σ p_i log2 p_i / log2 n`` with ``p_i = r_i / Σ r_j``,
      the entropy of the term's distribution over parts relative to its maximum. 1 = even.

    D, D2 and DP(norm) are undefined with a single part (NaN). A part is a unique combination of
    ``doc_id`` and the ``parts`` column(s), so paragraph 1 of two documents are two parts.
    Part sizes count words before stopwords are dropped.

    Parameters
    ----------
    tokens : DataFrame
        A token table (``corpus.tokens``).
    parts : str or list of str
        Column(s) that define the parts: ``"paragraph_id"`` (default), ``"sentence_id"``,
        ``"doc_id"`` ...
    terms : iterable of str, optional
        Report only these terms (as ``norm``); by default every term.
    stopwords : {'keep', 'drop'}
        Keep or drop stopword rows in the result.
    min_count : int
        Report terms with at least this many occurrences.

    Returns
    -------
    DataFrame
        ``term, n, n_parts_with, n_parts, top_part_share, juilland_d, carroll_d2, dp, dp_norm``
        (``n_parts_with`` is the range: parts containing the term; ``top_part_share`` the share
        of its occurrences in its busiest part); sorted by ``n`` descending, then ``term``.

    Raises
    ------
    ValueError
        Empty table, missing columns, unknown option.

    References
    ----------
    Juilland & Chang-Rodríguez (1964); Carroll (1970); Gries (2008); Lijffijt & Gries (2012):
    see the module docstring.

    Examples
    --------
    Gries' (2008) worked example: five parts of 9, 10, 10, 10 and 11 words in which ``a``
    occurs 1, 2, 3, 4 and 5 times; Gries reports DP = 0.18.

    >>> from analysis.keyterms._counting import toy_tokens
    >>> text = "b a m n i b e u p | b a s a t b e w q n | b c a g a b e s t a | "
    >>> text += "b a g h a b e a a t | b a h a a b e a x a t"
    >>> row = dispersion(toy_tokens(text), terms=["a"]).iloc[0]
    >>> float(round(row.dp, 2)), float(round(row.dp_norm, 4))
    (0.18, 0.2195)
    """
    check_number("min_count", min_count, minimum=1, integer=True)
    check_tokens(tokens, ("doc_id", "norm", "is_word", "is_stop"))
    check_option("stopwords", stopwords, ("keep", "drop"))
    part_cols = [parts] if isinstance(parts, str) else list(parts)
    missing = [c for c in part_cols if c not in tokens.columns]
    if missing:
        raise ValueError(f"parts={parts!r}: token table has no column {', '.join(missing)}")
    keys = part_cols if "doc_id" in part_cols else ["doc_id", *part_cols]
    words = counted(tokens, columns=[*keys, "norm", "is_stop"])
    part = words.groupby(keys, observed=True, sort=True).ngroup().to_numpy()
    size = np.bincount(part).astype(float)
    share = size / size.sum()
    n_parts = len(size)
    term, vocab = pd.factorize(words["norm"].to_numpy())
    pairs = pd.Series(term.astype(np.int64) * n_parts + part).value_counts(sort=False)
    t = (pairs.index.to_numpy() // n_parts).astype(np.int64)
    p = (pairs.index.to_numpy() % n_parts).astype(np.int64)
    v = pairs.to_numpy(dtype=float)
    n_terms = len(vocab)

    def total(weights):
        return np.bincount(t, weights=weights, minlength=n_terms)

    f = total(v)
    rate = v / size[p]
    sum_rate = total(rate)
    mean = sum_rate / n_parts
    sd = np.sqrt(np.maximum(total(rate**2) / n_parts - mean**2, 0.0))
    prob = rate / sum_rate[t]
    top = np.zeros(n_terms)
    np.maximum.at(top, t, v)
    with np.errstate(divide="ignore", invalid="ignore"):
        dp = 0.5 * (total(np.abs(v / f[t] - share[p])) + 1.0 - total(share[p]))
        out = pd.DataFrame(
            {
                "term": pd.Series(vocab, dtype=object).astype(str),
                "n": f.astype(np.int64),
                "n_parts_with": np.bincount(t, minlength=n_terms),
                "n_parts": n_parts,
                "top_part_share": top / f,
                # clip: rounding leaves -2e-16 where a term sits in one part
                "juilland_d": np.clip(1 - (sd / mean) / np.sqrt(n_parts - 1), 0.0, 1.0),
                "carroll_d2": np.clip(-total(prob * np.log2(prob)) / np.log2(n_parts), 0.0, 1.0),
                "dp": dp,
                "dp_norm": dp / (1 - share.min()),
            }
        )
    if n_parts == 1:
        out[["juilland_d", "carroll_d2", "dp", "dp_norm"]] = np.nan
    keep = out["n"] >= min_count
    if stopwords == "drop":
        stops = set(words.loc[words["is_stop"].to_numpy(dtype=bool), "norm"])
        keep &= ~out["term"].isin(stops)
    if terms is not None:
        keep &= out["term"].isin([str(x) for x in terms])
    return sort_result(out[keep], ["n", "term"], [False, True])
