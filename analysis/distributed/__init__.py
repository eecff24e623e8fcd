"""Beyond one machine: the corpus and its analyses on Dask (dask.dataframe, dask.distributed).

``analysis.load_corpus(path, engine="dask")`` builds or reads the corpus store in parallel, one
partition per group of whole documents, on a :func:`client` (a ``LocalCluster`` unless a
scheduler address is given or set in ``DASK_SCHEDULER_ADDRESS``), and returns a
:class:`analysis.Corpus` whose paragraph, sentence and token tables are Dask DataFrames.
:func:`analysis.frequencies`, :func:`analysis.ngrams`, :func:`analysis.keyness`,
:func:`analysis.collocations`, :func:`analysis.dispersion`, :func:`analysis.kwic`,
:func:`analysis.sentence_sentiment` and :func:`analysis.discourse_features` accept such tables
and return the same pandas results as the in-memory path: counts are made per partition and
combined by a tree reduction on the workers, and the statistics are computed from the combined
counts by the pandas code itself. ``docs/CLUSTER.md`` says how to run on a cluster.

Dask is imported only when one of these is used (lazy_loader, as in :mod:`analysis`).
"""

import lazy_loader as lazy

__getattr__, __dir__, __all__ = lazy.attach(
    __name__,
    submod_attrs={
        "engine": ["client"],
        "tables": ["DaskCorpus", "corpus_tables", "sample_documents"],
        "keyterms": ["collocations", "dispersion", "frequencies", "keyness", "kwic", "ngrams"],
        "sentiment": ["sentence_sentiment"],
        "discourse": ["discourse_features"],
    },
)
