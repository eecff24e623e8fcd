"""Documents into tidy tables: paragraphs, sentences and tokens, one row each.

Each document is segmented (:mod:`analysis.corpus.segment`), labelled for voice
(:mod:`analysis.corpus.voice`) and tokenised (:mod:`analysis.corpus.tokens`) independently, so large
corpora are processed on several cores; the tables are identical whatever the number of processes.
Ids are 1-based within a document and follow text order. The columns are those of
``docs/CONTRACT.md``.
"""

import gc
import os
from array import array
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pandas.arrays import ArrowStringArray

from analysis.corpus.segment import split_paragraphs, split_sentences
from analysis.corpus.tokens import KINDS, TYPES, token_arrays
from analysis.corpus.voice import VOICES, label_sentences
from analysis.progress import progress
from analysis.resources import stopwords

PARAGRAPH_COLUMNS = ["doc_id", "paragraph_id", "text", "start", "end"]
SENTENCE_COLUMNS = [
    "doc_id",
    "paragraph_id",
    "sentence_id",
    "text",
    "voice",
    "speaker",
    "start",
    "end",
]
TOKEN_COLUMNS = [
    "doc_id",
    "paragraph_id",
    "sentence_id",
    "token_id",
    "token",
    "norm",
    "kind",
    "start",
    "end",
    "is_word",
    "is_stop",
    "voice",
    "speaker",
]
_Item = tuple[str, str, dict[str, str]]  # doc_id, body text, metadata the voice rules read
# below this many characters a second process costs more than it saves
_PARALLEL_THRESHOLD = 400_000


