"""The corpus tables as Dask DataFrames: the store built or read in parallel, by document groups.

:func:`corpus_tables` is what ``load_corpus(path, engine="dask")`` calls once the corpus folder
has been checked. The documents, in ``doc_id`` order, are cut into consecutive groups of about
:data:`GROUP_CHARACTERS` characters of text; a group is one partition of every table, so a
document is never split and the partitions follow the order of the in-memory tables. Each group
is one task on the workers: it reads the tables of its documents from the corpus store
(:mod:`analysis.corpus.store`, Arrow files beside the corpus), builds those it does not find and
writes them back, so a second load only reads. The tables themselves are then read from the
store partition by partition whenever a computation needs them, so a corpus larger than the
memory of the machine (or of the cluster) never has to fit in it. Their index continues from one
partition to the next (0 .. n-1 over the whole table), as in the in-memory tables.

The workers must see the corpus folder at the same path (one machine, or a shared file system
on a cluster) and be able to write its ``.cache`` folder; with ``cache=False``, or where the
store cannot be written, the tables built stay in the workers' memory instead (spilled to disk
when it fills).

Topic models (:func:`analysis.fit_topics`, :func:`analysis.cluster_texts`) need every text in
one matrix: fit them on a sample of documents taken with :func:`sample_documents`.
"""

from __future__ import annotations

import itertools
import operator
from pathlib import Path

import numpy as np
import pandas as pd

from analysis._checks import check_number
from analysis.corpus import store
from analysis.corpus.load import Corpus, _in_order
from analysis.corpus.tables import ID_COLUMNS, INT16_LIMIT, SCHEMAS, build_arrow_tables, frame
from analysis.errors import CorpusError
from analysis.progress import progress

__all__ = ["GROUP_CHARACTERS", "DaskCorpus", "corpus_on_dask", "corpus_tables", "sample_documents"]

#: characters of text per partition: about 350,000 tokens, some 40 MB of token table in pandas
GROUP_CHARACTERS = 2_000_000


class DaskCorpus(Corpus):
    """A :class:`analysis.Corpus` whose paragraph, sentence and token tables are Dask DataFrames.

    Its repr counts nothing (a count would be a computation on the cluster).
    """

    def __repr__(self) -> str:
        return (
            f"<Corpus {self.path}: {len(self.documents)} documents in "
            f"{self.tokens.npartitions} partitions (Dask)>"
        )


def corpus_on_dask(
    folder: Path, rows: list[dict], documents: pd.DataFrame, *, cache: bool = True
) -> DaskCorpus:
    """The corpus of ``load_corpus(engine="dask")``: ``documents`` and :func:`corpus_tables`."""
    return DaskCorpus(folder, documents, *corpus_tables(folder, rows, documents, cache=cache))


