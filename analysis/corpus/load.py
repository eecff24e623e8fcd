"""Load a corpus: check every document against its checksum and build the four tables.

``load_corpus`` returns a :class:`Corpus` whose tables are the contract every analysis module
reads (``docs/CONTRACT.md``); ``validate_corpus`` checks the same things without building tables.
"""

import itertools
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
import pyarrow as pa
from pandas.arrays import ArrowStringArray

from analysis._checks import check_option
from analysis.corpus import store
from analysis.corpus.files import body_of, check_folder, corpus_dir
from analysis.corpus.ingest.provenance import check_sources
from analysis.corpus.language import detect_language, english_only_note
from analysis.corpus.metadata import FIELDS
from analysis.corpus.naming import short_titles
from analysis.corpus.recovery import leftovers
from analysis.corpus.tables import (
    PARAGRAPH_COLUMNS,
    SCHEMAS,
    SENTENCE_COLUMNS,
    STR,
    build_arrow_tables,
    concat_compact,
    frame,
)
from analysis.corpus.tokens import iter_tokens
from analysis.errors import CorpusError


class Corpus:
    """A loaded corpus: tidy tables that every analysis module reads (``docs/CONTRACT.md``).

    The ``text`` of a paragraph or sentence is the slice ``documents.text[start:end]``, so the
    corpus keeps it once, in ``documents``: ``paragraphs`` and ``sentences`` cut their ``text``
    column from it each time they are read (about 0.03 s per million tokens). A table passed with
    a ``text`` column that is not those slices keeps it as given. Like a frozen dataclass, the
    attributes cannot be rebound.
    """

    __slots__ = ("_paragraphs", "_sentences", "documents", "path", "tokens")

    def __init__(self, path, documents, paragraphs, sentences, tokens):
        for name, value in [
            ("path", path),
            ("documents", documents),
            ("_paragraphs", _without_derived_text(paragraphs, documents)),
            ("_sentences", _without_derived_text(sentences, documents)),
            ("tokens", tokens),
        ]:
            object.__setattr__(self, name, value)

    def __setattr__(self, name, value):
        raise AttributeError(f"a Corpus is read-only: cannot set {name!r}")

    @property
    def paragraphs(self) -> pd.DataFrame:
        """``doc_id, paragraph_id, text, start, end``."""
        return _with_text(self._paragraphs, self.documents, PARAGRAPH_COLUMNS)

    @property
    def sentences(self) -> pd.DataFrame:
        """``doc_id, paragraph_id, sentence_id, text, voice, speaker, start, end``."""
        return _with_text(self._sentences, self.documents, SENTENCE_COLUMNS)

    def memory_usage(self) -> pd.Series:
        """Bytes each table holds in memory (``DataFrame.memory_usage(deep=True)``), as kept.

        The paragraph and sentence ``text`` that is cut from the documents on reading is not
        counted: it takes memory only while a caller holds the table.
        """
        tables = {
            "documents": self.documents,
            "paragraphs": self._paragraphs,
            "sentences": self._sentences,
            "tokens": self.tokens,
        }
        return pd.Series(
            {name: int(table.memory_usage(deep=True).sum()) for name, table in tables.items()},
            name="bytes",
        )

    def __repr__(self) -> str:
        words = int(self.tokens["is_word"].sum())
        return (
            f"<Corpus {self.path}: {len(self.documents)} documents, {len(self._paragraphs)} "
            f"paragraphs, {len(self._sentences)} sentences, {words} words>"
        )


def _slices(table: pd.DataFrame, documents: pd.DataFrame) -> list[str] | None:
    """``documents.text[start:end]`` for each row of ``table``; None if a document is missing."""
    texts = dict(zip(documents["doc_id"].astype(str), documents["text"], strict=True))
    doc_ids = table["doc_id"].to_numpy(dtype=object)
    starts, ends = table["start"].tolist(), table["end"].tolist()
    # rows come in runs of one document (tables are sorted by doc_id): one lookup per run
    breaks = [0, *(np.flatnonzero(doc_ids[1:] != doc_ids[:-1]) + 1).tolist(), len(doc_ids)]
    out: list[str] = []
    for first, last in itertools.pairwise(breaks):
        text = texts.get(str(doc_ids[first]))
        if text is None:
            return None
        out.extend(text[s:e] for s, e in zip(starts[first:last], ends[first:last], strict=True))
    return out


def _without_derived_text(table, documents):
    """``table`` without its ``text`` column when that column is the documents' slices."""
    if not isinstance(table, pd.DataFrame) or "text" not in table.columns:
        return table  # a Dask table, or one already without its text
    derived = _slices(table, documents)
    if derived is None or derived != table["text"].tolist():
        return table
    return table.drop(columns="text")


def _with_text(table, documents, columns: list[str]):
    if not isinstance(table, pd.DataFrame) or "text" in table.columns:
        return table
    text = ArrowStringArray(pa.array(_slices(table, documents), pa.large_string()), dtype=STR)
    return table.assign(text=text)[[c for c in columns if c in table.columns or c == "text"]]