@contextmanager
def _collector_paused():
    """Pause Python's cyclic garbage collector while the tables of a document are built.

    Tokenising a document allocates hundreds of thousands of short-lived objects that form no
    reference cycles; left running, the collector scans them again and again (measured: a third
    of the tokenising time). Reference counting still frees everything, and the collector's
    previous state is restored.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _Coded(NamedTuple):
    """A column of strings as codes into ``values`` (-1: missing), as a document gives it."""

    codes: np.ndarray
    values: Sequence[str | None]


def _document_columns(text: str, meta: Mapping[str, str]) -> dict[str, dict]:
    """The three tables of one document, as columns, without ``doc_id``."""
    with _collector_paused():
        return _columns_of(text, meta)


def _columns_of(text: str, meta: Mapping[str, str]) -> dict[str, dict]:
    paragraphs = split_paragraphs(text)
    sentences = split_sentences(text, paragraphs)
    speakers = [name.strip() for name in (meta.get("speakers") or "").split(";") if name.strip()]
    labels, quotations = label_sentences(
        text, paragraphs, sentences, speakers=speakers, genre=meta.get("genre") or ""
    )

    sentence_starts = np.array([start for start, _ in sentences], dtype=np.int64)
    paragraph_starts = np.array([start for start, _ in paragraphs], dtype=np.int64)
    sentence_paragraph = np.searchsorted(paragraph_starts, sentence_starts, side="right")

    types, token_starts, token_ends = token_arrays(text, within=sentences)
    token_sentence = np.searchsorted(sentence_starts, token_starts, side="right")
    in_sentence = token_sentence - 1

    # speakers as codes into one list per document: a token's speaker is its sentence's or,
    # inside a quotation, the quotation's
    speaker_codes: dict[str | None, int] = {None: -1}
    for name in [speaker for _, speaker in labels] + [q.speaker for q in quotations]:
        speaker_codes.setdefault(name, len(speaker_codes) - 1)
    voice_code = _FIXED_CODES["voice"]
    sentence_voice = np.array([voice_code[voice] for voice, _ in labels] or [0], dtype=np.int8)
    sentence_speaker = np.array(
        [speaker_codes[speaker] for _, speaker in labels] or [-1], dtype=np.int32
    )
    token_voice = sentence_voice[in_sentence]
    token_speaker = sentence_speaker[in_sentence]
    # inside a quotation a token is the quoted speaker's; the frame around it is the author's
    framed = token_voice == voice_code["quote"]
    token_voice[framed], token_speaker[framed] = voice_code["author"], -1
    if quotations:
        quote_starts = np.array([q.start for q in quotations], dtype=np.int64)
        quote_ends = np.array([q.end for q in quotations], dtype=np.int64)
        quote_speakers = np.array([speaker_codes[q.speaker] for q in quotations], dtype=np.int32)
        nearest = np.searchsorted(quote_starts, token_starts, side="right") - 1
        inside = (nearest >= 0) & (token_starts < quote_ends[np.maximum(nearest, 0)])
        token_voice[inside] = voice_code["quote"]
        token_speaker[inside] = quote_speakers[nearest[inside]]

    norms = TYPES.norm_ids[types]
    kinds = TYPES.kinds[types]
    return {
        "paragraphs": {
            "paragraph_id": list(range(1, len(paragraphs) + 1)),
            "text": [text[s:e] for s, e in paragraphs],
            "start": [s for s, _ in paragraphs],
            "end": [e for _, e in paragraphs],
        },
        "sentences": {
            "paragraph_id": sentence_paragraph,
            "sentence_id": np.arange(1, len(sentences) + 1),
            "text": [text[s:e] for s, e in sentences],
            "voice": [voice for voice, _ in labels],
            "speaker": [speaker for _, speaker in labels],
            "start": sentence_starts,
            "end": [e for _, e in sentences],
        },
        "tokens": {
            "paragraph_id": sentence_paragraph[in_sentence] if len(types) else in_sentence,
            "sentence_id": token_sentence,
            "token_id": np.arange(1, len(types) + 1),
            "token": _Coded(types, TYPES.surfaces),
            "norm": _Coded(norms, TYPES.norms),
            "kind": kinds,
            "start": token_starts,
            "end": token_ends,
            "is_word": kinds < _WORD_KINDS,
            "is_stop": _is_stop(norms),
            "voice": token_voice,
            "speaker": _Coded(token_speaker, list(speaker_codes)[1:]),
        },
    }


# word, number and clitic come first in the kinds: they are the words
_WORD_KINDS = KINDS.index("punct")


def _is_stop(norms: np.ndarray) -> np.ndarray:
    """Whether each token's norm (an id into ``TYPES.norms``) is a stopword."""
    stop = stopwords()
    used, inverse = np.unique(norms, return_inverse=True)
    return np.array([TYPES.norms[i] in stop for i in used.tolist()], dtype=bool)[inverse]


_KINDS = ("word", "number", "clitic", "punct", "symbol")
_CATEGORIES = {"kind": _KINDS, "voice": VOICES}
# strings that repeat (document ids, word types, speakers) are dictionary-encoded from the start
_REPEATED = {"doc_id", "token", "norm", "speaker"}
_DICTIONARY = pa.dictionary(pa.int32(), pa.string())
_CATEGORY = pa.dictionary(pa.int8(), pa.string())


def _arrow_type(column: str) -> pa.DataType:
    if column in _CATEGORIES:
        return _CATEGORY
    if column in _REPEATED:
        return _DICTIONARY
    if column == "text":
        return pa.string()
    return pa.bool_() if column.startswith("is_") else pa.int32()


# one schema per table: what a document's columns become as soon as they are built, and what the
# store keeps (int32 ids and offsets: a document of 2 GB of text is out of reach anyway)
SCHEMAS = {
    name: pa.schema([pa.field(column, _arrow_type(column)) for column in columns])
    for name, columns in (
        ("paragraphs", PARAGRAPH_COLUMNS),
        ("sentences", SENTENCE_COLUMNS),
        ("tokens", TOKEN_COLUMNS),
    )
}
_FIXED = {column: pa.array(values, pa.string()) for column, values in _CATEGORIES.items()}