def corpus_tables(folder: Path, rows: list[dict], documents: pd.DataFrame, *, cache: bool = True):
    """The paragraph, sentence and token tables of a checked corpus, as Dask DataFrames.

    Parameters
    ----------
    folder
        The corpus folder.
    rows
        Its valid metadata rows (``sha256``, ``header_lines``, ``speakers``, ``genre`` ...).
    documents
        The documents table of :func:`analysis.load_corpus` (``doc_id`` order, ``text``).
    cache
        Read and keep the tables in the corpus store (True), or build them and keep them in the
        workers' memory only (False).

    Returns
    -------
    paragraphs, sentences, tokens : dask.dataframe.DataFrame
        One partition per group of documents; computed, each equals the in-memory table.
    """
    import dask
    import dask.dataframe as dd
    from distributed import as_completed

    from analysis.distributed.engine import client

    session = client()
    by_id = {row["doc_id"]: row for row in rows}
    texts = dict(zip(documents["doc_id"], documents["text"], strict=True))
    meta = {doc_id: store.voice_metadata(by_id[doc_id]) for doc_id in texts}
    keys = {
        doc_id: store.document_key(
            by_id[doc_id]["sha256"], by_id[doc_id]["header_lines"], meta[doc_id]
        )
        for doc_id in texts
    }
    groups = _groups(texts)
    # which segment holds each document, read once here: a task opens only its own segments
    where = store.locate(folder, keys) if cache else {}
    futures = [
        session.submit(
            _build_group,
            folder,
            {d: keys[d] for d in group},
            {d: texts[d] for d in group},
            {d: meta[d] for d in group},
            cache=cache,
            segments=_segments_of(group, where),
            pure=False,
        )
        for group in groups
    ]
    done = as_completed(futures)
    for _ in progress(done, total=len(futures), desc="building tables (dask)", unit="group"):
        pass
    sizes = session.gather([session.submit(operator.itemgetter("rows"), f) for f in futures])
    partial = session.gather([session.submit(operator.itemgetter("dtypes"), f) for f in futures])
    kept = session.gather([session.submit(_is_kept, f) for f in futures])
    if cache and not all(where.get(d) for d in texts):
        where = store.locate(folder, keys)  # the groups just built wrote new segments
    tables = []
    for name in SCHEMAS:
        offsets = np.concatenate([[0], np.cumsum([size[name] for size in sizes])]).tolist()
        empty = frame(SCHEMAS[name].empty_table())
        dtypes = _whole_dtypes([part[name] for part in partial], empty)
        parts = []
        for number, group in enumerate(groups):
            if kept[number]:
                read = dask.delayed(_read_group, pure=True)
                wanted = {d: keys[d] for d in group}
                segments = _segments_of(group, where)
                parts.append(read(folder, wanted, segments, name, offsets[number], dtypes))
            else:
                parts.append(
                    session.submit(_table_of, futures[number], name, offsets[number], dtypes)
                )
        divisions = [*offsets[:-1], offsets[-1] - 1]
        known = all(a < b for a, b in itertools.pairwise(offsets))
        tables.append(
            dd.from_delayed(
                parts,
                meta=empty.astype(dtypes),
                divisions=divisions if known else None,
                verify_meta=False,
            )
        )
    return tuple(tables)


def _groups(texts: dict[str, str]) -> list[list[str]]:
    """Consecutive runs of documents with about :data:`GROUP_CHARACTERS` characters each."""
    groups: list[list[str]] = [[]]
    filled = 0
    for doc_id, text in texts.items():
        if groups[-1] and filled >= GROUP_CHARACTERS:
            groups.append([])
            filled = 0
        groups[-1].append(doc_id)
        filled += len(text)
    return groups


def _segments_of(group: list[str], where: dict[str, str]) -> list[str]:
    return sorted({where[doc_id] for doc_id in group if doc_id in where})


def _build_group(
    folder, keys: dict, texts: dict, meta: dict, *, cache: bool, segments: list[str]
) -> dict:
    """On a worker: read or build the tables of a group; keep them in the store if asked.

    ``segments`` are the store's segments that hold some of the group's documents. Returns the
    row count of each table (``rows``) and, when they are not in the store, the tables
    themselves (``tables``, pandas).
    """
    parts, missing = ([], set(keys))
    if cache:
        parts, missing = store.read_store(folder, keys, segments=segments)
    kept = True
    if missing:
        built = build_arrow_tables(
            {d: t for d, t in texts.items() if d in missing},
            n_jobs=1,
            metadata={d: meta[d] for d in missing},
        )
        if cache:
            kept = store.write_store(folder, {d: keys[d] for d in keys if d in missing}, built)
        else:
            kept = False
        parts.append(built)
    order = {doc_id: position for position, doc_id in enumerate(keys)}
    arrow = {
        name: _in_order([part[name] for part in parts], order, SCHEMAS[name]) for name in SCHEMAS
    }
    tables = {name: frame(table) for name, table in arrow.items()}
    return {
        "rows": {name: table.num_rows for name, table in arrow.items()},
        "dtypes": {name: _partial_dtypes(table) for name, table in tables.items()},
        "tables": None if kept else tables,
    }


def _is_kept(result: dict) -> bool:
    return result["tables"] is None


