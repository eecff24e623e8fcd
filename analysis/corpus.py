"""The corpus on disk: load and validate it, and add documents to it safely.

A corpus folder holds ``metadata.csv`` (one row per document, columns in
:data:`analysis.metadata.FIELDS`) and ``texts/<doc_id>.txt``, one UTF-8 file per document. Text
files are raw and immutable: each row records the file's SHA-256, and loading refuses a file that
has changed. This is the only module that reads or writes corpus files.

:func:`add_documents` checks every new file and row before it writes anything, then writes the
texts and replaces ``metadata.csv`` atomically (write a temporary file, flush it to disk, rename):
an interrupted or refused ``add`` leaves the corpus exactly as it was.
"""

import codecs
import csv
import hashlib
import os
import re
from collections.abc import Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.errors import CorpusError
from analysis.metadata import FIELDS, check_doc_id, check_row, make_doc_id, parse_date
from analysis.paths import CORPUS_DIR
from analysis.tables import build_tables
from analysis.tokens import iter_tokens

METADATA_FILE = "metadata.csv"
TEXTS_DIR = "texts"
_MOJIBAKE_RE = re.compile("\ufffd|â€|Ã[\u0080-\u00bf]|Â[\u00a0-\u00bf]")


@dataclass(frozen=True, repr=False)
class Corpus:
    """A loaded corpus: tidy tables that every analysis module reads (``docs/CONTRACT.md``)."""

    path: Path
    documents: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    tokens: pd.DataFrame

    def __repr__(self) -> str:
        words = int(self.tokens["is_word"].sum())
        return (
            f"<Corpus {self.path}: {len(self.documents)} documents, {len(self.paragraphs)} "
            f"paragraphs, {len(self.sentences)} sentences, {words} words>"
        )


@dataclass
class Validation:
    """What :func:`validate_corpus` found: a summary row per valid document, problems, warnings."""

    path: Path
    summary: pd.DataFrame
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _corpus_dir(path) -> Path:
    folder = Path(path) if path is not None else CORPUS_DIR
    if not (folder / METADATA_FILE).is_file():
        raise CorpusError(
            f"not a corpus folder: it needs {METADATA_FILE} and {TEXTS_DIR}/ "
            "(see data/README.md, 'How to add a speech')",
            path=folder,
        )
    return folder


def decode_text(data: bytes, *, path, encoding: str | None = None) -> str:
    """Decode the bytes of a text file, refusing what is not clean text.

    Parameters
    ----------
    data
        The file's bytes.
    path
        The file, for messages.
    encoding
        The file's encoding when it is not UTF-8 (e.g. ``"cp1252"``); it is transcoded explicitly,
        never guessed.

    Raises
    ------
    CorpusError
        For an empty file, a binary file, bytes that are not valid in the encoding (suggesting
        ``--encoding``), an unknown encoding, or text that shows signs of an earlier wrong decoding
        (mojibake such as "â€™").
    """
    if not data.strip():
        raise CorpusError("is empty: a document needs some text", path=path)
    sample = data[:8192]
    controls = sum(byte < 32 and byte not in b"\t\n\r\f" for byte in sample)
    if b"\x00" in sample or controls > len(sample) // 20:
        raise CorpusError(
            "looks like a binary file, not text: give a plain-text (.txt) file", path=path
        )
    if encoding is None:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise CorpusError(
                f"is not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}); "
                "if you know its encoding, pass it with --encoding (e.g. --encoding cp1252 or "
                "--encoding latin-1) to transcode it to UTF-8",
                path=path,
                field="encoding",
            ) from None
    else:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise CorpusError(
                f"unknown encoding {encoding!r} (try utf-8, cp1252 or latin-1)",
                path=path,
                field="encoding",
            ) from None
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as error:
            raise CorpusError(
                f"is not valid {encoding} (byte 0x{data[error.start]:02x} at offset "
                f"{error.start}): check the file's encoding",
                path=path,
                field="encoding",
            ) from None
    if not text.strip():
        raise CorpusError("is empty: a document needs some text", path=path)
    garbled = _MOJIBAKE_RE.search(text)
    if garbled:
        line = text.count("\n", 0, garbled.start()) + 1
        raise CorpusError(
            f"looks mis-encoded at line {line} ({garbled.group()!r}): the text was probably "
            "decoded with the wrong encoding before it was saved; fix the file and add it again",
            path=path,
            field="encoding",
        )
    return text


def body_of(text: str, header_lines: int) -> tuple[str, int]:
    """The body of a raw text after its front-matter lines, and where the body starts in it.

    >>> body_of("Title\\n\\nBy Someone\\n\\nFirst paragraph.\\n", 3)
    ('First paragraph.', 19)
    """
    cut = 0
    for _ in range(header_lines):
        cut = text.find("\n", cut) + 1
        if cut == 0:
            return "", len(text)
    rest = text[cut:]
    stripped = rest.strip()
    return stripped, cut + len(rest) - len(rest.lstrip())


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_rows(folder: Path) -> list[dict[str, str]]:
    where = folder / METADATA_FILE
    try:
        with where.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames is None:
                raise CorpusError(
                    f"has no header row; the columns are: {', '.join(FIELDS)}", path=where
                )
            missing = [name for name in FIELDS if name not in reader.fieldnames]
            if missing:
                raise CorpusError(f"missing column(s) {', '.join(missing)}", path=where)
            rows = list(reader)
    except UnicodeDecodeError:
        raise CorpusError("is not valid UTF-8: save it as UTF-8", path=where) from None
    except csv.Error as error:
        raise CorpusError(f"is not valid CSV ({error})", path=where) from None
    for number, row in enumerate(rows, start=2):
        if None in row:
            raise CorpusError(f"line {number} has more values than columns", path=where)
    return rows