class _Columns:
    """The columns of one table for a run of documents, kept compact as documents are added.

    Numbers and codes are appended to one growing buffer per column (``array.array``, which
    grows in place: no per-document arrays left between the transient ones to fragment the
    heap, and no concatenated copy at the end), and strings that repeat become codes into one
    dictionary per column, numbered in order of first appearance: the dictionary that
    ``dictionary_encode`` and ``unify_dictionaries`` would give.
    """

    def __init__(self, schema: pa.Schema):
        self.schema = schema
        self.parts: dict[str, array | list] = {
            field.name: [] if field.type == pa.string() else array(_TYPECODES[_numpy(field)])
            for field in schema
        }
        self.codes: dict[str, dict] = {
            field.name: {None: -1}
            for field in list(schema)[1:]
            if field.type == _DICTIONARY and field.name not in _FIXED
        }
        self.doc_ids: list[str] = []
        self.known: dict[str, tuple[Sequence, np.ndarray]] = {}

    def add(self, doc_id: str, columns: dict) -> None:
        """Append a document's columns: lists, numpy arrays, or strings as :class:`_Coded`."""
        n_rows = len(columns[self.schema.names[1]])
        self.parts["doc_id"].frombytes(np.full(n_rows, len(self.doc_ids), np.int32).tobytes())
        self.doc_ids.append(doc_id)
        for field in list(self.schema)[1:]:
            values, part = columns.pop(field.name), self.parts[field.name]
            if isinstance(values, _Coded):
                part.frombytes(self._recode(field.name, values).tobytes())
            elif field.name in _FIXED and not isinstance(values, np.ndarray):
                part.extend(map(_FIXED_CODES[field.name].__getitem__, values))
            elif field.name in self.codes:
                codes = self.codes[field.name]
                for value in dict.fromkeys(values):
                    if value not in codes:
                        codes[value] = len(codes) - 1  # None is -1
                part.extend(map(codes.__getitem__, values))
            elif field.type == pa.string():
                part.append(pa.array(values, pa.string()))
            else:
                part.frombytes(np.asarray(values, dtype=_numpy(field)).tobytes())

    def _recode(self, column: str, values: _Coded) -> np.ndarray:
        """A document's codes as codes into the run's dictionary, extended in order of use.

        What each of ``values`` became is kept while the next document codes into the same
        ``values`` (the token types), so only a value not met before in the run costs a Python
        step. Codes are shifted by one so that -1 (missing) indexes the first slot.
        """
        vocabulary, known = self.known.get(column, (None, None))
        if vocabulary is not values.values:
            known = np.array([-1], dtype=np.int32)
        shifted = values.codes + 1
        top = int(shifted.max(initial=0)) + 1
        if top > len(known):
            known = np.concatenate([known, np.full(max(top, 2 * len(known)) - len(known), -2)])
            known = known.astype(np.int32)
        recoded = known[shifted]
        unseen = recoded == -2
        if unseen.any():
            new, first = np.unique(shifted[unseen], return_index=True)
            codes = self.codes[column]
            for code in new[np.argsort(first)].tolist():
                value = values.values[code - 1]
                if value not in codes:
                    codes[value] = len(codes) - 1
                known[code] = codes[value]
            recoded = known[shifted]
        self.known[column] = (values.values, known)
        return recoded

    def table(self) -> pa.Table:
        """The table; each column's buffer is handed to Arrow without a copy."""
        arrays = []
        for field in self.schema:
            part = self.parts.pop(field.name)
            if field.type == pa.string():
                arrays.append(pa.concat_arrays(part) if part else pa.array([], pa.string()))
                continue
            values = np.frombuffer(part, dtype=_numpy(field)) if len(part) else _empty(field)
            if field.name == "doc_id":
                arrays.append(_dictionary(values, self.doc_ids))
            elif field.name in _FIXED:
                arrays.append(pa.DictionaryArray.from_arrays(values, _FIXED[field.name]))
            elif field.name in self.codes:
                arrays.append(_dictionary(values, list(self.codes[field.name])[1:]))
            else:
                arrays.append(pa.array(values, field.type))
        return pa.Table.from_arrays(arrays, schema=self.schema)