@dataclass
class Validation:
    """What :func:`validate_corpus` found: a summary row per valid document, problems, warnings."""

    path: Path
    summary: pd.DataFrame
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the corpus has no problems (warnings allowed)."""
        return not self.problems


def _documents_frame(rows: list[dict[str, str]], texts: Mapping[str, str]) -> pd.DataFrame:
    rows = sorted(rows, key=lambda row: row["doc_id"])
    bodies = [body_of(texts[row["doc_id"]], int(row["header_lines"])) for row in rows]
    values = {field: [row[field] for row in rows] for field in FIELDS}
    # A metadata.csv written before the language column existed: detect it now.
    values["language"] = [
        language or detect_language(body)
        for language, (body, _) in zip(values["language"], bodies, strict=True)
    ]
    values["text"] = [body for body, _ in bodies]
    # Derived, never stored: a label for tables and axes that reads better than the id.
    values["short_title"] = short_titles(values["title"], values["date"], values["doc_id"])
    # Arrow arrays made straight from the lists: pandas' str conversion re-checks every value,
    # 28 MB of text at x10.
    columns = {
        name: ArrowStringArray(pa.array(column, pa.large_string()), dtype=STR)
        for name, column in values.items()
    }
    columns["date"] = pd.to_datetime(
        pd.Series(columns["date"]).replace("", None), format="%Y-%m-%d"
    ).array
    columns["header_lines"] = np.array([int(n) for n in values["header_lines"]], dtype=np.int64)
    columns["body_start"] = np.array([start for _, start in bodies], dtype=np.int64)
    order = [*FIELDS, "text", "body_start", "short_title"]
    return pd.DataFrame({name: columns[name] for name in order})


def validate_corpus(path=None) -> Validation:
    """Check every document of a corpus and its metadata, without building any tables.

    A document added from a web page, PDF or Word file is also checked against its provenance
    record in ``sources/`` (:func:`analysis.corpus.ingest.check_sources`): the original is there,
    unchanged, and the record describes the stored text.

    Returns
    -------
    Validation
        ``summary`` has one row per valid document (``doc_id, title, date, genre, paragraphs,
        words``); ``problems`` and ``warnings`` are messages that name the file and the field.
    """
    folder = corpus_dir(path)
    rows, texts, problems, notes = check_folder(folder)
    source_problems, source_notes = check_sources(folder, rows)
    problems.extend(source_problems)
    notes.extend(source_notes)
    left = leftovers(folder)
    if left:
        notes.append(
            f"an interrupted `add` left {len(left)} file(s) ({', '.join(left)}); readers ignore "
            "them: remove them with `python -m analysis repair` (the next `add` also does)"
        )
    documents = _documents_frame(rows, texts)
    note = english_only_note(dict(zip(documents["doc_id"], documents["language"], strict=True)))
    if note:
        notes.append(note)
    summary = documents[["doc_id", "title", "date", "genre"]].assign(
        characters=documents["text"].str.len(),
        words=[sum(token.is_word for token in iter_tokens(text)) for text in documents["text"]],
    )
    return Validation(folder, summary, problems, notes)


def load_corpus(
    path=None,
    *,
    n_jobs: int | None = None,
    cache: bool = True,
    engine: Literal["pandas", "dask"] = "pandas",
) -> Corpus:
    """Load and validate a corpus, and build its tables (or read them from the corpus store).

    Parameters
    ----------
    path
        A corpus folder; None loads the shipped corpus (``data/corpus``).
    n_jobs
        Processes used to build the tables; None uses every core for a large corpus.
    cache
        Read the tables of unchanged documents from the corpus store (``<corpus>/.cache/tables``,
        :mod:`analysis.corpus.store`) and keep the ones built; False builds every table and
        writes nothing. The tables are identical either way.
    engine : {"pandas", "dask"}
        ``"pandas"`` builds the tables in memory; ``"dask"`` builds or reads the store in
        parallel on a Dask cluster (:func:`analysis.distributed.client`: a ``LocalCluster``
        unless ``$DASK_SCHEDULER_ADDRESS`` names a scheduler) and returns Dask DataFrames, one
        partition per group of documents (:mod:`analysis.distributed.tables`), for corpora
        larger than memory. ``n_jobs`` does not apply: the cluster's workers build them.

    Returns
    -------
    Corpus
        With ``documents`` (the metadata, ``language`` as recorded, or detected for a
        metadata.csv without that column, ``text``: the body, ``body_start``: where it starts
        in the raw file, ``short_title``: the title without a lead-in such as "Address by ...
        at the", at most 40 characters, unique, for labelling tables and axes), ``paragraphs``,
        ``sentences`` and ``tokens``, as in ``docs/CONTRACT.md``.

    Raises
    ------
    CorpusError
        If any document or metadata row is invalid; the message names the file and the field.
    TypeError
        If ``path`` is not a str, a path or None.

    Warns
    -----
    UserWarning
        Once, naming the documents that are mostly not English (``language`` is not ``en``): the
        methods are English-only (:mod:`analysis.corpus.language`).

    Examples
    --------
    >>> corpus = load_corpus()
    >>> corpus.documents.loc[0, "author"]
    'He Yin'
    >>> row = corpus.tokens.iloc[0]
    >>> corpus.documents.loc[0, "text"][row.start:row.end] == row.token
    True
    """
    check_option("engine", engine, ("pandas", "dask"))
    folder = corpus_dir(path)
    # the stored tables are read and verified on a thread while the texts are checked; the
    # Corpus cuts paragraph and sentence text from the documents' text: not read, not kept
    stored = store.start_reading(folder, text=False) if cache and engine == "pandas" else None
    rows, texts, problems, _ = check_folder(folder)
    if problems:
        more = (
            f" (and {len(problems) - 1} more; run `python -m analysis validate`)"
            if len(problems) > 1
            else ""
        )
        raise CorpusError(problems[0] + more)
    if not rows:
        raise CorpusError("holds no documents: add one with `python -m analysis add`", path=folder)
    documents = _documents_frame(rows, texts)
    note = english_only_note(dict(zip(documents["doc_id"], documents["language"], strict=True)))
    if note:
        warnings.warn(note, UserWarning, stacklevel=2)
    if engine == "dask":
        from analysis.distributed.tables import corpus_on_dask

        return corpus_on_dask(folder, rows, documents, cache=cache)
    paragraphs, sentences, tokens = _tables(folder, rows, documents, n_jobs=n_jobs, stored=stored)
    return Corpus(folder, documents, paragraphs, sentences, tokens)


def _tables(folder: Path, rows, documents: pd.DataFrame, *, n_jobs, stored):
    """The paragraph, sentence and token tables: stored ones read, missing ones built and kept.

    ``stored`` finishes the store's reading (:func:`analysis.corpus.store.start_reading`) given
    the documents' keys; None builds every table and keeps none.
    """
    texts = dict(zip(documents["doc_id"], documents["text"], strict=True))
    meta = {row["doc_id"]: store.voice_metadata(row) for row in rows}
    keys = {
        row["doc_id"]: store.document_key(row["sha256"], row["header_lines"], meta[row["doc_id"]])
        for row in rows
    }
    keys = {doc_id: keys[doc_id] for doc_id in texts}
    segments, missing = stored(keys) if stored else ([], set(keys))
    if missing:
        built = build_arrow_tables(
            {d: t for d, t in texts.items() if d in missing}, n_jobs=n_jobs, metadata=meta
        )
        if stored:
            store.write_store(folder, {d: keys[d] for d in texts if d in missing}, built)
        segments.append({name: store.without_text(table) for name, table in built.items()})
    order = {doc_id: position for position, doc_id in enumerate(texts)}
    tables = []
    for name in SCHEMAS:
        schema = store.without_text(SCHEMAS[name])
        table = _in_order([segment[name] for segment in segments], order, schema)
        tables.append(frame(table))
    return tuple(tables)


def _in_order(parts, order: dict[str, int], schema):
    """Tables of groups of documents as one table sorted by document (``order``), rows kept."""
    parts = sorted(parts, key=lambda part: _first_position(part, order))
    if not parts:
        return schema.empty_table()
    table = parts[0] if len(parts) == 1 else concat_compact(parts)
    if _is_in_order(table.column("doc_id"), order):
        return table  # the usual case: segments do not interleave
    return table.take(np.argsort(_positions(table, order), kind="stable"))


def _is_in_order(doc_ids: pa.ChunkedArray, order: dict[str, int]) -> bool:
    """Whether the rows' documents come in ``order`` (a chunk's codes, where they can tell)."""
    last = -1
    for chunk in doc_ids.chunks:
        if not len(chunk):
            continue
        positions = _dictionary_positions(chunk, order)
        codes = chunk.indices.to_numpy(zero_copy_only=False)
        if (np.diff(positions) > 0).all():
            # codes in the documents' order: rows in order when their codes never decrease
            in_order = bool((codes[1:] >= codes[:-1]).all())
        else:
            by_row = positions[codes]
            in_order = bool((by_row[1:] >= by_row[:-1]).all())
        if not in_order or positions[codes[0]] < last:
            return False
        last = positions[codes[-1]]
    return True


def _positions(table: pa.Table, order: dict[str, int]) -> np.ndarray:
    """Each row's document position in ``order`` (-1 for a document not in it)."""
    by_row = [np.zeros(0, dtype=np.int64)]
    for chunk in table.column("doc_id").chunks:
        codes = chunk.indices.to_numpy(zero_copy_only=False)
        by_row.append(_dictionary_positions(chunk, order)[codes])
    return np.concatenate(by_row)


def _dictionary_positions(chunk: pa.DictionaryArray, order: dict[str, int]) -> np.ndarray:
    """The position in ``order`` of each document in a ``doc_id`` chunk's dictionary (-1: none)."""
    return np.array([order.get(doc_id, -1) for doc_id in chunk.dictionary.to_pylist()], np.int64)


def _first_position(table, order: dict[str, int]) -> int:
    if table.num_rows == 0:
        return -1
    return order[table.column("doc_id")[0].as_py()]
