"""Collocations: words that keep each other's company more often than chance predicts.

Two views, one set of association measures:

- :func:`collocations` scores *adjacent* word pairs ("shared future", "security cooperation").
- :func:`collocates` scores the words found within a window around a *node* word ("what is
  said near *security*?"). Windows never cross a sentence boundary.

Both reduce each candidate to a 2x2 contingency table of observed counts ``O11 O12 / O21 O22``
with row totals ``R1 R2``, column totals ``C1 C2`` and sample size ``N``; the expected count of
the pair under independence is ``E11 = R1 C1 / N``. Measures (Evert 2005, 2008):

- ``mi``: pointwise mutual information ``log2(O11 / E11)`` (Church & Hanks 1990). Favours rare
  pairs; read it with ``min_count``.
- ``t_score``: ``(O11 − E11) / √O11`` (Church, Gale, Hanks & Hindle 1991, in Evert's 2005 form).
  Favours frequent pairs.
- ``log_likelihood``: G² = ``2 Σ O ln(O / E)`` over the four cells (Dunning 1993).
- ``dice``: ``2 O11 / (f1 + f2)`` with ``f1``, ``f2`` the frequencies of the two words
  (Smadja, McKeown & Hatzivassiloglou 1996).
- ``log_dice``: ``14 + log2(dice)`` (Rychlý 2008); maximum 14, halving the co-occurrence
  lowers it by 1, and it does not depend on corpus size.

These equal NLTK's ``BigramAssocMeasures`` ``pmi``, ``student_t``, ``likelihood_ratio`` and
``dice`` for the same table (the tests check it); here they run on whole arrays at once.

References
----------
Church, K. W. & Hanks, P. (1990). Word association norms, mutual information, and lexicography.
*Computational Linguistics* 16(1), 22-29.
Church, K., Gale, W., Hanks, P. & Hindle, D. (1991). Using statistics in lexical analysis. In U.
Zernik (ed.), *Lexical Acquisition*, 115-164. Erlbaum.
Dunning, T. (1993). Accurate methods for the statistics of surprise and coincidence.
*Computational Linguistics* 19(1), 61-74.
Smadja, F., McKeown, K. R. & Hatzivassiloglou, V. (1996). Translating collocations for bilingual
lexicons: a statistical approach. *Computational Linguistics* 22(1), 1-38.
Evert, S. (2005). *The Statistics of Word Cooccurrences: Word Pairs and Collocations*. PhD
thesis, University of Stuttgart.
Evert, S. (2008). Corpora and collocations. In A. Lüdeling & M. Kytö (eds), *Corpus
Linguistics: An International Handbook*, vol. 2, 1212-1248. De Gruyter.
Rychlý, P. (2008). A lexicographer-friendly association score. *Proceedings of Recent Advances
in Slavonic Natural Language Processing (RASLAN 2008)*, 6-9.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import numpy as np
import pandas as pd

from analysis._checks import check_number, check_option
from analysis.distributed.dispatch import distributable
from analysis.keyterms._counting import (
    check_tokens,
    in_reading_order,
    ngram_codes,
    o_ln_o_over_e,
    sort_result,
    word_stream,
)

__all__ = ["collocates", "collocations"]

Measure = Literal["log_likelihood", "mi", "t_score", "dice", "log_dice"]
MEASURES = ("log_likelihood", "mi", "t_score", "dice", "log_dice")
SCORES = ["expected", "mi", "t_score", "log_likelihood", "dice", "log_dice"]


@distributable
def collocations(
    tokens: pd.DataFrame,
    *,
    measure: Measure = "log_likelihood",
    min_count: int = 3,
    stopwords: Literal["keep", "drop"] = "keep",
) -> pd.DataFrame:
    """Score adjacent word pairs (bigrams inside a sentence, not across punctuation).

    The table of a pair ``w1 w2`` counts bigram positions (Evert 2008, "positional"
    frequencies): ``O11`` = bigrams ``w1 w2``, ``R1`` = bigrams whose first word is ``w1``,
    ``C1`` = bigrams whose second word is ``w2``, ``N`` = all bigrams; ``E11 = R1 C1 / N``. Dice
    and logDice use ``f1 = R1`` and ``f2 = C1``. Measures as in the module docstring.

    Parameters
    ----------
    tokens : DataFrame
        A token table (``corpus.tokens``).
    measure : {'log_likelihood', 'mi', 't_score', 'dice', 'log_dice'}
        Sort key (descending; ties broken by ``term``). G² is sorted signed by the direction
        of ``n − expected``, so pairs seen less often than expected come last.
    min_count : int
        Keep pairs seen at least this often.
    stopwords : {'keep', 'drop'}
        ``drop`` removes pairs that contain a stopword (after counting, so no false
        adjacencies are created).

    Returns
    -------
    DataFrame
        ``term, word_1, word_2, n, n_word_1, n_word_2, n_pairs, expected, mi, t_score,
        log_likelihood, dice, log_dice`` (``n`` = O11, ``n_word_1`` = R1, ``n_word_2`` = C1,
        ``n_pairs`` = N).

    References
    ----------
    Church & Hanks (1990); Dunning (1993); Evert (2008); Rychlý (2008): see the module
    docstring.

    Examples
    --------
    >>> from analysis.keyterms._counting import toy_tokens
    >>> toks = toy_tokens("shared future . shared future . shared risks . common future .")
    >>> collocations(toks, min_count=2)[["term", "n", "n_word_1", "n_word_2", "log_dice"]]
                term  n  n_word_1  n_word_2   log_dice
    0  shared future  2         3         3  13.415037
    """
    check_number("min_count", min_count, minimum=1, integer=True)
    check_tokens(tokens)
    check_option("measure", measure, MEASURES)
    check_option("stopwords", stopwords, ("keep", "drop"))
    counts = bigram_counts(tokens, min_count=min_count)
    return collocation_table(counts, measure=measure, min_count=min_count, stopwords=stopwords)


def bigram_counts(tokens: pd.DataFrame, *, min_count: int = 1) -> dict:
    """The counting step of :func:`collocations`: the margins of every pair's 2x2 table.

    Returns ``pairs`` (``word_1, word_2, n``: pairs seen at least ``min_count`` times),
    ``first`` and ``second`` (bigram positions by their first and second word, indexed by
    word), ``n_pairs`` (all bigram positions) and ``stops`` (the words marked ``is_stop``).
    With ``min_count=1`` the counts of disjoint sets of documents add up to those of their
    union, which is what :mod:`analysis.distributed` relies on.
    """
    stream = word_stream(in_reading_order(tokens))
    start, key = ngram_codes(stream, 2, 2).get(2, (np.empty(0, dtype=np.int64),) * 2)
    first, second = stream.codes[start], stream.codes[start + 1]
    n11 = np.bincount(key)
    where = np.full(len(n11), -1, dtype=np.int64)
    where[key[::-1]] = np.arange(len(key))[::-1]
    ids = np.flatnonzero(n11 >= min_count)
    w1, w2 = first[where[ids]], second[where[ids]]
    vocab = pd.Index(stream.vocab, dtype=object).astype(str)
    return {
        "pairs": pd.DataFrame({"word_1": vocab[w1], "word_2": vocab[w2], "n": n11[ids]}),
        "first": pd.Series(np.bincount(first, minlength=len(vocab)), index=vocab),
        "second": pd.Series(np.bincount(second, minlength=len(vocab)), index=vocab),
        "n_pairs": len(key),
        "stops": set(vocab[np.unique(stream.codes[stream.stop])]),
    }


def collocation_table(
    counts: dict, *, measure: str, min_count: int, stopwords: str
) -> pd.DataFrame:
    """The statistics step of :func:`collocations`, from the counts of :func:`bigram_counts`."""
    if counts["n_pairs"] == 0:
        raise ValueError("no adjacent word pairs: every sentence has fewer than two words")
    pairs = counts["pairs"][counts["pairs"]["n"] >= min_count]
    if stopwords == "drop":
        stops = list(counts["stops"])
        pairs = pairs[~(pairs["word_1"].isin(stops) | pairs["word_2"].isin(stops))]
    w1, w2 = pairs["word_1"].to_numpy(dtype=object), pairs["word_2"].to_numpy(dtype=object)
    r1 = counts["first"].reindex(w1).to_numpy(dtype=np.int64)
    c1 = counts["second"].reindex(w2).to_numpy(dtype=np.int64)
    o11, rr, cc = pairs["n"].to_numpy(dtype=float), r1.astype(float), c1.astype(float)
    n = float(counts["n_pairs"])
    out = pd.DataFrame(
        {
            "term": (pd.Series(w1, dtype=object) + " " + w2),
            "word_1": w1,
            "word_2": w2,
            "n": pairs["n"].to_numpy(dtype=np.int64),
            "n_word_1": r1,
            "n_word_2": c1,
            "n_pairs": int(n),
        }
    )
    out = pd.concat([out, association(o11, rr, cc, n, f1=rr, f2=cc)], axis=1)
    out = out.astype({"term": str, "word_1": str, "word_2": str})
    return _ranked(out, measure)


def collocates(
    tokens: pd.DataFrame,
    node: str | Iterable[str],
    *,
    window: int | tuple[int, int] = 4,
    measure: Measure = "log_likelihood",
    min_count: int = 2,
    stopwords: Literal["keep", "drop"] = "keep",
) -> pd.DataFrame:
    """Score the words that occur within a window around a node word.

    Windows count words (punctuation is skipped, not counted) and stop at the sentence
    boundary. Overlapping windows are merged, so each word position is counted at most once
    and the contingency table partitions the corpus (Evert 2008, on "surface
    co-occurrence"):

    - ``W`` = number of word positions inside the node's windows (``window_size``);
    - ``O11`` = positions in the windows holding the collocate (``n``);
    - ``C1 = f(c)``, the collocate's corpus frequency (``n_term``); ``N`` = words in the corpus;
    - ``E11 = W · f(c) / N``.

    How the window enters: with a span of ``L + R`` words and no window cut short by a
    sentence edge or an overlap, ``W = f(node) · (L + R)``, so ``E11 = f(node) · f(c) · (L + R)
    / N``, the expectation of Church & Hanks (1990) and Sinclair's span-based collocation;
    windows cut by sentence edges shrink ``W`` and so the expectation, rather than inflating MI.
    Dice and logDice use ``f1 = f(node)`` and ``f2 = f(c)`` as Sketch Engine does.

    Parameters
    ----------
    tokens : DataFrame
        A token table (``corpus.tokens``).
    node : str or iterable of str
        The node word (matched on ``norm``, case-insensitive), or several forms counted as one
        node (``["secure", "security"]``).
    window : int or (int, int)
        Words to the left and right (an int means the same on both sides).
    measure : {'log_likelihood', 'mi', 't_score', 'dice', 'log_dice'}
        Sort key (descending; ties broken by ``term``). G² is sorted signed by the direction
        of ``n − expected``, so pairs seen less often than expected come last.
    min_count : int
        Keep collocates seen at least this often in the windows.
    stopwords : {'keep', 'drop'}
        ``drop`` removes stopword collocates from the result (they still fill window slots).

    Returns
    -------
    DataFrame
        ``term, n, n_term, n_node, window_size, n_words, expected, mi, t_score,
        log_likelihood, dice, log_dice``.

    Raises
    ------
    ValueError
        The node does not occur; bad window; empty table; unknown option.

    Examples
    --------
    >>> from analysis.keyterms._counting import toy_tokens
    >>> toks = toy_tokens("common security matters . security cooperation grows . we rest .")
    >>> collocates(toks, "security", window=1, min_count=1)[["term", "n", "window_size"]]
              term  n  window_size
    0       common  1            3
    1  cooperation  1            3
    2      matters  1            3
    """
    check_number("min_count", min_count, minimum=1, integer=True)
    check_tokens(tokens)
    check_option("measure", measure, MEASURES)
    check_option("stopwords", stopwords, ("keep", "drop"))
    left, right = (window, window) if isinstance(window, int) else tuple(window)
    if left < 0 or right < 0 or left + right == 0:
        raise ValueError(f"window={window!r}: need non-negative sizes, not both zero")
    forms = {node.lower()} if isinstance(node, str) else {str(x).lower() for x in node}
    stream = word_stream(in_reading_order(tokens))
    is_node = np.isin(stream.vocab[stream.codes], list(forms))
    at = np.flatnonzero(is_node)
    if len(at) == 0:
        raise ValueError(f"node={node!r} does not occur in the token table (matched on norm)")
    inside = np.zeros(len(stream), dtype=bool)
    for offset in [*range(-left, 0), *range(1, right + 1)]:
        pos = at + offset
        ok = (pos >= 0) & (pos < len(stream))
        pos = pos[ok]
        inside[pos[stream.sentence[pos] == stream.sentence[at[ok]]]] = True
    n_vocab = len(stream.vocab)
    o11 = np.bincount(stream.codes[inside], minlength=n_vocab)
    f = np.bincount(stream.codes, minlength=n_vocab)
    ids = np.flatnonzero(o11 >= max(min_count, 1))
    if stopwords == "drop":
        stop = np.zeros(n_vocab, dtype=bool)
        stop[stream.codes[stream.stop]] = True
        ids = ids[~stop[ids]]
    w, n = float(inside.sum()), float(len(stream))
    out = pd.DataFrame(
        {
            "term": stream.vocab[ids],
            "n": o11[ids],
            "n_term": f[ids],
            "n_node": len(at),
            "window_size": int(w),
            "n_words": int(n),
        }
    )
    fc = f[ids].astype(float)
    scores = association(o11[ids].astype(float), w, fc, n, f1=float(len(at)), f2=fc)
    out = pd.concat([out, scores], axis=1).astype({"term": str})
    return _ranked(out, measure)


def _ranked(out: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Sort by the measure, descending; G² is signed so that repelled pairs (O11 < E11) sink."""
    key = out[measure]
    if measure == "log_likelihood":
        key = key * np.sign(out["n"] - out["expected"])
    out = out.assign(_key=key.to_numpy())
    return sort_result(out, ["_key", "term"], [False, True]).drop(columns="_key")


def association(o11, r1, c1, n, *, f1, f2) -> pd.DataFrame:
    """Association scores for observed ``o11``, margins ``r1``/``c1`` and sample size ``n``.

    Returns the columns ``expected, mi, t_score, log_likelihood, dice, log_dice`` (formulas in
    the module docstring); ``f1``/``f2`` are the word frequencies Dice uses.

    Manning & Schütze (1999, ch. 5) worked examples on a 14,307,668-word corpus: *Ayatollah
    Ruhollah* (42, 20, 20) has MI 18.38; *new companies* (15828, 4675, 8) has t 0.999932.

    >>> s = association(20, 42, 20, 14307668, f1=42, f2=20)
    >>> round(float(s.mi.iloc[0]), 2)
    18.38
    >>> s = association(8, 15828, 4675, 14307668, f1=15828, f2=4675)
    >>> round(float(s.t_score.iloc[0]), 6)
    0.999932
    """
    o11, r1, c1 = (np.atleast_1d(np.asarray(x, dtype=float)) for x in (o11, r1, c1))
    o11, r1, c1 = np.broadcast_arrays(o11, r1, c1)
    e11 = r1 * c1 / n
    cells = [
        (o11, e11),
        (r1 - o11, r1 - e11),
        (c1 - o11, c1 - e11),
        (n - r1 - c1 + o11, n - r1 - c1 + e11),
    ]
    g2 = 2 * sum(o_ln_o_over_e(o, e) for o, e in cells)
    dice = 2 * o11 / (np.asarray(f1, dtype=float) + np.asarray(f2, dtype=float))
    with np.errstate(divide="ignore"):
        return pd.DataFrame(
            {
                "expected": e11,
                "mi": np.log2(o11 / e11),
                "t_score": (o11 - e11) / np.sqrt(o11),
                "log_likelihood": np.maximum(g2, 0.0),
                "dice": dice,
                "log_dice": 14 + np.log2(dice),
            }
        )
