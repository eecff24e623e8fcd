"""The corpus store: each document's tables built once and kept as Parquet beside the corpus.

Building the paragraph, sentence and token tables (segmentation, voice, tokenisation) is the slow
part of loading a corpus; reading them back from Parquet (Apache Parquet, through pyarrow) is
about twenty times faster. :func:`analysis.load_corpus` therefore keeps what it builds in the
corpus's cache folder and builds only the documents it does not find there.

Layout
------
``<corpus>/.cache/tables/<pipeline>-<segment>.<table>.parquet``: a *segment* holds the three
tables of a group of documents (those built together: the whole corpus the first time, the new
ones after ``add``), one Parquet file per table. ``<pipeline>`` is :func:`pipeline_version`, a
hash of everything that shapes the tables (the text-processing modules' source, the files in
``data/resources/``, the reporting verbs, and the versions of Python's Unicode tables, NLTK,
pandas and pyarrow); ``<segment>`` is a hash of the segment's manifest, which lists every document
with its key (:func:`document_key`: the SHA-256 of its raw file and its ``header_lines``) and its
row counts. A document that changed, or code that changed, simply finds no segment: nothing stale
is ever read.

Verification
------------
A segment is never trusted blindly. On reading, its manifest (in the Parquet metadata) must hash
to the file's name and be of the current pipeline; the schema must be exactly the expected one;
the row counts must agree with the manifest; and every data page must pass its CRC-32 checksum
(written with each page and checked by pyarrow as it reads). A file that fails any check is
deleted and its documents are built again. Files are written atomically (a temporary file, then a
rename), so a reader never sees half a file, and two processes that write the same segment write
the same bytes.

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
from collections.abc import Iterable, Mapping
from contextlib import suppress
from functools import cache
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from analysis.corpus.files import body_of
from analysis.corpus.tables import SCHEMAS, build_arrow_tables
from analysis.paths import DATA_DIR, PROJECT_ROOT

__all__ = [
    "STORE_DIR",
    "TABLES",
    "document_key",
    "keep_documents",
    "locate",
    "pipeline_version",
    "read_store",
    "without_text",
    "write_store",
]

STORE_DIR = Path(".cache") / "tables"
TABLES = ("paragraphs", "sentences", "tokens")
_MANIFEST_KEY = b"analysis.store"
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
    text = json.dumps(manifest, sort_keys=True, separators=(",", ":"))
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
        for table_name in TABLES:
            table = tables[table_name].cast(SCHEMAS[table_name])
            metadata = {_MANIFEST_KEY: json.dumps(manifest | {"table": table_name}).encode()}
            _write_atomically(
                place / f"{name}.{table_name}.parquet", table.replace_schema_metadata(metadata)
            )
        for stale in place.glob("*.parquet"):
            if not stale.name.startswith(manifest["pipeline"]):
                stale.unlink(missing_ok=True)
    except OSError:
        return False  # a read-only corpus, a full disk: the tables are there, only not kept
    return True


def _row_counts(table: pa.Table, keys: Mapping[str, str]) -> dict[str, int]:
    counts = dict.fromkeys(keys, 0)
    if table.num_rows:
        for entry in table.column("doc_id").value_counts().to_pylist():
            counts[entry["values"]] = entry["counts"]
    return counts


def _write_atomically(path: Path, table: pa.Table) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    try:
        pq.write_table(table, temporary, compression="zstd", write_page_checksum=True)
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
    place = _place(folder)
    wanted = dict(keys)
    found: list[dict[str, pa.Table]] = []
    if segments is None:
        try:
            names = sorted(_segment_names(place))
        except OSError:
            return found, set(wanted)
    else:
        names = sorted(set(segments))
    for name in names:
        segment = _read_segment(place, name, wanted, tuple(tables), text=text)
        if segment is None:
            continue
        read, documents = segment
        for doc_id in documents:
            del wanted[doc_id]
        found.append(read)
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
        try:
            manifest = _manifest(place / f"{name}.tokens.parquet")
        except (OSError, ValueError, pa.ArrowException):
            continue
        if manifest is None or _segment_name(manifest) != name:
            continue
        for doc_id, key, _ in manifest["documents"]:
            if keys.get(doc_id) == key:
                where.setdefault(doc_id, name)
    return where


def _segment_names(place: Path) -> list[str]:
    pattern = f"{pipeline_version()}-*.tokens.parquet"
    return [path.name.split(".")[0] for path in place.glob(pattern)]


def _read_segment(
    place: Path, name: str, wanted: Mapping[str, str], tables: tuple[str, ...], *, text: bool
):
    """One verified segment restricted to the wanted documents, or None."""
    paths = {table: place / f"{name}.{table}.parquet" for table in TABLES}
    try:
        manifest = _manifest(paths["tokens"])
        if manifest is None or _segment_name(manifest) != name:
            raise _Invalid
        usable = [
            (doc_id, index)
            for index, (doc_id, key, _) in enumerate(manifest["documents"])
            if wanted.get(doc_id) == key
        ]
        if not usable:
            return None
        read = {}
        for position, table_name in enumerate(TABLES):
            if table_name not in tables:
                continue
            schema = SCHEMAS[table_name] if text else without_text(SCHEMAS[table_name])
            table = pq.read_table(
                paths[table_name], columns=schema.names, page_checksum_verification=True
            )
            stored = json.loads(table.schema.metadata[_MANIFEST_KEY])
            if stored != manifest | {"table": table_name}:
                raise _Invalid
            table = table.replace_schema_metadata(None)
            if not table.schema.equals(schema):
                raise _Invalid
            counts = [count[position] for _, _, count in manifest["documents"]]
            if table.num_rows != sum(counts):
                raise _Invalid
            if len(usable) < len(manifest["documents"]):
                keep = [doc_id for doc_id, _ in usable]
                table = table.filter(pa.compute.is_in(table.column("doc_id"), pa.array(keep)))
            read[table_name] = table
    except (_Invalid, OSError, ValueError, KeyError, TypeError, pa.ArrowException):
        for path in paths.values():
            with suppress(OSError):
                path.unlink()
        return None
    return read, [doc_id for doc_id, _ in usable]


class _Invalid(Exception):
    """A segment that fails verification."""


def _manifest(path: Path) -> dict | None:
    metadata = pq.read_schema(path).metadata or {}
    if _MANIFEST_KEY not in metadata:
        return None
    manifest = json.loads(metadata[_MANIFEST_KEY])
    manifest.pop("table", None)
    return manifest


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
