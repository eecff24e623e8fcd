"""Keyness: which terms are unusually frequent in a target compared with a reference.

For each term the target and the reference give a 2x2 contingency table::

                      target    reference
    term                 a          b
    other words        c - a      d - b
    total                c          d

where ``a``/``b`` are the term's counts and ``c``/``d`` the numbers of words in each corpus.
Expected counts under "same relative frequency in both" are ``E1 = c (a + b) / (c + d)`` and
``E2 = d (a + b) / (c + d)``. From this table :func:`keyness` reports a significance statistic
(log-likelihood G², with its p-value and a multiple-comparison adjusted p) and three effect
sizes (log ratio, %DIFF, odds ratio). Significance says "is the difference more than chance?",
effect size says "how big is it?"; with large corpora almost everything is significant, so rank
by effect size and use significance as a filter (Gabrielatos 2018; Hardie 2014).

The reference may be another token table (one voice against another, one document against the
rest) or general English: :func:`reference_frequencies` turns the relative frequencies of the
`wordfreq` package (Speer 2022) into counts of a notional reference of ``size`` words.

References
----------
Dunning, T. (1993). Accurate methods for the statistics of surprise and coincidence.
*Computational Linguistics* 19(1), 61-74.
Rayson, P. & Garside, R. (2000). Comparing corpora using frequency profiling. *Proceedings of the
Workshop on Comparing Corpora*, ACL 2000, 1-6.
Hardie, A. (2014). Log Ratio: an informal introduction. ESRC Centre for Corpus Approaches to
Social Science (CASS), Lancaster University.
Gabrielatos, C. & Marchi, A. (2011). Keyness: matching metrics to definitions. Corpus
Linguistics in the South 5, University of Portsmouth.
Gabrielatos, C. (2018). Keyness analysis: nature, metrics and techniques. In C. Taylor & A.
Marchi (eds), *Corpus Approaches to Discourse*, 225-258. Routledge.
Benjamini, Y. & Hochberg, Y. (1995). Controlling the false discovery rate. *Journal of the Royal
Statistical Society B* 57(1), 289-300.
Speer, R. (2022). wordfreq v3.0 (software). https://github.com/rspeer/wordfreq
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import numpy as np
import pandas as pd
from scipy import stats

from analysis._checks import check_number, check_option
from analysis.distributed.dispatch import distributable
from analysis.keyterms._counting import o_ln_o_over_e, sort_result, terms_of

__all__ = ["keyness"]

Measure = Literal["log_likelihood", "log_ratio", "percent_diff", "odds_ratio"]
MEASURES = ("log_likelihood", "log_ratio", "percent_diff", "odds_ratio")
COLUMNS = [
    "term",
    "n_target",
    "n_reference",
    "per_10k_target",
    "per_10k_reference",
    "log_likelihood",
    "p_value",
    "p_adjusted",
    "log_ratio",
    "percent_diff",
    "odds_ratio",
    "more_in",
]


@distributable
def keyness(
    target: pd.DataFrame | Iterable[str],
    reference: pd.DataFrame | Iterable[str],
    *,
    measure: Measure = "log_likelihood",
    min_count: int = 3,
    g2: Literal["full", "two_term"] = "full",
    zero_adjust: float = 0.5,
    correction: Literal["fdr_bh", "bonferroni", "none"] = "fdr_bh",
) -> pd.DataFrame:
    r"""Compare term frequencies in a target and a reference corpus.

    Statistics (notation of the module docstring; ``ln`` natural log, ``0 ln 0 = 0``):

    - ``log_likelihood``: G² (Dunning 1993). ``g2="full"`` (default) sums over the four cells
      of the 2x2 table, ``G² = 2 Σ O ln(O/E)``, as Dunning 1993 and AntConc 4 do;
      ``g2="two_term"`` sums over the term row only, ``G² = 2 (a ln(a/E1) + b ln(b/E2))``, the
      form of Rayson & Garside (2000) and of the UCREL log-likelihood wizard. Always ≥ 0.
    - ``p_value``: upper tail of χ² with 1 degree of freedom at G².
    - ``p_adjusted``: ``correction="fdr_bh"`` Benjamini-Hochberg (1995) false discovery rate
      over the rows returned (``scipy.stats.false_discovery_control``); ``"bonferroni"``
      ``min(1, p m)`` with ``m`` rows; ``"none"`` repeats ``p_value``.
    - ``log_ratio`` (Hardie 2014): ``log2((a / c) / (b / d))``; +1 means twice as frequent in
      the target, −1 half as frequent, 0 equal.
    - ``percent_diff`` (%DIFF, Gabrielatos & Marchi 2011): ``100 (a/c − b/d) / (b/d)``.
    - ``odds_ratio``: ``(a / (c − a)) / (b / (d − b))``.

    Zero counts: in the three effect sizes a zero count (``a``, ``b``, ``c − a`` or ``d − b``)
    is replaced by ``zero_adjust`` (default 0.5, Hardie's 2014 rule for log ratio; Gabrielatos &
    Marchi used 1e-18 for %DIFF, pass ``zero_adjust=1e-18`` to reproduce that). G² needs no
    adjustment. Swapping target and reference negates ``log_ratio`` exactly.

    Parameters
    ----------
    target, reference : DataFrame or iterable of str
        A token table (its words' ``norm`` are counted; filter stopwords or voices first, e.g.
        ``tokens[tokens.voice == "quote"]``), an iterable of terms, or a frequency table with
        columns ``term, n`` and optionally ``n_total`` (the corpus size, when the table lists
        only some terms, as :func:`reference_frequencies` does; terms missing from such a
        partial list are left out of the result, not counted as 0).
    measure : {'log_likelihood', 'log_ratio', 'percent_diff', 'odds_ratio'}
        Sort key. For ``log_likelihood`` rows are sorted by G² signed by direction, so terms
        over-used in the target come first and under-used ones last; ties broken by ``term``.
    min_count : int
        Keep terms with ``n_target + n_reference >= min_count`` (a symmetric rule, so swapping
        target and reference keeps the same terms).
    g2 : {'full', 'two_term'}
        Which log-likelihood form (see above).
    zero_adjust : float
        Value substituted for zero counts in the effect sizes; must be > 0.
    correction : {'fdr_bh', 'bonferroni', 'none'}
        Multiple-comparison adjustment for ``p_adjusted``.

    Returns
    -------
    DataFrame
        ``term, n_target, n_reference, per_10k_target, per_10k_reference, log_likelihood,
        p_value, p_adjusted, log_ratio, percent_diff, odds_ratio, more_in`` (``more_in`` is
        ``"target"``, ``"reference"`` or ``"neither"`` by relative frequency).

    Raises
    ------
    ValueError
        Empty input, unknown option, ``zero_adjust <= 0``.

    References
    ----------
    Dunning (1993); Rayson & Garside (2000); Hardie (2014); Gabrielatos & Marchi (2011);
    Benjamini & Hochberg (1995): see the module docstring.

    Examples
    --------
    >>> t = ["peace"] * 10 + ["war"] * 90
    >>> r = ["peace"] * 5 + ["war"] * 195
    >>> keyness(t, r, min_count=1)[["term", "n_target", "n_reference", "log_ratio"]]
        term  n_target  n_reference  log_ratio
    0  peace        10            5   2.000000
    1    war        90          195  -0.115477
    """
    for role, data in (("target", target), ("reference", reference)):
        if data is None or isinstance(data, str | bytes) or not isinstance(data, Iterable):
            raise TypeError(
                f"{role}: expected a pandas DataFrame (corpus.tokens, or a term, n frequency "
                f"table) or an iterable of terms, got {type(data).__name__}"
            )
    check_number("min_count", min_count, minimum=1, integer=True)
    check_option("measure", measure, MEASURES)
    check_option("g2", g2, ("full", "two_term"))
    check_option("correction", correction, ("fdr_bh", "bonferroni", "none"))
    check_number("zero_adjust", zero_adjust, minimum=0, exclusive=True)
    t_counts, c, t_partial = _counts(target, "target")
    r_counts, d, r_partial = _counts(reference, "reference")
    both = pd.concat([t_counts.rename("n_target"), r_counts.rename("n_reference")], axis=1)
    # a partial frequency list (with n_total) says nothing about the terms it leaves out
    listed = np.ones(len(both), dtype=bool)
    if t_partial:
        listed &= both.index.isin(t_counts.index)
    if r_partial:
        listed &= both.index.isin(r_counts.index)
    both = both[listed].fillna(0).rename_axis("term").reset_index()
    for col, counts in (("n_target", t_counts), ("n_reference", r_counts)):
        if pd.api.types.is_integer_dtype(counts):
            both[col] = both[col].astype(np.int64)
    both = both[both["n_target"] + both["n_reference"] >= min_count]
    return scored(
        both, c, d, measure=measure, g2=g2, correction=correction, zero_adjust=zero_adjust
    )


def scored(
    both: pd.DataFrame,
    c: float,
    d: float,
    *,
    measure: str = "log_likelihood",
    g2: Literal["full", "two_term"] = "full",
    correction: Literal["fdr_bh", "bonferroni", "none"] = "fdr_bh",
    zero_adjust: float = 0.5,
    terms_sorted: bool = False,
) -> pd.DataFrame:
    """The keyness table of :func:`keyness` from counts already aligned by term.

    ``both`` holds ``term, n_target, n_reference`` (the terms kept); ``c`` and ``d`` are the two
    corpora's sizes. With ``terms_sorted``, the terms are in lexical order already, and the ties
    of the sort key are broken by position instead of by comparing strings (the same order).
    """
    a = both["n_target"].to_numpy(dtype=float)
    b = both["n_reference"].to_numpy(dtype=float)
    g = log_likelihood(a, b, c, d, form=g2)
    p = stats.chi2.sf(g, 1)
    out = both.assign(
        per_10k_target=10_000 * a / c,
        per_10k_reference=10_000 * b / d,
        log_likelihood=g,
        p_value=p,
        p_adjusted=_adjust(p, correction),
        log_ratio=log_ratio(a, b, c, d, zero_adjust=zero_adjust),
        percent_diff=percent_diff(a, b, c, d, zero_adjust=zero_adjust),
        odds_ratio=odds_ratio(a, b, c, d, zero_adjust=zero_adjust),
        more_in=np.select([a / c > b / d, a / c < b / d], ["target", "reference"], "neither"),
    )[COLUMNS]
    key = out[measure]
    if measure == "log_likelihood":
        key = key * np.sign(a / c - b / d)
    if terms_sorted:  # descending key, then the terms' (lexical) order
        out = out.take(np.lexsort((np.arange(len(out)), -key.to_numpy()))).reset_index(drop=True)
    else:
        out = out.assign(_key=key.to_numpy())
        out = sort_result(out, ["_key", "term"], [False, True]).drop(columns="_key")
    out["term"] = out["term"].astype(str)
    return out


def log_likelihood(a, b, c, d, *, form: Literal["full", "two_term"] = "full") -> np.ndarray:
    """G² for counts ``a``/``b`` in corpora of ``c``/``d`` words (Dunning 1993).

    ``form="full"`` sums ``2 O ln(O/E)`` over the four cells of the 2x2 table;
    ``form="two_term"`` over the term's two cells only (Rayson & Garside 2000).

    >>> round(float(log_likelihood(10, 5, 100, 200)), 4)
    7.3298
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    cells = [(a, e1), (b, e2)]
    if form == "full":
        cells += [(c - a, c - e1), (d - b, d - e2)]
    g = sum(o_ln_o_over_e(o, e) for o, e in cells)
    # rounding can leave -1e-13 where the true value is 0
    return np.maximum(2 * g, 0.0)