def _partial_dtypes(table: pd.DataFrame) -> dict:
    """What one partition tells of the dtypes of the whole table: categories and largest ids.

    The in-memory tables choose both from the whole table (categories: the values that occur,
    in lexical order; ids: int16 while they fit); a partition alone would choose from its own
    values, and partitions of different dtypes would not concatenate to the in-memory table.
    """
    found = {}
    for name, column in table.items():
        if isinstance(column.dtype, pd.CategoricalDtype):
            found[name] = tuple(column.cat.categories)
        elif name in ID_COLUMNS:
            found[name] = int(column.max()) if len(column) else -1
    return found


def _whole_dtypes(parts: list[dict], empty: pd.DataFrame) -> dict:
    """The dtypes of the whole table from what each partition found (:func:`_partial_dtypes`)."""
    dtypes = {}
    for name, dtype in empty.dtypes.items():
        values = [part[name] for part in parts if name in part]
        if isinstance(dtype, pd.CategoricalDtype):
            # a fixed list (voice, kind) is the same everywhere; the others are the union
            same = all(value == values[0] for value in values)
            categories = list(values[0]) if same else sorted(set().union(*values))
            dtypes[name] = pd.CategoricalDtype(
                pd.Index(categories, dtype=dtype.categories.dtype), ordered=dtype.ordered
            )
        elif name in ID_COLUMNS:
            dtypes[name] = np.int16 if max(values, default=-1) <= INT16_LIMIT else np.int32
    return dtypes


def _table_of(result: dict, name: str, offset: int, dtypes: dict) -> pd.DataFrame:
    return _indexed(result["tables"][name].astype(dtypes), offset)


def _read_group(
    folder, keys: dict, segments: list[str], name: str, offset: int, dtypes: dict
) -> pd.DataFrame:
    """On a worker: one table of a group, read from the store (its ``segments`` only)."""
    segments, missing = store.read_store(folder, keys, segments=segments, tables=(name,))
    if missing:
        raise CorpusError(
            f"the corpus store lost the tables of {len(missing)} document(s) (first: "
            f"{sorted(missing)[0]}) after they were loaded; load the corpus again",
            path=Path(folder) / store.STORE_DIR,
        )
    order = {doc_id: position for position, doc_id in enumerate(keys)}
    table = _in_order([segment[name] for segment in segments], order, SCHEMAS[name])
    return _indexed(frame(table).astype(dtypes), offset)


def _indexed(table: pd.DataFrame, offset: int) -> pd.DataFrame:
    return table.set_axis(pd.RangeIndex(offset, offset + len(table)))


def sample_documents(corpus: Corpus, n: int, *, seed: int = 0) -> Corpus:
    """An in-memory corpus of ``n`` documents drawn at random (without replacement).

    For the methods that need every text in memory at once (topic models, clustering): the
    documents are drawn with ``numpy.random.default_rng(seed)`` from the ``doc_id`` in sorted
    order, so the sample depends only on the corpus and the seed, and kept in ``doc_id`` order.

    Parameters
    ----------
    corpus : Corpus
        A corpus loaded with ``engine="dask"`` (or in memory).
    n : int
        How many documents; all of them if the corpus has fewer.
    seed : int
        The random seed.

    Returns
    -------
    Corpus
        With pandas tables holding only the sampled documents.
    """
    check_number("n", n, minimum=1, integer=True)
    doc_ids = sorted(corpus.documents["doc_id"].astype(str))
    rng = np.random.default_rng(seed)
    chosen = sorted(rng.choice(doc_ids, size=min(n, len(doc_ids)), replace=False).tolist())
    tables = []
    for table in (corpus.paragraphs, corpus.sentences, corpus.tokens):
        subset = table[table["doc_id"].astype(str).isin(chosen)]
        subset = subset.compute() if hasattr(subset, "compute") else subset
        tables.append(subset.reset_index(drop=True))
    documents = corpus.documents[corpus.documents["doc_id"].astype(str).isin(chosen)]
    return Corpus(corpus.path, documents.reset_index(drop=True), *tables)
