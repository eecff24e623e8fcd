"""The files of a corpus folder: where they are, how they are decoded, and how they are checked.

A corpus folder holds ``metadata.csv`` (one row per document, columns in
:data:`analysis.corpus.metadata.FIELDS`) and ``texts/<doc_id>.txt``, one UTF-8 file per document.
Text files are raw and immutable: each row records the file's SHA-256, and reading refuses a file
that has changed. This module and :mod:`analysis.corpus.add` are the only ones that touch corpus
files.
"""

import codecs
import csv
import hashlib
import re
from pathlib import Path

from analysis.corpus.metadata import FIELDS, check_row
from analysis.errors import CorpusError
from analysis.paths import CORPUS_DIR

METADATA_FILE = "metadata.csv"
TEXTS_DIR = "texts"
_MOJIBAKE_RE = re.compile("\ufffd|â€|Ã[\u0080-\u00bf]|Â[\u00a0-\u00bf]")


def corpus_dir(path) -> Path:
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


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_rows(folder: Path) -> list[dict[str, str]]:
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


def check_folder(folder: Path) -> tuple[list[dict[str, str]], dict[str, str], list[str], list[str]]:
    """Valid rows, their raw texts by id, and the problems and warnings found."""
    problems, warnings = [], []
    rows, texts, seen_ids, seen_sums = [], {}, {}, {}
    raw_rows = read_rows(folder)
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
            if sha256(data) != row["sha256"]:
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
