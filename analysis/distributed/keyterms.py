"""Key-term statistics of Dask tables: counts per partition, a tree reduction, pandas statistics.

Each function takes the arguments of its in-memory namesake in :mod:`analysis.keyterms` and
returns the same table. It counts every partition on the workers with the in-memory function's
own counting step (``frequency_counts``, ``ngram_counts``, ``bigram_counts``, ...), sums the
partial counts in a tree (:func:`analysis.distributed.engine.reduce_partitions`), and computes the
statistics from the combined counts with the in-memory function's own statistics step
(``frequency_table``, ``ngram_table``, ``collocation_table``, ...). Partial counts add up because
a partition holds whole documents and nothing counted crosses a document. ``kwic`` is not a
count: its lines are found partition by partition and put in the in-memory order.

Counts are integers and come out identical; of the floats, only the dispersion measures are sums
over parts taken in another order, and agree with the in-memory ones to about 1e-15 relative.
"""

from __future__ import annotations

import pandas as pd

from analysis._checks import check_columns, check_number, check_option
from analysis.distributed.dispatch import is_dask
from analysis.distributed.engine import concat, map_partitions, reduce_partitions
from analysis.keyterms._counting import TOKEN_COLUMNS, counted, terms_of
from analysis.keyterms.collocations import MEASURES, bigram_counts, collocation_table
from analysis.keyterms.dispersion import (
    dispersion_filter,
    dispersion_table,
    part_counts,
    part_keys,
    stops_of,
    term_deviations,
    term_sums,
)
from analysis.keyterms.frequency import (
    _length_range,
    frequency_counts,
    frequency_table,
    ngram_counts,
    ngram_table,
)
from analysis.keyterms.keyness import keyness as _keyness
from analysis.keyterms.kwic import COLUMNS as KWIC_COLUMNS
from analysis.keyterms.kwic import check_arguments, kwic_order
from analysis.keyterms.kwic import kwic as _kwic
from analysis.levels import level_columns

__all__ = ["collocations", "dispersion", "frequencies", "keyness", "kwic", "ngrams"]

_SOURCE = "corpus.tokens from analysis.load_corpus(engine='dask')"


def _check_tokens(tokens, columns=TOKEN_COLUMNS) -> None:
    """The checks of the in-memory path, on the table's (empty) pandas meta."""
    check_columns(tokens._meta, columns, source=_SOURCE)


def _nothing_to_count() -> ValueError:
    return ValueError(
        "token table is empty: there is nothing to count; check the corpus folder or the "
        "filter applied before this call"
    )


def _has_words(part: pd.DataFrame) -> bool:
    return len(part) > 0 and bool(part["is_word"].to_numpy(dtype=bool).any())


def frequencies(tokens, *, by=None, stopwords="keep", words_only=True, min_count=1):
    """:func:`analysis.frequencies` of a Dask token table (same arguments, same result)."""
    check_number("min_count", min_count, minimum=1, integer=True)
    _check_tokens(tokens)
    check_option("stopwords", stopwords, ("keep", "drop"))
    groups = level_columns(by)
    check_columns(tokens._meta, groups, source="corpus.tokens")
    combined = reduce_partitions(
        tokens,
        _frequency_part,
        _frequency_combine,
        groups=groups,
        stopwords=stopwords,
        words_only=words_only,
    )
    if combined is None:
        raise _nothing_to_count()
    counts, sizes, _ = combined
    return frequency_table(counts, sizes, groups, min_count=min_count)


def _frequency_part(part, *, groups, stopwords, words_only):
    if len(part) == 0:
        return None
    try:
        counts, sizes = frequency_counts(part, groups, stopwords=stopwords, words_only=words_only)
    except ValueError:
        return None  # no word here (only punctuation, or only stopwords dropped)
    return counts, sizes, groups