def _numpy(field: pa.Field) -> type:
    if field.name in _FIXED:
        return np.int8
    if field.type == _DICTIONARY:
        return np.int32
    return np.bool_ if field.type == pa.bool_() else np.int32


_TYPECODES = {np.int8: "b", np.bool_: "B", np.int32: "i"}


def _empty(field: pa.Field) -> np.ndarray:
    return np.zeros(0, dtype=_numpy(field))


def _dictionary(indices: np.ndarray, values: list[str]) -> pa.DictionaryArray:
    missing = indices < 0
    indices = pa.array(indices, pa.int32(), mask=missing if missing.any() else None)
    return pa.DictionaryArray.from_arrays(indices, pa.array(values, pa.string()))


_FIXED_CODES = {
    column: {value: code for code, value in enumerate(values)}
    for column, values in _CATEGORIES.items()
}


def _documents_tables(items: list[_Item], bar=None) -> dict[str, pa.Table]:
    """The three tables of some documents, given as ``(doc_id, text)`` pairs, as Arrow tables."""
    parts = {name: _Columns(schema) for name, schema in SCHEMAS.items()}
    for doc_id, text, meta in items:
        columns = _document_columns(text, meta)
        for name, part in parts.items():
            part.add(doc_id, columns.pop(name))
        if bar is not None:
            bar.update(1)
    return {name: parts.pop(name).table() for name in list(parts)}


def combine(tables: list[pa.Table], schema: pa.Schema) -> pa.Table:
    """One table from the tables of some documents (or groups of documents), in their order."""
    if not tables:
        return schema.empty_table()
    return pa.concat_tables(tables).unify_dictionaries().combine_chunks()


#: the ``str`` dtype of pandas 3, as every text column of the tables has it
STR = pd.StringDtype("pyarrow", na_value=np.nan)
ID_COLUMNS = ("paragraph_id", "sentence_id", "token_id")
# ids are int16 while twice the largest fits, so that ids plus or minus a window never wrap round
INT16_LIMIT = np.iinfo(np.int16).max // 2


def frame(table: pa.Table) -> pd.DataFrame:
    """A table of the corpus as pandas, with the dtypes of ``docs/CONTRACT.md``.

    Every path to the tables (built here, read from the store, in one process or several) ends
    here, so they are identical whichever path they took. The token table's strings that repeat
    become categorical with their categories in lexical order, so that sorting by codes is
    sorting by the text.
    """
    data = {}
    # one row per token: the strings repeat most there; sentences and paragraphs keep ``str``,
    # which the sentence-level modules pass through to their results
    tokens_only = _REPEATED if table.column_names == TOKEN_COLUMNS else set()
    for name in table.column_names:
        column = table.column(name)
        if pa.types.is_dictionary(column.type) and name in tokens_only:
            data[name] = _categorical(_lexical(column.chunks, trusted=True))
            continue
        if pa.types.is_dictionary(column.type) and column.num_chunks > 1:
            # one chunk with one (unified) dictionary: a remap per column, not per row group
            column = pa.chunked_array([column.combine_chunks()])
        if name in _CATEGORIES:
            data[name] = pd.Categorical.from_codes(
                _indices(column, _CATEGORIES[name]), categories=list(_CATEGORIES[name])
            )
        elif pa.types.is_dictionary(column.type) or pa.types.is_string(column.type):
            # what pd.array(..., dtype="str") makes, without checking every value again
            data[name] = ArrowStringArray(column.cast(pa.large_string()), dtype=STR)
        elif name in ID_COLUMNS:
            values = column.to_numpy()
            fits = values.dtype == np.int16 or len(values) == 0 or values.max() <= INT16_LIMIT
            data[name] = values.astype(np.int16, copy=False) if fits else values
        else:
            data[name] = column.to_numpy()
    return pd.DataFrame(data, columns=table.column_names, copy=False)


