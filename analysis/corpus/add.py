"""Add documents to a corpus safely: everything is checked before anything is written.

:func:`add_documents` checks every new file and row before it writes anything, then writes the
texts and replaces ``metadata.csv`` atomically (write a temporary file, flush it to disk, rename).
A refused, failed or interrupted ``add`` (Ctrl-C, SIGTERM, a full disk) rolls back and leaves the
corpus exactly as it was; a killed one leaves only files that readers ignore and that the next
``add`` (or ``python -m analysis repair``) removes (:mod:`analysis.corpus.recovery`).
"""

import codecs
import csv
import warnings
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

from analysis.corpus import ingest, recovery, store
from analysis.corpus.files import (
    METADATA_FILE,
    TEXTS_DIR,
    body_of,
    check_folder,
    corpus_dir,
    decode_text,
    read_bytes,
    sha256,
)
from analysis.corpus.ingest.provenance import provenance_record
from analysis.corpus.ingest.source import KEPT_SUFFIX, NAMES
from analysis.corpus.language import detect_language, english_only_note
from analysis.corpus.metadata import (
    FIELDS,
    check_doc_id,
    check_header_lines,
    check_language,
    check_value,
    make_doc_id,
    parse_date,
)
from analysis.errors import CorpusError

_ALIASES = {"speaker": "speakers", "id": "doc_id"}
_OPTIONS = {"file", "encoding"}


def _metadata_bytes(rows: Sequence[Mapping[str, str]]) -> bytes:
    buffer = StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(FIELDS), lineterminator="\n")
    writer.writeheader()
    writer.writerows({name: row.get(name, "") for name in FIELDS} for row in rows)
    return buffer.getvalue().encode("utf-8")


def _values(file: Path, meta: Mapping[str, str]) -> dict[str, str]:
    """The given fields under their metadata.csv names, each checked to fit in one CSV cell."""
    unknown = sorted(set(meta) - set(FIELDS) - set(_ALIASES) - _OPTIONS)
    if unknown:
        raise CorpusError(f"unknown field(s) {', '.join(map(repr, unknown))}", path=file)
    values = {}
    for name, value in meta.items():
        if name in _OPTIONS or value is None or value == "":
            continue
        field = _ALIASES.get(name, name)
        if not isinstance(value, str):
            raise CorpusError(f"must be text, got {type(value).__name__}", path=file, field=field)
        value = check_value(value, field=field, where=file)
        if value and values.get(field, value) != value:
            raise CorpusError(f"is given twice, as {name!r} and {field!r}", path=file, field=field)
        values[field] = values.get(field) or value
    return values


def _read_source(file: Path) -> bytes:
    if file.is_symlink():
        raise CorpusError(
            f"is a symbolic link (to {file.readlink()}): give the file itself, so that what is "
            "copied into the corpus is what you meant",
            path=file,
        )
    if not file.is_file():
        raise CorpusError("does not exist or is not a regular file", path=file)
    return read_bytes(file)


def _read(file) -> tuple[bytes, "ingest.Fetched | None"]:
    if ingest.is_url(file):
        fetched = ingest.fetch(file)
        return fetched.data, fetched
    return _read_source(file), None


def _from_source(file, values: dict, extraction, fetched) -> tuple[dict, list[str]]:
    """Fields the source states and the user did not give, and one line per field saying whence."""
    found = dict(extraction.found)
    origins = dict(extraction.origins)
    if fetched is not None:
        site = found.get("source")
        found["source"] = f"{site}, {fetched.final_url}" if site else fetched.final_url
        origins["source"] = "the address it was fetched from" + (
            f" and {origins['source']}" if site else ""
        )
    taken, lines = {}, []
    for name, value in found.items():
        if values.get(name):
            continue
        try:
            value = check_value(value, field=name, where=file)
            if name == "date":
                parse_date(value, where=file)
        except CorpusError as error:  # what a source states is a suggestion: never a refusal
            lines.append(f"{file}: not used: {name} {value!r} ({error})")
            continue
        taken[name] = value
        lines.append(f"{file}: {name} {value!r} taken from {origins[name]}")
    lines.extend(f"{file}: not used: {name} {why}" for name, why in extraction.ignored.items())
    return taken, lines


