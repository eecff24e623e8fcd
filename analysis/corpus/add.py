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
from collections.abc import Mapping, Sequence
from contextlib import suppress
from io import StringIO
from pathlib import Path

from analysis.corpus import recovery, store
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


def _new_row(file: Path, meta: Mapping[str, str], encoding: str | None) -> tuple[dict, bytes]:
    """Check one new file and its metadata; return the metadata row and the UTF-8 bytes to store."""
    values = _values(file, meta)
    row = {name: values.get(name, "") for name in FIELDS}
    for name, option in (("title", "--title"), ("speakers", "--speaker"), ("date", "--date")):
        if not row[name]:
            raise CorpusError(f"is required (give {option})", path=file, field=name.rstrip("s"))
    parse_date(row["date"], where=file)
    row["doc_id"] = check_doc_id(
        row["doc_id"] or make_doc_id(date=row["date"], speaker=row["speakers"], title=row["title"]),
        where=file,
    )
    header_lines = check_header_lines(row["header_lines"], where=file)
    check_language(row["language"], where=file)
    encoding = meta.get("encoding") or encoding
    raw = _read_source(file)
    text = decode_text(raw, path=file, encoding=encoding)
    if not body_of(text, header_lines)[0]:
        raise CorpusError(
            f"leaves no body text after {header_lines} header lines",
            path=file,
            field="header_lines",
        )
    row["header_lines"] = str(header_lines)
    notes = []
    if encoding and codecs.lookup(encoding).name != "utf-8":
        notes.append(f"Transcoded from {encoding} to UTF-8 when added.")
    elif raw.startswith(codecs.BOM_UTF8):
        notes.append("UTF-8 byte-order mark removed when added.")
    row["notes"] = " ".join([row["notes"], *notes]).strip()
    row["language"] = row["language"] or detect_language(body_of(text, header_lines)[0])
    data = text.encode("utf-8")
    row["sha256"] = sha256(data)
    return row, data


def _check_new(folder: Path, rows: list[dict], files: Sequence, metadata, encoding):
    ids = {row["doc_id"]: "the corpus" for row in rows}
    sums = {row["sha256"]: row["doc_id"] for row in rows}
    new: list[tuple[dict, bytes]] = []
    for file, meta in zip(files, metadata, strict=True):
        file = Path(file)
        row, data = _new_row(file, meta, encoding)
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
        if target.exists() and read_bytes(target) != data:
            raise CorpusError(
                f"{target} exists, is not in {METADATA_FILE} and holds another text: "
                "delete it or choose another --id",
                path=file,
                field="doc_id",
            )
        ids[row["doc_id"]] = str(file)
        sums[row["sha256"]] = row["doc_id"]
        new.append((row, data))
    return new


def _commit(folder: Path, rows: list[dict], new: list[tuple[dict, bytes]]) -> None:
    """Write the texts, then metadata.csv; on any failure before the latter, remove the texts."""
    texts = {folder / TEXTS_DIR / f"{row['doc_id']}.txt": data for row, data in new}
    created = {path: data for path, data in texts.items() if not path.exists()}
    metadata = _metadata_bytes([*rows, *(row for row, _ in new)])
    written: list[Path] = []
    try:
        (folder / TEXTS_DIR).mkdir(exist_ok=True)
        recovery.begin(folder, created)
        for path, data in created.items():
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
) -> list[str]:
    """Add text files to a corpus, all or nothing; return the new document ids.

    Parameters
    ----------
    files
        Text files, one per new document.
    metadata
        One mapping per file with the fields of :data:`analysis.corpus.metadata.FIELDS` (``speaker``
        and ``id`` are accepted for ``speakers`` and ``doc_id``; ``encoding`` per file). ``title``,
        ``speaker`` and ``date`` are required; a missing id is made from date, speaker and title,
        a missing ``language`` is detected (:func:`analysis.corpus.language.detect_language`).
    corpus
        The corpus folder; None adds to the shipped corpus.
    encoding
        The files' encoding if not UTF-8; they are transcoded to UTF-8.

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
        new = _check_new(folder, rows, files, metadata, encoding)
        _commit(folder, rows, new)
        # Interrupted from here on, the documents are in: finish the clean-up rather than stop.
        with suppress(KeyboardInterrupt, OSError):
            recovery.end(folder)
    # The documents are in. Building their tables now lets the next load read them from the store
    # instead of building them; a failure here only means they are built at the next load.
    with suppress(OSError, ValueError):
        store.keep_documents(
            folder,
            [row for row, _ in new],
            {row["doc_id"]: data.decode("utf-8") for row, data in new},
        )
    note = english_only_note({row["doc_id"]: row["language"] for row, _ in new})
    if note:
        warnings.warn(note, UserWarning, stacklevel=2)
    return [row["doc_id"] for row, _ in new]
