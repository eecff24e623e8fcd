"""Word frequencies, n-grams and recurrent formulas.

Counting is the first thing a discourse analyst does and the first thing that misleads: raw
counts grow with text length, so every table here gives the count ``n`` beside a rate per 10,000
words (``per_10k``) and the size it was computed from (``n_words``). Counting is on ``norm``
(lower-cased, apostrophes unified), words only by default; stopwords are kept unless asked,
because the project's stopword list keeps pronouns, modals and negation, which carry stance.

N-grams are contiguous word sequences inside one sentence; a punctuation token breaks them, so
"security, stability" is not a bigram. *Formulas* are recurrent n-grams reduced to maximal
units, in the spirit of lexical bundles (Biber, Conrad & Cortes 2004) and of the frequency-based
de-duplication of overlapping n-grams (Altenberg 1998; Buerki 2012): a shorter n-gram is listed
only if it also occurs outside the longer formulas that were kept.

References
----------
Altenberg, B. (1998). On the phraseology of spoken English: the evidence of recurrent
word-combinations. In A. P. Cowie (ed.), *Phraseology*, 101-122. Oxford University Press.
Biber, D., Conrad, S. & Cortes, V. (2004). If you look at...: Lexical bundles in university
teaching and textbooks. *Applied Linguistics* 25(3), 371-405.
Buerki, A. (2017). Frequency consolidation among word n-grams: a practical procedure. In
*Computational and Corpus-Based Phraseology (Europhras 2017)*, LNCS 10596, 432-446. Springer.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from analysis._checks import check_columns, check_number, check_option
from analysis.distributed.dispatch import distributable
from analysis.keyterms._counting import (
    check_tokens,
    counted,
    dense_codes,
    group_codes,
    in_reading_order,
    ngram_codes,
    ngram_text,
    sort_result,
    word_stream,
)
from analysis.levels import Level, level_columns

__all__ = ["formulas", "frequencies", "ngrams"]

NgramStopwords = Literal["keep", "drop_all", "drop_edge"]


@distributable
def frequencies(
    tokens: pd.DataFrame,
    *,
    by: Level | list[Level] | None = None,
    stopwords: Literal["keep", "drop"] = "keep",
    words_only: bool = True,
    min_count: int = 1,
) -> pd.DataFrame:
    """Count terms, with a rate per 10,000 words and document frequency.

    ``per_10k = 10_000 * n / n_words`` where ``n_words`` is the number of words (tokens, if
    ``words_only=False``) in the group *before* stopwords are dropped, so rates stay comparable
    whatever the stopword policy. ``n_docs`` is the number of documents (within the group) in
    which the term occurs at least once.

    Parameters
    ----------
    tokens : DataFrame
        A token table (``corpus.tokens``).
    by : {"corpus", "document", "paragraph", "sentence", "voice", "speaker"} or a list, optional
        Level(s) to count within (:mod:`analysis.levels`; None: the corpus); their id columns
        (``doc_id``, ``voice`` ...) lead the result. Rows with a missing value (``speaker`` of
        the author) form a group of their own.
    stopwords : {'keep', 'drop'}
        Keep or drop tokens whose ``is_stop`` is True.
    words_only : bool
        Count only ``is_word`` tokens (punctuation and symbols excluded).
    min_count : int
        Keep terms counted at least this often (within their group).

    Returns
    -------
    DataFrame
        ``<by columns>, term, n, n_words, per_10k, n_docs``; sorted by group, then ``n`` descending,
        then ``term``.

    Raises
    ------
    ValueError
        Empty table, missing columns, unknown option, or nothing left to count.

    Examples
    --------
    >>> from analysis.keyterms._counting import toy_tokens
    >>> frequencies(toy_tokens("we build peace . we build trust .")).head(2)
        term  n  n_words  per_10k  n_docs
    0  build  2        6  3333.33       1
    1     we  2        6  3333.33       1
    """
    check_number("min_count", min_count, minimum=1, integer=True)
    check_tokens(tokens)
    check_option("stopwords", stopwords, ("keep", "drop"))
    groups = level_columns(by)
    check_columns(tokens, groups, source="corpus.tokens")
    counts, sizes = frequency_counts(tokens, groups, stopwords=stopwords, words_only=words_only)
    return frequency_table(counts, sizes, groups, min_count=min_count)


def frequency_counts(
    tokens: pd.DataFrame, groups: list[str], *, stopwords: str, words_only: bool
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The counting step of :func:`frequencies`, apart so that partial counts can be summed.

    Returns ``<groups>, term, n, n_docs`` (every term, no ``min_count``) and the group sizes
    ``<groups>, n_words``. Counts of disjoint sets of documents add up to the counts of their
    union (``n_docs`` too, since a document is never split), which is what
    :mod:`analysis.distributed` relies on.
    """
    population = counted(tokens, words_only=words_only, columns=groups or ["norm"])
    kept = counted(
        tokens, words_only=words_only, stopwords=stopwords, columns=[*groups, "norm", "doc_id"]
    )
    # integer codes and bincount: factorizing each string column once is the expensive part
    group, first_row = group_codes(kept, groups)
    term, vocab = pd.factorize(kept["norm"].to_numpy())
    pair, pair_first = dense_codes(group * len(vocab) + term)
    n = np.bincount(pair)
    doc = pd.factorize(kept["doc_id"].to_numpy())[0]
    seen = pd.unique(pair.astype(np.int64) * (doc.max() + 1) + doc) // (doc.max() + 1)
    n_docs = np.bincount(seen, minlength=len(n))
    out = kept.iloc[first_row[group[pair_first]]][groups].reset_index(drop=True)
    out = out.assign(term=vocab[term[pair_first]], n=n, n_docs=n_docs)
    if groups:
        sizes = population.groupby(groups, observed=True).size().rename("n_words").reset_index()
    else:
        sizes = pd.DataFrame({"n_words": [len(population)]})
    return out, sizes


