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
from analysis.distributed.dispatch import distributable
from analysis.keyterms._counting import check_tokens, counted, sort_result

__all__ = ["dispersion"]


@distributable
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
    check_tokens(tokens, ("doc_id", "norm", "is_word", "is_stop"))
    keys = part_keys(tokens.columns, parts=parts, stopwords=stopwords, min_count=min_count)
    words = counted(tokens, columns=[*keys, "norm", "is_stop"])
    size, t, p, v, vocab = part_counts(words, keys)
    share = size / size.sum()
    first = term_sums(vocab, t, p, v, size, share)
    second = term_deviations(vocab, t, p, v, size, share, first)
    out = dispersion_table(first.join(second), n_parts=len(size), min_share=share.min())
    return dispersion_filter(out, stops_of(words), terms, stopwords, min_count)


def part_keys(columns, *, parts, stopwords, min_count) -> list[str]:
    """The columns that name a part (``doc_id`` first), once the other arguments are checked."""
    check_number("min_count", min_count, minimum=1, integer=True)
    check_option("stopwords", stopwords, ("keep", "drop"))
    part_cols = [parts] if isinstance(parts, str) else list(parts)
    missing = [c for c in part_cols if c not in columns]
    if missing:
        raise ValueError(f"parts={parts!r}: token table has no column {', '.join(missing)}")
    return part_cols if "doc_id" in part_cols else ["doc_id", *part_cols]


def part_counts(words: pd.DataFrame, keys: list[str]):
    """Sizes of the parts, and each term's count in each part where it occurs.

    Returns ``size`` (words per part), the term code ``t``, part code ``p`` and count ``v``
    of every (term, part) pair, and the terms (``vocab``). A part never spans two documents,
    so the parts of disjoint sets of documents are disjoint (:mod:`analysis.distributed`
    computes the sums below over such sets and adds them).
    """
    part = words.groupby(keys, observed=True, sort=True).ngroup().to_numpy()
    size = np.bincount(part).astype(float)
    n_parts = len(size)
    term, vocab = pd.factorize(words["norm"].to_numpy())
    pairs = pd.Series(term.astype(np.int64) * n_parts + part).value_counts(sort=False)
    t = (pairs.index.to_numpy() // n_parts).astype(np.int64)
    p = (pairs.index.to_numpy() % n_parts).astype(np.int64)
    return size, t, p, pairs.to_numpy(dtype=float), pd.Index(vocab, dtype=object).astype(str)


def term_sums(vocab, t, p, v, size, share) -> pd.DataFrame:
    """Per term: its count, range, largest count in a part, and sums over the parts.

    Columns ``n``, ``n_parts_with``, ``top``, and the sums of its rates, squared rates and part
    shares: additive over disjoint sets of parts, but ``top``, which combines by maximum.
    """
    n_terms = len(vocab)
    rate = v / size[p]
    top = np.zeros(n_terms)
    np.maximum.at(top, t, v)
    return pd.DataFrame(
        {
            "n": np.bincount(t, weights=v, minlength=n_terms),
            "n_parts_with": np.bincount(t, minlength=n_terms),
            "top": top,
            "sum_rate": np.bincount(t, weights=rate, minlength=n_terms),
            "sum_rate_2": np.bincount(t, weights=rate**2, minlength=n_terms),
            "sum_share": np.bincount(t, weights=share[p], minlength=n_terms),
        },
        index=vocab,
    )


def term_deviations(vocab, t, p, v, size, share, sums: pd.DataFrame) -> pd.DataFrame:
    """Per term: the sums of ``p_i log2 p_i`` (Carroll) and ``|v_i / f - s_i|`` (Gries).

    Over the parts where it occurs, given the totals ``n`` and ``sum_rate`` of
    :func:`term_sums` for the whole corpus; additive over disjoint sets of parts.
    """
    n_terms = len(vocab)
    totals = sums.reindex(vocab)
    f = totals["n"].to_numpy()
    rate = v / size[p]
    prob = rate / totals["sum_rate"].to_numpy()[t]
    with np.errstate(divide="ignore", invalid="ignore"):
        return pd.DataFrame(
            {
                "sum_entropy": np.bincount(t, weights=prob * np.log2(prob), minlength=n_terms),
                "sum_deviation": np.bincount(
                    t, weights=np.abs(v / f[t] - share[p]), minlength=n_terms
                ),
            },
            index=vocab,
        )


def dispersion_table(sums: pd.DataFrame, *, n_parts: int, min_share: float) -> pd.DataFrame:
    """The statistics step of :func:`dispersion`, from the per-term sums (one row per term)."""
    f = sums["n"].to_numpy()
    mean = sums["sum_rate"].to_numpy() / n_parts
    sd = np.sqrt(np.maximum(sums["sum_rate_2"].to_numpy() / n_parts - mean**2, 0.0))
    with np.errstate(divide="ignore", invalid="ignore"):
        dp = 0.5 * (sums["sum_deviation"].to_numpy() + 1.0 - sums["sum_share"].to_numpy())
        out = pd.DataFrame(
            {
                "term": pd.Series(sums.index, dtype=object).astype(str),
                "n": f.astype(np.int64),
                "n_parts_with": sums["n_parts_with"].to_numpy(dtype=np.int64),
                "n_parts": n_parts,
                "top_part_share": sums["top"].to_numpy() / f,
                # clip: rounding leaves -2e-16 where a term sits in one part
                "juilland_d": np.clip(1 - (sd / mean) / np.sqrt(n_parts - 1), 0.0, 1.0),
                "carroll_d2": np.clip(-sums["sum_entropy"].to_numpy() / np.log2(n_parts), 0.0, 1.0),
                "dp": dp,
                "dp_norm": dp / (1 - min_share),
            }
        )
    if n_parts == 1:
        out[["juilland_d", "carroll_d2", "dp", "dp_norm"]] = np.nan
    return out


def stops_of(words: pd.DataFrame) -> set[str]:
    """The terms marked as stopwords in a table of counted words."""
    return set(words.loc[words["is_stop"].to_numpy(dtype=bool), "norm"].astype(str))


def dispersion_filter(out, stops, terms, stopwords, min_count) -> pd.DataFrame:
    """The rows :func:`dispersion` reports, sorted by ``n`` descending, then ``term``."""
    keep = out["n"] >= min_count
    if stopwords == "drop":
        keep &= ~out["term"].isin(list(stops))
    if terms is not None:
        keep &= out["term"].isin([str(x) for x in terms])
    return sort_result(out[keep], ["n", "term"], [False, True])
