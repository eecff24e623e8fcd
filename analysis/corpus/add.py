"""Add documents to a corpus safely: everything is checked before anything is written.

:func:`add_documents` checks every new file and row before it writes anything, then writes the
texts and replaces ``metadata.csv`` atomically (write a temporary file, flush it to disk, rename):
an interrupted or refused ``add`` leaves the corpus exactly as it was.
"""

import codecs
import csv
import os
from collections.abc import Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path

from analysis.corpus.files import (
    METADATA_FILE,
    TEXTS_DIR,
    body_of,
    check_folder,
    corpus_dir,
    decode_text,
    sha256,
)
from analysis.corpus.metadata import FIELDS, check_doc_id, make_doc_id, parse_date
from analysis.errors import CorpusError


@contextmanager
def _locked(folder: Path):
    lock = folder / ".add.lock"
    try:
        descriptor = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        raise CorpusError(
            "another `add` is running (or one was killed): if none is running, delete this file",
            path=lock,
        ) from None
    try:
        os.close(descriptor)
        yield
    finally:
        lock.unlink(missing_ok=True)


def _write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with temporary.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def _metadata_bytes(rows: Sequence[Mapping[str, str]]) -> bytes:
    from io import StringIO

    buffer = StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(FIELDS), lineterminator="\n")
    writer.writeheader()
    writer.writerows({name: row.get(name, "") for name in FIELDS} for row in rows)
    return buffer.getvalue().encode("utf-8")


def _new_row(file: Path, meta: Mapping[str, str], encoding: str | None) -> tuple[dict, bytes]:
    """Check one new file and its metadata; return the metadata row and the UTF-8 bytes to store."""
    unknown = sorted(set(meta) - set(FIELDS) - {"speaker", "id", "file", "encoding"})
    if unknown:
        raise CorpusError(f"unknown field(s) {', '.join(unknown)}", path=file)
    row = {name: (meta.get(name) or "").strip() for name in FIELDS}
    row["speakers"] = row["speakers"] or (meta.get("speaker") or "").strip()
    for name, option in (("title", "--title"), ("speakers", "--speaker"), ("date", "--date")):
        if not row[name]:
            raise CorpusError(f"is required (give {option})", path=file, field=name.rstrip("s"))
    parse_date(row["date"], where=file)
    row["doc_id"] = check_doc_id(
        (meta.get("id") or meta.get("doc_id") or "").strip()
        or make_doc_id(date=row["date"], speaker=row["speakers"], title=row["title"]),
        where=file,
    )
    if not file.is_file():
        raise CorpusError("does not exist or is not a file", path=file)
    encoding = meta.get("encoding") or encoding
    text = decode_text(file.read_bytes(), path=file, encoding=encoding)
    header_lines = row["header_lines"] or "0"
    if not header_lines.isdigit():
        raise CorpusError(
            f"{header_lines!r} must be a whole number", path=file, field="header_lines"
        )
    if not body_of(text, int(header_lines))[0]:
        raise CorpusError(
            f"leaves no body text after {header_lines} header lines",
            path=file,
            field="header_lines",
        )
    row["header_lines"] = header_lines
    if encoding and codecs.lookup(encoding).name != "utf-8":
        note = f"Transcoded from {encoding} to UTF-8 when added."
        row["notes"] = f"{row['notes']} {note}".strip()
    data = text.encode("utf-8")
    row["sha256"] = sha256(data)
    return row, data


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
        ``speaker`` and ``date`` are required; a missing id is made from date, speaker and title.
    corpus
        The corpus folder; None adds to the shipped corpus.
    encoding
        The files' encoding if not UTF-8; they are transcoded to UTF-8.

    Raises
    ------
    CorpusError
        For any invalid file or field (empty, binary or mis-encoded file, malformed date, unsafe or
        duplicate id, duplicate text), before anything is written.
    """
    folder = corpus_dir(corpus)
    if len(files) != len(metadata):
        raise CorpusError(
            f"{len(files)} files but {len(metadata)} metadata rows: give one row per file"
        )
    if not files:
        raise CorpusError("no files to add")
    with _locked(folder):
        rows, _, problems, _ = check_folder(folder)
        if problems:
            raise CorpusError(f"the corpus has problems; fix them first: {problems[0]}")
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
            if target.exists():
                raise CorpusError(
                    f"{target} exists but is not in {METADATA_FILE} (left by an "
                    "interrupted add?): delete it or choose another --id",
                    path=file,
                    field="doc_id",
                )
            ids[row["doc_id"]] = str(file)
            sums[row["sha256"]] = row["doc_id"]
            new.append((row, data))
        written: list[Path] = []
        try:
            (folder / TEXTS_DIR).mkdir(exist_ok=True)
            for row, data in new:
                target = folder / TEXTS_DIR / f"{row['doc_id']}.txt"
                _write_atomically(target, data)
                written.append(target)
            _write_atomically(
                folder / METADATA_FILE, _metadata_bytes([*rows, *(r for r, _ in new)])
            )
        except BaseException:
            for path in written:
                with suppress(OSError):
                    path.unlink()
            raise
    return [row["doc_id"] for row, _ in new]
