"""The corpus store: each document's tables built once and kept beside the corpus.

Building the paragraph, sentence and token tables (segmentation, voice, tokenisation) is the slow
part of loading a corpus; reading them back is far faster (figures in ``benchmarks/README.md``).
:func:`analysis.load_corpus` therefore keeps what it builds in the corpus's cache folder and builds
only the documents it does not find there.

Layout
------
``<corpus>/.cache/tables/<pipeline>-<segment>.json`` and ``...<table>.arrow``: a *segment* holds
the three tables of a group of documents (those built together: the whole corpus the first time,
the new ones after ``add``). ``<pipeline>`` is :func:`pipeline_version`, a hash of everything that
shapes the tables (the text-processing modules' source, the files in ``data/resources/``, the
reporting verbs, and the versions of Python's Unicode tables, NLTK, pandas and pyarrow);
``<segment>`` is a hash of the segment's manifest, which lists every document with its key
(:func:`document_key`: the SHA-256 of its raw file, its ``header_lines`` and the metadata the
voice rules read) and its row counts. A document that changed, or code that changed, simply finds
no segment: nothing stale is ever read.

Each table is an Arrow IPC file (the Feather V2 format; zstd-compressed buffers, one record batch)
in the form :func:`analysis.corpus.tables.frame` turns into pandas without copying
(:func:`analysis.corpus.tables.compact`: dictionaries of the values used, in lexical order, and
narrow codes and ids), so that reading is decompressing, not decoding or remapping: 0.04-0.1 s for
a table of 5.4 million tokens, against 0.3-0.8 s for the same table in Parquet and 0.5 s more to
remap its codes. The ``.json`` file is the manifest with the SHA-256 of each table file; it is
written last, so a segment exists for readers only once its tables are complete.

Verification
------------
A segment is never trusted blindly. On reading, its manifest must hash to the file's name and be
of the current pipeline; every table file must have the SHA-256 the manifest records (checked on
the bytes read, before they are parsed); the schema must be the table's, in compact form
(:func:`analysis.corpus.tables.is_compact_schema`); and the row counts must agree with the
manifest. A segment that fails any check is deleted and its documents
are built again. Files are written atomically (a temporary file, then a rename), so a reader never
sees half a file, and two processes that write the same segment write the same bytes. A write
that is killed midway leaves table files that no manifest names: they are never read, and go with
the next pipeline version or the cache folder.

The cache folder can be deleted at any time: it holds nothing that cannot be rebuilt. A corpus
folder that cannot be written (read-only, a full disk) still loads, just without caching.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from functools import cache
from pathlib import Path
from typing import NamedTuple

import pyarrow as pa
import pyarrow.compute as pc

from analysis.corpus.files import body_of
from analysis.corpus.tables import SCHEMAS, build_arrow_tables, compact, is_compact_schema
from analysis.paths import DATA_DIR, PROJECT_ROOT

__all__ = [
    "STORE_DIR",
    "TABLES",
    "document_key",
    "keep_documents",
    "locate",
    "pipeline_version",
    "read_store",
    "start_reading",
    "without_text",
    "write_store",
]

STORE_DIR = Path(".cache") / "tables"
TABLES = ("paragraphs", "sentences", "tokens")
# what shapes the tables: a change to any of these files changes every key
_SOURCES = [
    PROJECT_ROOT / "analysis" / "corpus" / name
    for name in ("segment.py", "tokens.py", "voice.py", "tables.py", "store.py")
] + [PROJECT_ROOT / "analysis" / "resources.py"]
_RESOURCES = [DATA_DIR / "resources", DATA_DIR / "lexicons" / "reporting_verbs.txt"]
_LIBRARIES = ("nltk", "pandas", "pyarrow", "regex")


@cache
def pipeline_version() -> str:
    """A hash (16 hex digits) of the code, resources and libraries that shape the tables.

    Computed once per process from the files themselves, so an edit to the tokeniser, the voice
    rules or a resource list gives a new version, and the tables of the old one are not read.
    """
    digest = hashlib.sha256()
    files = [*_SOURCES]
    for place in _RESOURCES:
        files.extend(sorted(place.glob("*")) if place.is_dir() else [place])
    for file in files:
        digest.update(file.relative_to(PROJECT_ROOT).as_posix().encode() + b"\0")
        digest.update(file.read_bytes() + b"\0")
    versions = [f"python {sys.version_info[:2]}", f"unicode {unicodedata.unidata_version}"]
    versions += [f"{name} {importlib.metadata.version(name)}" for name in _LIBRARIES]
    digest.update("\n".join(versions).encode())
    return digest.hexdigest()[:16]


def document_key(sha256: str, header_lines: int, metadata: Mapping[str, str] | None = None) -> str:
    """What a document's tables depend on besides the pipeline.

    Its raw bytes, its front matter, and the metadata the voice rules read (``speakers`` and
    ``genre``: a speech's own speaker is not a source), so editing them rebuilds the tables.

    >>> document_key("705ae10a" + "0" * 56, 3)
    '705ae10a00000000000000000000000000000000000000000000000000000000:3'
    >>> document_key("0" * 64, 0, {"speakers": "Xi Jinping", "genre": "speech"})[-13:]
    ':dbe741a59d7e'
    """
    key = f"{sha256}:{int(header_lines)}"
    if metadata:
        text = json.dumps(sorted(metadata.items()), ensure_ascii=False)
        key += ":" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    return key


def voice_metadata(row: Mapping[str, str]) -> dict[str, str]:
    """The fields of a metadata row that the voice rules read."""
    return {"speakers": str(row.get("speakers") or ""), "genre": str(row.get("genre") or "")}


def _segment_name(manifest: dict) -> str:
    named = {"pipeline": manifest["pipeline"], "documents": manifest["documents"]}
    text = json.dumps(named, sort_keys=True, separators=(",", ":"))
    return f"{manifest['pipeline']}-{hashlib.sha256(text.encode()).hexdigest()[:16]}"


def _place(folder: Path) -> Path:
    return Path(folder) / STORE_DIR


def write_store(folder: Path, keys: Mapping[str, str], tables: Mapping[str, pa.Table]) -> bool:
    """Keep the tables of the documents in ``keys`` as one segment; False if it cannot be written.

    ``tables`` maps each name of :data:`TABLES` to the Arrow table of those documents (sorted by
    ``doc_id``) with the schema of :data:`analysis.corpus.tables.SCHEMAS`. Segments of other
    pipeline versions are removed, since they can never be read again.
    """
    counts = {name: _row_counts(tables[name], keys) for name in TABLES}
    manifest = {
        "pipeline": pipeline_version(),
        "documents": [
            [doc_id, keys[doc_id], [counts[n][doc_id] for n in TABLES]] for doc_id in keys
        ],
    }
    name = _segment_name(manifest)
    place = _place(folder)
    try:
        place.mkdir(parents=True, exist_ok=True)
        digests = {}
        for table_name in TABLES:
            data = _ipc_file(tables[table_name], table_name)
            digests[table_name] = hashlib.sha256(data).hexdigest()
            _write_atomically(place / f"{name}.{table_name}.arrow", data)
        manifest["files"] = digests
        _write_atomically(place / f"{name}.json", json.dumps(manifest).encode())
        for stale in place.iterdir():
            if not stale.name.startswith((manifest["pipeline"], ".")):
                stale.unlink(missing_ok=True)
    except OSError:
        return False  # a read-only corpus, a full disk: the tables are there, only not kept
    return True


def _ipc_file(table: pa.Table, name: str) -> pa.Buffer:
    """The bytes of an Arrow IPC file of table ``name`` in compact form, as one record batch."""
    table = compact(table).combine_chunks()
    if not is_compact_schema(table.schema, name):
        raise TypeError(f"not a {name} table: its schema is {table.schema}")
    sink = pa.BufferOutputStream()
    options = pa.ipc.IpcWriteOptions(compression="zstd")
    with pa.ipc.new_file(sink, table.schema, options=options) as writer:
        writer.write_table(table)
    return sink.getvalue()


def _row_counts(table: pa.Table, keys: Mapping[str, str]) -> dict[str, int]:
    counts = dict.fromkeys(keys, 0)
    if table.num_rows:
        for entry in table.column("doc_id").value_counts().to_pylist():
            counts[entry["values"]] = entry["counts"]
    return counts


def _write_atomically(path: Path, data) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    finally:
        with suppress(OSError):
            os.unlink(temporary)


def read_store(
    folder: Path,
    keys: Mapping[str, str],
    *,
    segments: Iterable[str] | None = None,
    tables: Iterable[str] = TABLES,
    text: bool = True,
) -> tuple[list[dict[str, pa.Table]], set[str]]:
    """The stored tables of the documents in ``keys``, and the documents not found.

    Returns a list of segments (each a mapping of table name to Arrow table, holding only rows of
    documents whose key still matches) and the set of ``doc_id`` that must be built. A segment
    that fails verification is deleted. ``segments`` restricts the search to the named segments
    (:func:`locate` names them), so that a reader of a few documents does not open every
    segment's manifest; ``tables`` reads only some of the tables, and ``text=False`` leaves out
    the paragraphs' and sentences' ``text`` (:func:`without_text`).
    """
    read = _read_segments(_place(folder), segments, tuple(tables), text=text, keys=keys)
    return _select(read, keys)


def start_reading(
    folder: Path, *, tables: Iterable[str] = TABLES, text: bool = True
) -> Callable[[Mapping[str, str]], tuple[list[dict[str, pa.Table]], set[str]]]:
    """Start reading every segment on a thread while the caller checks the corpus folder.

    Returns a function of the documents' keys that waits for the reading and gives what
    ``read_store(folder, keys, tables=tables, text=text)`` gives. Hashing and decompressing run
    outside Python's global lock, so on two cores they take little of the load's time.
    """
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store")
    read = pool.submit(_read_segments, _place(folder), None, tuple(tables), text=text)
    pool.shutdown(wait=False)  # its one thread ends with the reading
    return lambda keys: _select(read.result(), keys)


class _Segment(NamedTuple):
    manifest: dict
    tables: dict[str, pa.Table]


def _read_segments(
    place: Path,
    names: Iterable[str] | None,
    tables: tuple[str, ...],
    *,
    text: bool,
    keys: Mapping[str, str] | None = None,
) -> list[_Segment]:
    """The verified segments of ``names`` (None: all), or of those that hold one of ``keys``."""
    if names is None:
        try:
            names = _segment_names(place)
        except OSError:
            return []
    found = []
    for name in sorted(set(names)):
        segment = _read_segment(place, name, tables, text=text, keys=keys)
        if segment is not None:
            found.append(segment)
    return found


def _select(
    segments: list[_Segment], keys: Mapping[str, str]
) -> tuple[list[dict[str, pa.Table]], set[str]]:
    """The rows of the documents whose key matches, each from the first segment that has it."""
    wanted = dict(keys)
    found = []
    for manifest, tables in segments:
        documents = manifest["documents"]
        usable = [doc_id for doc_id, key, _ in documents if wanted.get(doc_id) == key]
        if not usable:
            continue
        if len(usable) < len(documents):
            keep = pa.array(usable)
            # a filter keeps every value in the dictionaries: compact drops the unused
            tables = {
                name: compact(table.filter(pc.is_in(table.column("doc_id"), keep)))
                for name, table in tables.items()
            }
        for doc_id in usable:
            del wanted[doc_id]
        found.append(tables)
    return found, set(wanted)


def without_text(table: pa.Table | pa.Schema) -> pa.Table | pa.Schema:
    """A table (or schema) without its ``text`` column, if it has one."""
    schema = table if isinstance(table, pa.Schema) else table.schema
    if "text" not in schema.names:
        return table
    if isinstance(table, pa.Schema):
        return table.remove(table.get_field_index("text"))
    return table.drop_columns(["text"])


def locate(folder: Path, keys: Mapping[str, str]) -> dict[str, str]:
    """The segment whose manifest lists each document of ``keys`` with its key (manifests only).

    The segments are not verified here: :func:`read_store` verifies the ones it reads, and a
    document whose segment fails is then one to build.
    """
    place = _place(folder)
    where: dict[str, str] = {}
    try:
        names = sorted(_segment_names(place))
    except OSError:
        return where
    for name in names:
        manifest = _manifest(place, name)
        if manifest is None:
            continue
        for doc_id, key, _ in manifest["documents"]:
            if keys.get(doc_id) == key:
                where.setdefault(doc_id, name)
    return where


def _segment_names(place: Path) -> list[str]:
    return [path.stem for path in place.glob(f"{pipeline_version()}-*.json")]


def _manifest(place: Path, name: str) -> dict | None:
    """The manifest of a segment if it is well-formed and hashes to its name; else None."""
    try:
        manifest = json.loads((place / f"{name}.json").read_bytes())
        if _segment_name(manifest) == name and set(manifest["files"]) == set(TABLES):
            return manifest
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None


def _read_segment(
    place: Path,
    name: str,
    tables: tuple[str, ...],
    *,
    text: bool,
    keys: Mapping[str, str] | None = None,
) -> _Segment | None:
    """One verified segment (None if it lists none of ``keys`` with its key, when given)."""
    paths = [place / f"{name}.json", *(place / f"{name}.{table}.arrow" for table in TABLES)]
    try:
        manifest = _manifest(place, name)
        if manifest is None:
            raise _Invalid
        if keys is not None and not any(keys.get(d) == k for d, k, _ in manifest["documents"]):
            return None
        read = {}
        for position, table_name in enumerate(TABLES):
            if table_name not in tables:
                continue
            path = place / f"{name}.{table_name}.arrow"
            table = _read_table(path, manifest["files"][table_name], table_name, text=text)
            counts = [count[position] for _, _, count in manifest["documents"]]
            if table.num_rows != sum(counts):
                raise _Invalid
            read[table_name] = table
    except (_Invalid, OSError, ValueError, KeyError, TypeError, pa.ArrowException):
        for path in paths:
            with suppress(OSError):
                path.unlink()
        return None
    return _Segment(manifest, read)


def _read_table(path: Path, digest: str, name: str, *, text: bool) -> pa.Table:
    """A stored table (without ``text`` if asked), once its bytes have the recorded SHA-256."""
    data = pa.py_buffer(path.read_bytes())
    if hashlib.sha256(data).hexdigest() != digest:
        raise _Invalid
    if not is_compact_schema(pa.ipc.open_file(data).schema, name):
        raise _Invalid
    schema = SCHEMAS[name]
    fields = None if text else [schema.get_field_index(f) for f in without_text(schema).names]
    return pa.ipc.open_file(data, options=pa.ipc.IpcReadOptions(included_fields=fields)).read_all()


class _Invalid(Exception):
    """A segment that fails verification."""


def keep_documents(folder: Path, rows: list[Mapping[str, str]], texts: Mapping[str, str]) -> bool:
    """Build and keep the tables of some documents of ``folder`` (``add`` calls it for new ones).

    ``rows`` are their metadata rows (``doc_id``, ``sha256``, ``header_lines``), ``texts`` their
    raw texts by ``doc_id``. Returns False when the store cannot be written.
    """
    by_id = {row["doc_id"]: row for row in rows}
    meta = {doc_id: voice_metadata(row) for doc_id, row in by_id.items()}
    keys = {
        doc_id: document_key(row["sha256"], row["header_lines"], meta[doc_id])
        for doc_id, row in by_id.items()
    }
    order = sorted(keys)
    bodies = {
        doc_id: body_of(texts[doc_id], int(by_id[doc_id]["header_lines"]))[0] for doc_id in order
    }
    tables = build_arrow_tables(bodies, metadata=meta)
    return write_store(folder, {doc_id: keys[doc_id] for doc_id in order}, tables)