def _indices(column: pa.ChunkedArray, categories: tuple[str, ...]) -> np.ndarray:
    """Codes of a dictionary column in the order of ``categories`` (whatever its dictionary)."""
    order = {value: code for code, value in enumerate(categories)}
    codes = [np.zeros(0, dtype=np.int8)]
    for chunk in column.chunks:
        if chunk.dictionary.to_pylist() == list(categories) and not chunk.null_count:
            codes.append(chunk.indices.to_numpy())  # as built and stored: nothing to remap
            continue
        remap = np.array([order[value] for value in chunk.dictionary.to_pylist()], dtype=np.int8)
        codes.append(remap[chunk.indices.to_numpy(zero_copy_only=False)])
    return np.concatenate(codes)


def compact(table: pa.Table) -> pa.Table:
    """``table`` in the form the store keeps and :func:`frame` turns into pandas without copying.

    Repeated strings become one dictionary of the values used, in lexical order (:func:`_lexical`),
    with the narrowest codes pandas gives a categorical of that many values; ids become int16
    while they fit (:data:`INT16_LIMIT`). :func:`is_compact_schema` tells a schema of this form.
    """
    columns = []
    for name, column in zip(table.column_names, table.columns, strict=True):
        if name in _REPEATED and pa.types.is_dictionary(column.type):
            column = _narrow(_lexical(column.chunks, trusted=False))
        elif name in ID_COLUMNS and column.type != pa.int16():
            top = pc.max(column).as_py()
            if top is None or top <= INT16_LIMIT:
                column = column.cast(pa.int16())
        columns.append(column)
    return pa.Table.from_arrays(columns, names=table.column_names)


def is_compact_schema(schema: pa.Schema, name: str) -> bool:
    """Whether ``schema`` is that of table ``name`` (see ``SCHEMAS``) in :func:`compact` form."""
    expected = SCHEMAS[name]
    if schema.names != expected.names or schema.metadata:
        return False
    for field, wanted in zip(schema, expected, strict=True):
        narrow = (
            pa.types.is_dictionary(field.type)
            and field.name in _REPEATED
            and field.type.value_type == pa.string()
            and not field.type.ordered
            and field.type.index_type in _CODE_WIDTHS
        ) or (field.name in ID_COLUMNS and field.type in (pa.int16(), pa.int32()))
        if field.type != wanted.type and not narrow:
            return False
    return True


# the codes pandas gives a categorical of n values (``coerce_indexer_dtype``): int8 below 127
_CODE_WIDTHS = (pa.int8(), pa.int16(), pa.int32())
_CODE_LIMITS = (np.iinfo(np.int8).max, np.iinfo(np.int16).max, np.iinfo(np.int32).max)


def _code_width(n_values: int) -> pa.DataType:
    return next(
        width for width, limit in zip(_CODE_WIDTHS, _CODE_LIMITS, strict=True) if n_values < limit
    )


def concat_compact(tables: list[pa.Table]) -> pa.Table:
    """Tables in :func:`compact` form, of different groups of documents, as one such table.

    Each repeated-string column gets the union of the tables' dictionaries (each already holds
    the values it uses), in lexical order; ids that differ in width become int32.
    """
    columns = []
    for name in tables[0].column_names:
        chunks = [chunk for table in tables for chunk in table.column(name).chunks]
        if name in _REPEATED and pa.types.is_dictionary(chunks[0].type):
            columns.append(_narrow(_lexical(chunks, trusted=True)))
            continue
        if len({chunk.type for chunk in chunks}) > 1:  # ids: int16 in some, int32 in others
            chunks = [chunk.cast(pa.int32()) for chunk in chunks]
        columns.append(pa.chunked_array(chunks, chunks[0].type))
    return pa.Table.from_arrays(columns, names=tables[0].column_names)