def _new_row(file, meta: Mapping[str, str], encoding: str | None):
    """Check one new file (or URL) and its metadata.

    Return the metadata row, the UTF-8 bytes to store, the provenance of an extracted source
    (None for plain text) and lines saying which fields came from the source.
    """
    values = _values(file, meta)
    encoding = meta.get("encoding") or encoding
    # What the user gave is checked before anything is read or fetched.
    parse_date(values.get("date", ""), where=file)
    if values.get("doc_id"):
        check_doc_id(values["doc_id"], where=file)
    check_header_lines(values.get("header_lines", ""), where=file)
    check_language(values.get("language", ""), where=file)
    raw, fetched = _read(file)
    extraction = ingest.extract(raw, path=file, url=fetched.final_url if fetched else None)
    taken, lines = _from_source(file, values, extraction, fetched) if extraction else ({}, [])
    values.update(taken)
    row = {name: values.get(name, "") for name in FIELDS}
    for name, option in (("title", "--title"), ("speakers", "--speaker"), ("date", "--date")):
        if not row[name]:
            states = f"; {NAMES[extraction.kind]} states none" if extraction else ""
            raise CorpusError(
                f"is required (give {option}{states})", path=file, field=name.rstrip("s")
            )
    parse_date(row["date"], where=file)
    row["doc_id"] = check_doc_id(
        row["doc_id"] or make_doc_id(date=row["date"], speaker=row["speakers"], title=row["title"]),
        where=file,
    )
    header_lines = check_header_lines(row["header_lines"], where=file)
    check_language(row["language"], where=file)
    notes = []
    if extraction is None:
        text = decode_text(raw, path=file, encoding=encoding)
    else:
        # The extracted text passes the same checks as a text file (no NUL, no mojibake).
        text = decode_text(extraction.text.encode("utf-8"), path=file)
        notes.append(
            f"Extracted from {NAMES[extraction.kind]} with {extraction.extractor}; the original "
            "and its provenance record are in sources/."
        )
    if not body_of(text, header_lines)[0]:
        raise CorpusError(
            f"leaves no body text after {header_lines} header lines",
            path=file,
            field="header_lines",
        )
    row["header_lines"] = str(header_lines)
    if extraction is None and encoding and codecs.lookup(encoding).name != "utf-8":
        notes.append(f"Transcoded from {encoding} to UTF-8 when added.")
    elif extraction is None and raw.startswith(codecs.BOM_UTF8):
        notes.append("UTF-8 byte-order mark removed when added.")
    row["notes"] = " ".join([row["notes"], *notes]).strip()
    row["language"] = row["language"] or detect_language(body_of(text, header_lines)[0])
    data = text.encode("utf-8")
    row["sha256"] = sha256(data)
    provenance = None
    if extraction is not None:
        retrieved = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
        provenance = {
            "original": raw,
            "suffix": KEPT_SUFFIX[extraction.kind],
            "extraction": extraction,
            "url": fetched.url if fetched else None,
            "final_url": fetched.final_url if fetched else None,
            "file": None if fetched else Path(file).name,
            "retrieved": fetched.retrieved if fetched else retrieved,
            "taken": taken,
        }
    return row, data, provenance, lines


def _check_new(folder: Path, rows: list[dict], files: Sequence, metadata, encoding):
    ids = {row["doc_id"]: "the corpus" for row in rows}
    sums = {row["sha256"]: row["doc_id"] for row in rows}
    new: list[tuple[dict, bytes, dict[str, bytes]]] = []
    lines: list[str] = []
    for file, meta in zip(files, metadata, strict=True):
        file = file if ingest.is_url(file) else Path(file)
        row, data, provenance, taken = _new_row(file, meta, encoding)
        if not (meta.get("id") or meta.get("doc_id")):
            # An automatic id stays readable and unique: the same metadata gives the same id,
            # and a second speech that would get it is numbered.
            base, number = row["doc_id"], 1
            while row["doc_id"] in ids or _taken_file(folder, row["doc_id"], data):
                number += 1
                row["doc_id"] = f"{base}-{number}"
        if row["doc_id"] in ids:
            raise CorpusError(
                f"{row['doc_id']!r} is already used by {ids[row['doc_id']]}; "
                "choose another with --id",
                path=file,
                field="doc_id",
            )
        if row["sha256"] in sums:
            raise CorpusError(f"same text as document {sums[row['sha256']]!r}", path=file)
        target = folder / TEXTS_DIR / f"{row['doc_id']}.txt"
        # An unlisted file with the very bytes to be stored is adopted, as validate suggests.
        if _taken_file(folder, row["doc_id"], data):
            raise CorpusError(
                f"{target} exists, is not in {METADATA_FILE} and holds another text: "
                "delete it or choose another --id",
                path=file,
                field="doc_id",
            )
        ids[row["doc_id"]] = str(file)
        sums[row["sha256"]] = row["doc_id"]
        sources = (
            provenance_record(doc_id=row["doc_id"], text_sha256=row["sha256"], **provenance)
            if provenance
            else {}
        )
        new.append((row, data, sources))
        lines.extend(taken)
    return new, lines


def _taken_file(folder: Path, doc_id: str, data: bytes) -> bool:
    target = folder / TEXTS_DIR / f"{doc_id}.txt"
    return target.exists() and read_bytes(target) != data