def _check(folder: Path) -> tuple[list[dict[str, str]], dict[str, str], list[str], list[str]]:
    """Valid rows, their raw texts by id, and the problems and warnings found."""
    problems, warnings = [], []
    rows, texts, seen_ids, seen_sums = [], {}, {}, {}
    raw_rows = _read_rows(folder)
    for number, raw_row in enumerate(raw_rows, start=2):
        where = f"{folder / METADATA_FILE}, line {number}"
        try:
            row = check_row(raw_row, where=where)
            doc_id = row["doc_id"]
            if doc_id in seen_ids:
                raise CorpusError(
                    f"{doc_id!r} is used twice (also line {seen_ids[doc_id]})",
                    path=where,
                    field="doc_id",
                )
            text_path = folder / TEXTS_DIR / f"{doc_id}.txt"
            if not text_path.is_file():
                raise CorpusError(f"{text_path} does not exist", path=where, field="doc_id")
            data = text_path.read_bytes()
            if _sha256(data) != row["sha256"]:
                raise CorpusError(
                    "does not match the text file: raw texts are immutable; restore "
                    f"{text_path} from version control, or add the new text as a new document",
                    path=where,
                    field="sha256",
                )
            if row["sha256"] in seen_sums:
                raise CorpusError(
                    f"same text as document {seen_sums[row['sha256']]!r}",
                    path=where,
                    field="sha256",
                )
            texts[doc_id] = decode_text(data, path=text_path)
        except CorpusError as error:
            problems.append(str(error))
            continue
        seen_ids[doc_id] = number
        seen_sums[row["sha256"]] = doc_id
        rows.append(row)
    listed = {(row.get("doc_id") or "").strip() for row in raw_rows}
    for orphan in sorted((folder / TEXTS_DIR).glob("*.txt")):
        if orphan.stem not in listed:
            warnings.append(
                f"{orphan}: not in {METADATA_FILE}, ignored "
                "(add it with `python -m analysis add`, or delete it)"
            )
    return rows, texts, problems, warnings


def _documents_frame(rows: list[dict[str, str]], texts: Mapping[str, str]) -> pd.DataFrame:
    records = []
    for row in sorted(rows, key=lambda row: row["doc_id"]):
        body, body_start = body_of(texts[row["doc_id"]], int(row["header_lines"]))
        records.append({**row, "text": body, "body_start": body_start})
    columns = [*FIELDS, "text", "body_start"]
    documents = pd.DataFrame.from_records(records, columns=columns)
    documents["date"] = pd.to_datetime(documents["date"].replace("", None), format="%Y-%m-%d")
    documents["header_lines"] = documents["header_lines"].astype("int64")
    documents["body_start"] = documents["body_start"].astype("int64")
    text_columns = [c for c in columns if c not in ("date", "header_lines", "body_start")]
    documents[text_columns] = documents[text_columns].astype("str")
    return documents


def validate_corpus(path=None) -> Validation:
    """Check every document of a corpus and its metadata, without building any tables.

    Returns
    -------
    Validation
        ``summary`` has one row per valid document (``doc_id, title, date, genre, paragraphs,
        words``); ``problems`` and ``warnings`` are messages that name the file and the field.
    """
    folder = _corpus_dir(path)
    rows, texts, problems, warnings = _check(folder)
    documents = _documents_frame(rows, texts)
    summary = documents[["doc_id", "title", "date", "genre"]].assign(
        characters=documents["text"].str.len(),
        words=[sum(token.is_word for token in iter_tokens(text)) for text in documents["text"]],
    )
    return Validation(folder, summary, problems, warnings)


def load_corpus(path=None, *, n_jobs: int | None = None) -> Corpus:
    """Load and validate a corpus, and build its tables.

    Parameters
    ----------
    path
        A corpus folder; None loads the shipped corpus (``data/corpus``).
    n_jobs
        Processes used to build the tables; None uses every core for a large corpus.

    Returns
    -------
    Corpus
        With ``documents`` (the metadata, ``text``: the body, ``body_start``: where it starts
        in the raw file), ``paragraphs``, ``sentences`` and ``tokens``, as in ``docs/CONTRACT.md``.

    Raises
    ------
    CorpusError
        If any document or metadata row is invalid; the message names the file and the field.

    Examples
    --------
    >>> corpus = load_corpus()
    >>> corpus.documents.loc[0, "author"]
    'He Yin'
    >>> row = corpus.tokens.iloc[0]
    >>> corpus.documents.loc[0, "text"][row.start:row.end] == row.token
    True
    """
    folder = _corpus_dir(path)
    rows, texts, problems, _ = _check(folder)
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
    paragraphs, sentences, tokens = build_tables(
        dict(zip(documents["doc_id"], documents["text"], strict=True)), n_jobs=n_jobs
    )
    return Corpus(folder, documents, paragraphs, sentences, tokens)


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
    row["sha256"] = _sha256(data)
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
        One mapping per file with the fields of :data:`analysis.metadata.FIELDS` (``speaker`` and
        ``id`` are accepted for ``speakers`` and ``doc_id``; ``encoding`` per file). ``title``,
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
    folder = _corpus_dir(corpus)
    if len(files) != len(metadata):
        raise CorpusError(
            f"{len(files)} files but {len(metadata)} metadata rows: give one row per file"
        )
    if not files:
        raise CorpusError("no files to add")
    with _locked(folder):
        rows, _, problems, _ = _check(folder)
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
