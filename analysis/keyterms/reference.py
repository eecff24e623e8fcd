"""General-English reference frequencies from the installed ``wordfreq`` package, for keyness.

References
----------
Speer, R. (2022). wordfreq v3.0. https://github.com/rspeer/wordfreq
"""

from collections.abc import Iterable

import numpy as np
import pandas as pd

from analysis._checks import check_number
from analysis.keyterms._counting import sort_result, terms_of

__all__ = ["reference_frequencies"]


def reference_frequencies(
    terms: pd.DataFrame | Iterable[str],
    *,
    size: float = 1e9,
    language: str = "en",
) -> pd.DataFrame:
    """Frequencies of ``terms`` in general language, as counts in a reference of ``size`` words.

    The installed `wordfreq` package (Speer 2022; data bundled, nothing downloaded) gives each
    word's relative frequency ``p`` in a blend of web, subtitle, news, book and encyclopedia text.
    It publishes proportions, not a corpus size, so this function builds a notional reference
    of ``size`` words: ``n = p * size`` and ``n_total = size``.

    How ``size`` enters the statistics: ``log_ratio``, ``percent_diff`` and ``per_10k_reference``
    depend on ``p`` only, not on ``size`` (except for words wordfreq does not list, whose ``n``
    is 0 and gets ``zero_adjust``/``size``; so raising ``size`` raises their log ratio). G² grows
    with ``size`` but converges: when ``size`` is much larger than the target (the default 1e9
    against a few thousand words), G² equals, within rounding, the one-sample goodness-of-fit
    statistic ``2 [a ln(a / (p c)) + (c − a) ln((c − a) / ((1 − p) c))]`` of the target
    against known probabilities, which is what comparing with "general English" means. Choose
    ``size`` near the target size only to mimic a reference corpus of that size.

    Terms that wordfreq would split differently (clitics such as ``'s``, hyphenated ``covid-19``)
    are left out rather than given another word's frequency. Note also that wordfreq keeps
    ``don't`` whole, so ``not`` (which the corpus tokenizer also gets from ``n't``) looks more
    frequent in the target than it is.

    Parameters
    ----------
    terms : DataFrame or iterable of str
        A token table (its words' ``norm``) or terms; each distinct term is looked up once.
    size : float
        Notional number of words in the reference.
    language : str
        wordfreq language code.

    Returns
    -------
    DataFrame
        ``term, frequency, n, n_total`` (``frequency`` = wordfreq's proportion), sorted by term;
        pass it as ``reference`` to :func:`keyness`.

    References
    ----------
    Speer, R. (2022). wordfreq v3.0. https://github.com/rspeer/wordfreq

    Examples
    --------
    >>> reference_frequencies(["the", "'s"], size=1e6)
      term  frequency        n    n_total
    0  the     0.0537  53700.0  1000000.0
    """
    import wordfreq  # deferred: loads its word list on first use

    check_number("size", size, minimum=0, exclusive=True)
    unique = pd.Series(terms_of(terms).unique(), dtype=object)
    # plain lower-case ASCII words are their own wordfreq token: look them up in the table
    # directly (same value as wordfreq.word_frequency, 100x faster); the rest go through wordfreq
    plain = unique.str.fullmatch(r"[a-z]+").to_numpy(dtype=bool)
    table = wordfreq.get_frequency_dict(language)
    p = np.zeros(len(unique))
    p[plain] = _three_significant(unique[plain].map(lambda w: table.get(w, 0.0)).to_numpy(float))
    rest = np.flatnonzero(~plain)
    p[rest] = [wordfreq.word_frequency(w, language) for w in unique.iloc[rest]]
    same = plain.copy()
    same[rest] = [wordfreq.tokenize(w, language) == [w] for w in unique.iloc[rest]]
    out = pd.DataFrame({"term": unique[same].astype(str).to_numpy(), "frequency": p[same]})
    out = out.assign(n=out["frequency"] * size, n_total=float(size))
    return sort_result(out, ["term"], [True])


def _three_significant(p: np.ndarray) -> np.ndarray:
    """Round as wordfreq.word_frequency does (its data is precise to about 1%)."""
    out = p.copy()
    pos = p > 0
    digits = np.floor(-np.log10(p[pos])).astype(int) + 3
    out[pos] = [round(x, d) for x, d in zip(p[pos], digits, strict=True)]
    return out