def _frequency_combine(results):
    results = [result for result in results if result is not None]
    if not results:
        return None
    groups = results[0][2]
    counts = concat([counts for counts, _, _ in results], ignore_index=True)
    sizes = concat([sizes for _, sizes, _ in results], ignore_index=True)
    counts = (
        counts.groupby([*groups, "term"], observed=True, dropna=False, sort=False)[["n", "n_docs"]]
        .sum()
        .reset_index()
    )
    if groups:
        sizes = (
            sizes.groupby(groups, observed=True, dropna=False, sort=False)["n_words"]
            .sum()
            .reset_index()
        )
    else:
        sizes = pd.DataFrame({"n_words": [sizes["n_words"].sum()]})
    return counts, sizes, groups


def ngrams(tokens, *, n=2, min_count=2, stopwords="keep"):
    """:func:`analysis.ngrams` of a Dask token table (same arguments, same result)."""
    check_number("min_count", min_count, minimum=1, integer=True)
    _check_tokens(tokens)
    check_option("stopwords", stopwords, ("keep", "drop_all", "drop_edge"))
    lo, hi = _length_range(n)
    counts, size = reduce_partitions(
        tokens, _ngram_part, _ngram_combine, lo=lo, hi=hi, stopwords=stopwords
    )
    if size == 0:
        raise ValueError("token table has no word tokens (is_word is False on every row)")
    if counts is not None:
        counts = counts[counts["n"] >= min_count]
    return ngram_table(counts, size)


def _ngram_part(part, *, lo, hi, stopwords):
    if not _has_words(part):
        return None, 0
    # every n-gram, however rare here: it may be frequent in the whole corpus
    counts, size = ngram_counts(part, lo, hi, min_count=1, stopwords=stopwords)
    return (None if counts is None else counts[["ngram", "n_words", "n", "n_docs"]]), size


def _ngram_combine(results):
    counts = concat([counts for counts, _ in results], ignore_index=True)
    if counts is not None:
        counts = counts.groupby(["ngram", "n_words"], sort=False)[["n", "n_docs"]].sum()
        counts = counts.reset_index()
    return counts, sum(size for _, size in results)


def keyness(target, reference, **options):
    """:func:`analysis.keyness` with Dask token tables as target and/or reference.

    The terms of each Dask table are counted on the workers (a ``term, n`` table); the
    statistics are then those of the in-memory function, on the counts.
    """
    tables = {"target": target, "reference": reference}
    for role, data in tables.items():
        if is_dask(data):
            check_columns(data._meta, ("norm", "is_word"), source=_SOURCE)
            counts = reduce_partitions(data, _term_part, _term_combine)
            if counts is None:
                raise ValueError(f"{role} has no words to count")
            tables[role] = counts.rename_axis("term").reset_index(name="n")
    return _keyness(tables["target"], tables["reference"], **options)


def _term_part(part):
    return terms_of(part).value_counts() if _has_words(part) else None


def _term_combine(results):
    counts = concat(results)
    return None if counts is None else counts.groupby(level=0, sort=False).sum()


def collocations(tokens, *, measure="log_likelihood", min_count=3, stopwords="keep"):
    """:func:`analysis.collocations` of a Dask token table (same arguments, same result)."""
    check_number("min_count", min_count, minimum=1, integer=True)
    _check_tokens(tokens)
    check_option("measure", measure, MEASURES)
    check_option("stopwords", stopwords, ("keep", "drop"))
    counts = reduce_partitions(tokens, _bigram_part, _bigram_combine)
    if counts is None:
        raise _nothing_to_count()
    return collocation_table(counts, measure=measure, min_count=min_count, stopwords=stopwords)


def _bigram_part(part):
    return bigram_counts(part, min_count=1) if _has_words(part) else None


def _bigram_combine(results):
    results = [result for result in results if result is not None]
    if not results:
        return None
    pairs = concat([r["pairs"] for r in results], ignore_index=True)
    return {
        "pairs": pairs.groupby(["word_1", "word_2"], sort=False)["n"].sum().reset_index(),
        "first": concat([r["first"] for r in results]).groupby(level=0, sort=False).sum(),
        "second": concat([r["second"] for r in results]).groupby(level=0, sort=False).sum(),
        "n_pairs": sum(r["n_pairs"] for r in results),
        "stops": set().union(*(r["stops"] for r in results)),
    }