def _commit(folder: Path, rows: list[dict], new: list[tuple[dict, bytes]]) -> None:
    """Write the texts, then metadata.csv; on any failure before the latter, remove the texts."""
    texts = {folder / TEXTS_DIR / f"{row['doc_id']}.txt": data for row, data, _ in new}
    created = {path: data for path, data in texts.items() if not path.exists()}
    # Provenance files of a document not in metadata.csv are leftovers: overwritten, never read.
    sources = {folder / name: data for _, _, files in new for name, data in files.items()}
    metadata = _metadata_bytes([*rows, *(row for row, _, _ in new)])
    written: list[Path] = []
    try:
        (folder / TEXTS_DIR).mkdir(exist_ok=True)
        if sources:
            (folder / ingest.SOURCES_DIR).mkdir(exist_ok=True)
        recovery.begin(folder, created)
        for path, data in [*sources.items(), *created.items()]:
            written.append(path)  # before the write: it may be interrupted just after the rename
            recovery.write_atomically(path, data)
        recovery.sync_folder(folder / TEXTS_DIR)
        recovery.write_atomically(folder / METADATA_FILE, metadata)
    except BaseException as error:
        # The rename may have happened just before the interruption: then the add is complete.
        with suppress(OSError):
            if (folder / METADATA_FILE).read_bytes() == metadata:
                return
        for path in written:
            with suppress(OSError):
                path.unlink()
        with suppress(OSError):
            recovery.end(folder)
        if isinstance(error, OSError):
            reason = error.strerror or type(error).__name__
            raise CorpusError(
                f"could not write {error.filename or 'a file'} ({reason}); nothing was added, "
                "the corpus is as it was",
                path=folder,
            ) from None
        raise


def add_documents(
    files: Sequence,
    metadata: Sequence[Mapping[str, str]],
    *,
    corpus=None,
    encoding: str | None = None,
    log: Callable[[str], None] | None = None,
) -> list[str]:
    """Add speeches to a corpus, all or nothing; return the new document ids.

    A web page, PDF or Word file (recognised by its bytes) or an ``http(s)`` URL is reduced to
    the speech (:mod:`analysis.corpus.ingest`); the metadata it states fills the fields not given,
    and the original is kept in ``sources/`` with a provenance record. A plain-text file is
    stored as it is.

    Parameters
    ----------
    files
        Files (plain text, web page, PDF, .docx) or URLs, one per new document.
    metadata
        One mapping per file with the fields of :data:`analysis.corpus.metadata.FIELDS` (``speaker``
        and ``id`` are accepted for ``speakers`` and ``doc_id``; ``encoding`` per file). ``title``,
        ``speaker`` and ``date`` are required; a missing id is made from date, speaker and title,
        a missing ``language`` is detected (:func:`analysis.corpus.language.detect_language`).
    corpus
        The corpus folder; None adds to the shipped corpus.
    encoding
        The plain-text files' encoding if not UTF-8; they are transcoded to UTF-8.
    log
        Called, once the documents are added, with one line per metadata field taken from a
        source (and where in it), and per value the source holds but that was not used.

    Returns
    -------
    list of str
        The new documents' ids, in the order of ``files``.

    Raises
    ------
    CorpusError
        For any invalid file or field (empty, binary or mis-encoded file, a symbolic link, a value
        with a control character or a spreadsheet formula, malformed date, unsafe or duplicate id,
        duplicate text), before anything is written; for a corpus another ``add`` is changing; and
        for a write that failed (nothing is then added).

    Warns
    -----
    UserWarning
        Once, naming the new documents that are mostly not English: the methods are English-only.
    """
    folder = corpus_dir(corpus)
    if isinstance(files, str | Path) or len(files) != len(metadata):
        raise CorpusError("give a list of files and one metadata row per file")
    if not files:
        raise CorpusError("no files to add")
    with recovery.locked(folder):
        recovery.repair(folder)
        rows, _, problems, _ = check_folder(folder)
        if problems:
            raise CorpusError(f"the corpus has problems; fix them first: {problems[0]}")
        new, lines = _check_new(folder, rows, files, metadata, encoding)
        _commit(folder, rows, new)
        # Interrupted from here on, the documents are in: finish the clean-up rather than stop.
        with suppress(KeyboardInterrupt, OSError):
            recovery.end(folder)
    for line in lines if log else ():
        log(line)
    # The documents are in. Building their tables now lets the next load read them from the store
    # instead of building them; a failure here only means they are built at the next load.
    with suppress(OSError, ValueError):
        store.keep_documents(
            folder,
            [row for row, _, _ in new],
            {row["doc_id"]: data.decode("utf-8") for row, data, _ in new},
        )
    note = english_only_note({row["doc_id"]: row["language"] for row, _, _ in new})
    if note:
        warnings.warn(note, UserWarning, stacklevel=2)
    return [row["doc_id"] for row, _, _ in new]
