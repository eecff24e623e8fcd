"""Sentence sentiment on Dask tables: each partition scored on its worker, in input order.

VADER scores a sentence by itself, so a partition's scores are those it would get in one big
table; the partitions are scored where they are and put back together in their order, with their
index, as :func:`analysis.sentence_sentiment` returns them. The score cache
(:mod:`analysis.sentiment.cache`, SQLite) is shared by the workers of one machine as by the
processes of the in-memory path.
"""

from __future__ import annotations

from analysis._checks import check_columns, check_option
from analysis.distributed.engine import concat, map_partitions
from analysis.sentiment.scores import sentence_sentiment as _sentence_sentiment
from analysis.sentiment.vader import Variant

__all__ = ["sentence_sentiment"]


def sentence_sentiment(
    sentences, *, variant="reference", overrides=None, cache=True, processes=None
):
    """:func:`analysis.sentence_sentiment` of a Dask sentence table (same arguments, same result).

    ``processes`` applies within each partition; None scores a partition in its worker's own
    process (a worker is a process already, and may not start others).
    """
    check_columns(sentences._meta, ["text"], source="corpus.sentences (a table with a text column)")
    check_option("variant", variant, Variant)
    parts = map_partitions(
        sentences,
        _scored,
        variant=variant,
        overrides=overrides,
        cache=cache,
        processes=processes or 1,
    )
    scored = [part for part in parts if part is not None]
    if not scored:
        return _sentence_sentiment(sentences._meta, variant=variant, cache=False)
    return concat(scored)


def _scored(part, **options):
    if len(part) == 0:
        return None
    return _sentence_sentiment(part, **options)