def log_ratio(a, b, c, d, *, zero_adjust: float = 0.5) -> np.ndarray:
    """Hardie's (2014) log ratio ``log2((a/c) / (b/d))``, zeros replaced by ``zero_adjust``.

    >>> float(log_ratio(20, 10, 1000, 1000))
    1.0
    """
    a, b = _nonzero(a, zero_adjust), _nonzero(b, zero_adjust)
    return np.log2((a / c) / (b / d))


def percent_diff(a, b, c, d, *, zero_adjust: float = 0.5) -> np.ndarray:
    """%DIFF of Gabrielatos & Marchi (2011): ``100 (a/c - b/d) / (b/d)``.

    >>> float(percent_diff(20, 10, 1000, 1000))
    100.0
    """
    a, b = _nonzero(a, zero_adjust), _nonzero(b, zero_adjust)
    return 100 * (a / c - b / d) / (b / d)


def odds_ratio(a, b, c, d, *, zero_adjust: float = 0.5) -> np.ndarray:
    """Odds ratio ``(a / (c - a)) / (b / (d - b))``, zero cells replaced by ``zero_adjust``.

    >>> round(float(odds_ratio(10, 5, 100, 200)), 4)
    4.3333
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    cells = [_nonzero(x, zero_adjust) for x in (a, c - a, b, d - b)]
    return (cells[0] / cells[1]) / (cells[2] / cells[3])


def _counts(data, role: str) -> tuple[pd.Series, float, bool]:
    """Term counts, corpus size and "is a partial list" of a table or iterable of terms."""
    partial = False
    if isinstance(data, pd.DataFrame) and {"term", "n"} <= set(data.columns):
        if len(data) == 0:
            raise ValueError(f"{role} frequency table is empty")
        counts = data.groupby(data["term"].astype(str))["n"].sum()
        partial = "n_total" in data
        total = float(data["n_total"].iloc[0]) if partial else float(counts.sum())
    else:
        counts = terms_of(data).value_counts()
        total = float(counts.sum())
    if total <= 0:
        raise ValueError(f"{role} has no words to count")
    return counts, total, partial


def _nonzero(x, zero_adjust: float) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    return np.where(x == 0, zero_adjust, x)


def _adjust(p: np.ndarray, correction: str) -> np.ndarray:
    if len(p) == 0 or correction == "none":
        return p
    if correction == "bonferroni":
        return np.minimum(1.0, p * len(p))
    return stats.false_discovery_control(p, method="bh")