def _narrow(array: pa.DictionaryArray) -> pa.DictionaryArray:
    width = _code_width(len(array.dictionary))
    if array.type.index_type == width:
        return array
    return pa.DictionaryArray.from_arrays(array.indices.cast(width), array.dictionary)


def _lexical(chunks: list[pa.DictionaryArray], *, trusted: bool) -> pa.DictionaryArray:
    """Dictionary chunks as one array whose dictionary is the values they hold, in lexical order.

    Only values that occur are kept (a filtered table keeps unused ones in its dictionary), so the
    result does not depend on how the table was built or read. Arrow sorts strings by their UTF-8
    bytes, which is the order of their code points, as ``sorted`` is. A chunk whose dictionary
    is strictly increasing is in :func:`compact` form but for one thing, that every value is used:
    ``trusted`` takes that as given (:func:`frame` and :func:`concat_compact`, whose tables come
    from :func:`compact` or the store, which compacts what it filters); otherwise a pass over the
    codes checks it.
    """
    parts = []
    for chunk in chunks:
        codes = _codes_or_missing(chunk)
        ready = _is_sorted(chunk.dictionary) and (trusted or _uses_all(codes, chunk.dictionary))
        parts.append((chunk.dictionary, codes, ready))
    if len(parts) == 1 and parts[0][2]:
        return chunks[0]
    used = [
        dictionary
        if ready
        else dictionary.filter(np.bincount(codes, minlength=len(dictionary) + 1)[:-1] > 0)
        for dictionary, codes, ready in parts
    ]
    values = pa.chunked_array(used, pa.string()).unique()
    categories = values.take(pc.sort_indices(values))
    width = _code_width(len(categories))
    # each chunk's codes mapped into the merged dictionary, written in place at the final width
    indices = np.empty(sum(len(codes) for _, codes, _ in parts), dtype=width.to_pandas_dtype())
    start = 0
    for dictionary, codes, _ in parts:
        remap = pc.index_in(dictionary, value_set=categories).fill_null(-1).to_numpy()
        remap = np.append(remap, -1).astype(indices.dtype)  # the last: missing
        np.take(remap, codes, out=indices[start : start + len(codes)])
        start += len(codes)
    missing = indices < 0
    indices = pa.array(indices, width, mask=missing if missing.any() else None)
    return pa.DictionaryArray.from_arrays(indices, categories)


def _is_sorted(dictionary: pa.Array) -> bool:
    """Whether the values are in strictly increasing (lexical) order."""
    return len(dictionary) < 2 or pc.all(pc.less(dictionary[:-1], dictionary[1:])).as_py()


def _uses_all(codes: np.ndarray, dictionary: pa.Array) -> bool:
    """Whether ``codes`` (:func:`_codes_or_missing`) use every value of ``dictionary``."""
    return bool(np.bincount(codes, minlength=len(dictionary) + 1)[:-1].all())


def _categorical(array: pa.DictionaryArray) -> pd.Categorical:
    """A dictionary array in lexical form as a pandas categorical of ``str`` categories."""
    text = ArrowStringArray(array.dictionary.cast(pa.large_string()), dtype=STR)
    indices = array.indices
    codes = indices.fill_null(-1) if indices.null_count else indices
    dtype = pd.CategoricalDtype(pd.Index(text))
    return pd.Categorical.from_codes(codes.to_numpy(), dtype=dtype, validate=False)


def _codes_or_missing(chunk: pa.DictionaryArray) -> np.ndarray:
    """The indices of a dictionary chunk, with ``len(dictionary)`` where the value is missing."""
    indices = chunk.indices
    if indices.null_count:
        indices = indices.fill_null(len(chunk.dictionary))
    return indices.to_numpy(zero_copy_only=False)


