"""Discourse features on Dask tables: every partition searched on its worker, results joined.

:func:`analysis.discourse_features` works document by document, except for one thing it learns
from the whole corpus: the speakers whose names it looks for as actors. That list is gathered
first (a reduction over the token partitions); then each partition's tokens and sentences (the
same documents: the tables of ``load_corpus(engine="dask")`` share their partitions) are searched
on a worker with the in-memory code, and the tables of the partitions are put together in their
order, which is the in-memory order since the partitions follow ``doc_id``.
"""

from __future__ import annotations

from analysis.discourse.features import _TOKEN_COLUMNS, DiscourseFeatures, _check_features, search
from analysis.distributed.engine import concat, map_partitions, reduce_partitions
from analysis.distributed.keyterms import _check_tokens

__all__ = ["discourse_features"]


def discourse_features(corpus_or_tokens, *, features=None, lexicons=None) -> DiscourseFeatures:
    """:func:`analysis.discourse_features` of a corpus with Dask tables, or a Dask token table.

    Same arguments, same result. A corpus's sentence and token tables must have the same
    partitions (as ``load_corpus(engine="dask")`` makes them).
    """
    chosen = _check_features(features)
    tokens = getattr(corpus_or_tokens, "tokens", corpus_or_tokens)
    sentences = getattr(corpus_or_tokens, "sentences", None)
    _check_tokens(tokens, _TOKEN_COLUMNS)
    tables = [tokens] if sentences is None else [tokens, sentences]
    if sentences is not None and sentences.npartitions != tokens.npartitions:
        raise ValueError(
            f"corpus.sentences has {sentences.npartitions} partitions and corpus.tokens "
            f"{tokens.npartitions}: load the corpus with analysis.load_corpus(engine='dask')"
        )
    speakers = reduce_partitions(tokens, _speakers_part, _speakers_combine)
    parts = map_partitions(
        tables, _search, chosen=chosen, lexicons=lexicons, speakers=sorted(speakers)
    )
    parts = [part for part in parts if part is not None]
    if not parts:
        raise ValueError(
            "token table is empty: there is nothing to count; check the corpus folder or the "
            "filter applied before this call"
        )
    found = {}
    for name in ("matches", "sentences", "words"):
        tables_of = [part[name] for part in parts]
        # a partition without a match has untyped empty columns: leave it out if others have some
        filled = [table for table in tables_of if len(table)] or tables_of[:1]
        found[name] = concat(filled, ignore_index=True)
    found["categories"] = parts[0]["categories"]
    found["lexicons"] = parts[0]["lexicons"]
    return DiscourseFeatures(**found)


def _speakers_part(part):
    return set(part["speaker"].dropna().astype(str).unique().tolist())


def _speakers_combine(results):
    return set().union(*results)


def _search(tokens, sentences=None, *, chosen, lexicons, speakers):
    """On a worker: the tables of :func:`analysis.discourse_features` for one partition."""
    if len(tokens) == 0:
        return None
    return search(tokens, sentences, chosen=chosen, lexicons=lexicons, speakers=speakers)