def frequency_table(
    counts: pd.DataFrame, sizes: pd.DataFrame, groups: list[str], *, min_count: int
) -> pd.DataFrame:
    """The statistics step of :func:`frequencies`: rates from the counts, filtered and sorted."""
    if groups:
        out = counts.merge(sizes, on=groups, how="left")
    else:
        out = counts.assign(n_words=sizes["n_words"].iloc[0])
    out = out[out["n"] >= min_count]
    out = out.assign(per_10k=(10_000 * out["n"] / out["n_words"]).round(2))
    out = out[[*groups, "term", "n", "n_words", "per_10k", "n_docs"]]
    out["term"] = out["term"].astype(str)
    return sort_result(out, [*groups, "n", "term"], [True] * len(groups) + [False, True])


@distributable
def ngrams(
    tokens: pd.DataFrame,
    *,
    n: int | tuple[int, int] = 2,
    min_count: int = 2,
    stopwords: NgramStopwords = "keep",
) -> pd.DataFrame:
    """Count contiguous word sequences (n-grams) that do not cross a sentence or punctuation.

    Parameters
    ----------
    tokens : DataFrame
        A token table (``corpus.tokens``).
    n : int or (int, int)
        Length of the n-grams, or an inclusive range of lengths such as ``(2, 5)``.
    min_count : int
        Keep n-grams that occur at least this often.
    stopwords : {'keep', 'drop_all', 'drop_edge'}
        ``keep`` every n-gram; ``drop_all`` those made only of stopwords ("of the");
        ``drop_edge`` those that begin or end with a stopword (Sketch Engine style).
        Stopwords are never deleted from the text first: that would invent adjacencies.

    Returns
    -------
    DataFrame
        ``ngram, n_words, n, per_10k, n_docs`` (``n_words`` is the length of the n-gram;
        ``per_10k`` is per 10,000 words of the table); sorted by ``n`` descending, then longer
        first, then ``ngram``.

    Examples
    --------
    >>> from analysis.keyterms._counting import toy_tokens
    >>> ngrams(toy_tokens("we build peace . we build trust ."), n=2)
          ngram  n_words  n  per_10k  n_docs
    0  we build        2  2  3333.33       1
    """
    check_number("min_count", min_count, minimum=1, integer=True)
    check_tokens(tokens)
    check_option("stopwords", stopwords, ("keep", "drop_all", "drop_edge"))
    lo, hi = _length_range(n)
    counts, size = ngram_counts(tokens, lo, hi, min_count=min_count, stopwords=stopwords)
    return ngram_table(counts, size)


def ngram_counts(
    tokens: pd.DataFrame, lo: int, hi: int, *, min_count: int, stopwords: str
) -> tuple[pd.DataFrame | None, int]:
    """The counting step of :func:`ngrams`: ``ngram, n_words, n, n_docs`` and the word count.

    The table is None when no length in ``lo..hi`` fits in the text. With ``min_count=1``
    the counts of disjoint sets of documents add up to those of their union (n-grams never
    cross a document), which is what :mod:`analysis.distributed` relies on.
    """
    stream = word_stream(in_reading_order(tokens))
    frames = [
        _tally(stream, start, key, length, min_count, stopwords)
        for length, (start, key) in ngram_codes(stream, lo, hi, min_count=min_count).items()
    ]
    if not frames:
        return None, len(stream)
    return pd.concat(frames, ignore_index=True), len(stream)


def ngram_table(counts: pd.DataFrame | None, size: int) -> pd.DataFrame:
    """The statistics step of :func:`ngrams`: rates per 10,000 of ``size`` words, sorted."""
    if counts is None:
        return _empty(["ngram", "n_words", "n", "per_10k", "n_docs"])
    out = counts.assign(per_10k=(10_000 * counts["n"] / size).round(2))
    out = out[["ngram", "n_words", "n", "per_10k", "n_docs"]]
    return sort_result(out, ["n", "n_words", "ngram"], [False, False, True])