def build_tables(
    texts: Mapping[str, str],
    *,
    n_jobs: int | None = None,
    metadata: Mapping[str, Mapping[str, str]] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Paragraph, sentence and token tables for documents given as ``{doc_id: text}``.

    Parameters
    ----------
    texts
        Body text by document id; tables follow the mapping's order.
    metadata
        ``{doc_id: {"speakers": ..., "genre": ...}}``: who speaks and the genre, which the voice
        rules read (:func:`analysis.corpus.voice.label_sentences`); None or a missing document
        means neither is known.
    n_jobs
        Processes to use; None uses every core when the corpus is large enough to gain from it.

    Returns
    -------
    paragraphs, sentences, tokens : pandas.DataFrame
        With the columns of ``PARAGRAPH_COLUMNS``, ``SENTENCE_COLUMNS`` and ``TOKEN_COLUMNS``.

    Examples
    --------
    >>> _, sentences, tokens = build_tables({"d1": "“We act,” Xi said. Nov. 10 was cold."})
    >>> sentences[["sentence_id", "text", "voice"]].to_dict("records")
    ... # doctest: +NORMALIZE_WHITESPACE
    [{'sentence_id': 1, 'text': '“We act,” Xi said.', 'voice': 'quote'},
     {'sentence_id': 2, 'text': 'Nov. 10 was cold.', 'voice': 'author'}]
    >>> tokens.loc[tokens.is_word, ["token", "voice"]].head(4).to_dict("list")
    {'token': ['We', 'act', 'Xi', 'said'], 'voice': ['quote', 'quote', 'author', 'author']}
    """
    tables = build_arrow_tables(texts, n_jobs=n_jobs, metadata=metadata)
    return tuple(frame(tables[name]) for name in SCHEMAS)


def build_arrow_tables(
    texts: Mapping[str, str],
    *,
    n_jobs: int | None = None,
    metadata: Mapping[str, Mapping[str, str]] | None = None,
) -> dict[str, pa.Table]:
    """The tables of :func:`build_tables` as compact Arrow tables (see ``SCHEMAS``), by name.

    They are in :func:`compact` form, as the store keeps them.
    """
    metadata = metadata or {}
    items = [(doc_id, body, dict(metadata.get(doc_id, {}))) for doc_id, body in texts.items()]
    if n_jobs is None:
        big = sum(len(body) for _, body, _ in items) >= _PARALLEL_THRESHOLD and len(items) > 1
        n_jobs = (os.cpu_count() or 1) if big else 1
    with progress(total=len(items), desc="building tables", unit="doc") as bar:
        if n_jobs <= 1:
            return _compacted(_documents_tables(items, bar))
        chunks = _balanced_chunks(items, n_jobs * 8)
        parts = []
        with ProcessPoolExecutor(max_workers=n_jobs) as pool:
            for chunk, part in zip(chunks, pool.map(_documents_tables, chunks), strict=True):
                parts.append(part)
                bar.update(len(chunk))
    return _compacted(
        {name: combine([part[name] for part in parts], SCHEMAS[name]) for name in SCHEMAS}
    )


def _compacted(tables: dict[str, pa.Table]) -> dict[str, pa.Table]:
    return {name: compact(table) for name, table in tables.items()}


def _balanced_chunks(items: list[_Item], count: int) -> list[list[_Item]]:
    """Consecutive runs of documents with about equal amounts of text, in the original order.

    Equal amounts keep both cores busy to the end (documents differ in length tenfold), and
    consecutive runs keep the tables in document order when they are concatenated.
    """
    share = sum(len(text) for _, text, _ in items) / count
    chunks: list[list[_Item]] = [[]]
    filled = 0
    for item in items:
        if chunks[-1] and filled >= share * len(chunks):
            chunks.append([])
        chunks[-1].append(item)
        filled += len(item[1])
    return chunks