def dispersion(tokens, *, parts="paragraph_id", terms=None, stopwords="keep", min_count=1):
    """:func:`analysis.dispersion` of a Dask token table (same arguments, same result).

    Three passes over the partitions, each a tree reduction: the part sizes; per term its
    count and the sums of its rates; per term the sums that need the corpus totals (Carroll's
    entropy, Gries' deviations). The last two are float sums taken in another order than in
    memory: D, D2, DP and DPnorm agree to about 1e-15 relative, not to the last bit.
    """
    _check_tokens(tokens, ("doc_id", "norm", "is_word", "is_stop"))
    keys = part_keys(tokens.columns, parts=parts, stopwords=stopwords, min_count=min_count)
    sizes = reduce_partitions(tokens, _size_part, _size_combine, keys=keys)
    if sizes is None:
        raise _nothing_to_count()
    total, n_parts, smallest, stops = sizes
    first = reduce_partitions(tokens, _sums_part, _sums_combine, keys=keys, total=total)
    second = reduce_partitions(
        tokens, _deviation_part, _deviation_combine, keys=keys, total=total, sums=first
    )
    out = dispersion_table(first.join(second), n_parts=n_parts, min_share=smallest / total)
    return dispersion_filter(out, stops, terms, stopwords, min_count)


def _words(part, keys):
    if not _has_words(part):
        return None
    return counted(part, columns=[*keys, "norm", "is_stop"])


def _size_part(part, *, keys):
    words = _words(part, keys)
    if words is None:
        return None
    size = part_counts(words, keys)[0]
    return float(size.sum()), len(size), float(size.min()), stops_of(words)


def _size_combine(results):
    results = [result for result in results if result is not None]
    if not results:
        return None
    return (
        float(sum(r[0] for r in results)),
        sum(r[1] for r in results),
        min(r[2] for r in results),
        set().union(*(r[3] for r in results)),
    )


def _sums_part(part, *, keys, total):
    words = _words(part, keys)
    if words is None:
        return None
    size, t, p, v, vocab = part_counts(words, keys)
    return term_sums(vocab, t, p, v, size, size / total)


def _sums_combine(results):
    sums = concat(results)
    if sums is None:
        return None
    aggregate = dict.fromkeys(sums.columns, "sum") | {"top": "max"}
    return sums.groupby(level=0, sort=False).agg(aggregate)


def _deviation_part(part, *, keys, total, sums):
    words = _words(part, keys)
    if words is None:
        return None
    size, t, p, v, vocab = part_counts(words, keys)
    return term_deviations(vocab, t, p, v, size, size / total, sums)


def _deviation_combine(results):
    sums = concat(results)
    return None if sums is None else sums.groupby(level=0, sort=False).sum()


def kwic(tokens, term, *, window=6, match="exact", sort="position"):
    """:func:`analysis.kwic` of a Dask token table (same arguments, same result).

    Context stays within a document, and a partition holds whole documents, so each
    partition's lines are found on its worker; they are put together in reading order (the
    partitions follow ``doc_id``) and then sorted as ``sort`` asks.
    """
    _check_tokens(tokens, ("doc_id", "sentence_id", "token_id", "token", "norm", "is_word"))
    check_arguments(term, window=window, match=match, sort=sort)
    lines = map_partitions(tokens, _kwic_part, term=term, window=window, match=match)
    lines = [table for table in lines if table is not None and len(table)]
    if not lines:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in KWIC_COLUMNS})
    return kwic_order(_as_one_table(concat(lines, ignore_index=True)), sort)


def _as_one_table(lines: pd.DataFrame) -> pd.DataFrame:
    """Give each object column the dtype one table of all the lines would have had.

    A partition where a column holds only missing values (no speaker) makes it ``object``;
    where it holds strings it is ``str``, as the column of the whole table is.
    """
    untyped = [c for c in lines.columns if lines[c].dtype == object]
    return lines.assign(**{c: pd.Series(lines[c].to_numpy(), index=lines.index) for c in untyped})


def _kwic_part(part, *, term, window, match):
    if not _has_words(part):
        return None
    return _kwic(part, term, window=window, match=match, sort="position")