def formulas(
    tokens: pd.DataFrame,
    *,
    n: tuple[int, int] = (2, 6),
    min_count: int = 3,
    stopwords: NgramStopwords = "drop_edge",
) -> pd.DataFrame:
    """Find recurrent multi-word formulas, keeping only maximal ones.

    Rule (longest first): an n-gram of length *L* is a candidate if it occurs at least
    ``min_count`` times. A candidate is *kept* unless every one of its occurrences lies inside an
    occurrence of a longer formula already kept; so "shared future" disappears under "community
    with a shared future" if it never occurs without it, and stays (with ``n_free`` > 0) if it
    also occurs on its own. This is the substring reduction used for lexical bundles (Altenberg
    1998; Buerki 2017), done on occurrences rather than on totals so that overlapping formulas
    are handled exactly.

    Parameters
    ----------
    tokens : DataFrame
        A token table (``corpus.tokens``).
    n : (int, int)
        Shortest and longest formula length, inclusive.
    min_count : int
        Minimum number of occurrences for a formula.
    stopwords : {'keep', 'drop_all', 'drop_edge'}
        As in :func:`ngrams`. By default a formula may contain stopwords but not begin or end
        with one ("community of security for all", not "a community of security for"); n-grams
        dropped by this rule are not formulas and do not hide shorter ones.

    Returns
    -------
    DataFrame
        ``formula, n_words, n, n_free, per_10k, n_docs``: ``n`` counts all occurrences, ``n_free``
        those not inside a longer kept formula. Sorted by ``n`` descending, longer first, then
        ``formula``.

    References
    ----------
    Altenberg (1998); Biber, Conrad & Cortes (2004); Buerki (2017): see the module docstring.

    Examples
    --------
    >>> from analysis.keyterms._counting import toy_tokens
    >>> text = "a shared future for all . a shared future for all . shared future now ."
    >>> formulas(toy_tokens(text), min_count=2)
                     formula  n_words  n  n_free  per_10k  n_docs
    0          shared future        2  3       1  2307.69       1
    1  shared future for all        4  2       2  1538.46       1
    """
    check_number("min_count", min_count, minimum=1, integer=True)
    check_tokens(tokens)
    check_option("stopwords", stopwords, ("keep", "drop_all", "drop_edge"))
    lo, hi = _length_range(n)
    stream = word_stream(in_reading_order(tokens))
    size = len(stream)
    reach = np.full(size, -1, dtype=np.int64)  # max end of a kept formula starting at or before i
    frames = []
    found = ngram_codes(stream, lo, hi, min_count=min_count)
    for length, (start, key) in sorted(found.items(), reverse=True):
        free = reach[start] < start + length
        table = _tally(stream, start, key, length, min_count, stopwords, free=free)
        table = table[table["n_free"] > 0]
        frames.append(table)
        is_kept = np.zeros(size + 1, dtype=bool)
        is_kept[table["key"].to_numpy()] = True
        kept = start[is_kept[key]]
        ends = np.full(size, -1, dtype=np.int64)
        ends[kept] = kept + length
        reach = np.maximum.accumulate(np.maximum(reach, ends))
    columns = ["formula", "n_words", "n", "n_free", "per_10k", "n_docs"]
    if not frames:
        return _empty(columns)
    out = pd.concat(frames, ignore_index=True).rename(columns={"ngram": "formula"})
    out = out.assign(per_10k=(10_000 * out["n"] / size).round(2))[columns]
    return sort_result(out, ["n", "n_words", "formula"], [False, False, True])


def _tally(stream, start, key, length, min_count, stopwords, *, free=None) -> pd.DataFrame:
    """Count n-gram keys, filter by count and stopword rule, and attach text and doc counts."""
    n = np.bincount(key) if len(key) else np.zeros(0, dtype=np.int64)
    first = np.full(len(n), -1, dtype=np.int64)
    first[key[::-1]] = start[::-1]  # first occurrence of each key, for its text and stopwords
    ids = np.flatnonzero(n >= min_count)
    if stopwords != "keep" and len(ids):
        stop = np.column_stack([stream.stop[first[ids] + k] for k in range(length)])
        bad = stop.all(axis=1) if stopwords == "drop_all" else stop[:, 0] | stop[:, -1]
        ids = ids[~bad]
    wanted = np.zeros(len(n), dtype=bool)
    wanted[ids] = True
    hit = wanted[key]
    width = stream.doc.max() + 1
    seen = pd.unique(key[hit] * width + stream.doc[start[hit]]) // width
    n_docs = np.bincount(seen, minlength=len(n))
    out = pd.DataFrame(
        {
            "key": ids,
            "ngram": ngram_text(stream, first[ids], length).astype(str),
            "n_words": length,
            "n": n[ids],
            "n_docs": n_docs[ids],
        }
    )
    if free is not None:
        out["n_free"] = np.bincount(key[free], minlength=len(n))[ids]
    return out


def _empty(columns: list[str]) -> pd.DataFrame:
    text = {"ngram", "formula"}
    return pd.DataFrame({c: pd.Series(dtype=str if c in text else "int64") for c in columns})


def _length_range(n: int | tuple[int, int]) -> tuple[int, int]:
    lo, hi = (n, n) if isinstance(n, int) else tuple(n)
    if not 1 <= lo <= hi:
        raise ValueError(f"n={n!r}: lengths must satisfy 1 <= shortest <= longest")
    return lo, hi
