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
import os
import re
from pathlib import Path

from analysis.corpus.metadata import FIELDS, OPTIONAL, check_row
from analysis.errors import CorpusError
from analysis.paths import CORPUS_DIR

METADATA_FILE = "metadata.csv"
TEXTS_DIR = "texts"
# control characters that do not occur in text (tab, newline, carriage return, form feed do)
_CONTROL_BYTES = bytes(byte for byte in range(32) if byte not in b"\t\n\r\f")
_MOJIBAKE_RE = re.compile("\ufffd|â€|Ã[\u0080-\u00bf]|Â[\u00a0-\u00bf]")
_MOJIBAKE_LEADS = ("\ufffd", "â€", "Ã", "Â")  # every match starts with one of these
# \S is what str.strip() keeps (both use Unicode whitespace): found without copying the text
_NON_SPACE_RE = re.compile(r"\S")
_WIDE_BOMS = {
    codecs.BOM_UTF32_LE: "utf-32",
    codecs.BOM_UTF32_BE: "utf-32",
    codecs.BOM_UTF16_LE: "utf-16",
    codecs.BOM_UTF16_BE: "utf-16",
}


def unreadable(error: OSError, path) -> CorpusError:
    """The one-line message for a file or folder the operating system would not let us use."""
    reason = error.strerror or type(error).__name__
    return CorpusError(
        f"cannot be used ({reason}): check that it exists and its permissions", path=path
    )


def read_bytes(path: Path) -> bytes:
    """A file's bytes, or a one-line :class:`CorpusError` when the file cannot be read."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise unreadable(error, path) from None


def _exists(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError as error:
        raise unreadable(error, path.parent) from None


def corpus_dir(path) -> Path:
    """The corpus folder for ``path`` (None: the shipped corpus), checked to hold a corpus."""
    if path is not None and not isinstance(path, str | os.PathLike):
        raise TypeError(
            f"path={path!r} must be a corpus folder (a str or pathlib.Path), or None for the "
            "shipped corpus"
        )
    folder = Path(path) if path is not None else CORPUS_DIR
    if not _exists(folder / METADATA_FILE):
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
    if not data or data.isspace():  # as `not data.strip()`, without the copy
        raise CorpusError("is empty: a document needs some text", path=path)
    codec = _text_codec(encoding, path=path)
    wide = codec is not None and codec.startswith(("utf-16", "utf-32"))
    if codec is None or not wide:
        bom = next((bom for bom in _WIDE_BOMS if data.startswith(bom)), None)
        if bom:
            raise CorpusError(
                f"starts with a {_WIDE_BOMS[bom].upper()} byte-order mark: pass "
                f"--encoding {_WIDE_BOMS[bom]} to transcode it to UTF-8",
                path=path,
                field="encoding",
            )
        sample = data[:8192]
        controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
        if b"\x00" in sample or controls > len(sample) // 20:
            raise CorpusError(
                "looks like a binary file, not text: give a plain-text (.txt) file", path=path
            )
    if codec is None:
        bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
        try:
            text = data[bom:].decode("utf-8")  # as the utf-8-sig codec, without its wrapper
        except UnicodeDecodeError as error:
            offset = bom + error.start  # in the file, byte-order mark included
            raise CorpusError(
                f"is not valid UTF-8 (byte 0x{data[offset]:02x} at offset {offset}); "
                "if you know its encoding, pass it with --encoding (e.g. --encoding cp1252 or "
                "--encoding latin-1) to transcode it to UTF-8",
                path=path,
                field="encoding",
            ) from None
    else:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as error:
            raise CorpusError(
                f"is not valid {encoding} (byte 0x{data[error.start]:02x} at offset "
                f"{error.start}): check the file's encoding",
                path=path,
                field="encoding",
            ) from None
    # A NUL anywhere (not only in the first 8 KB) would be stored and become a token.
    nul = text.find("\x00")
    if nul >= 0:
        raise CorpusError(
            f"holds a NUL character (at character {nul}): it is binary, or in another encoding "
            "(--encoding utf-16?); give a plain-text file",
            path=path,
        )
    if not text or text.isspace():  # as `not text.strip()`, without the copy
        raise CorpusError("is empty: a document needs some text", path=path)
    # a substring test is far faster than the regex's alternation: search only a text that may match
    garbled = _MOJIBAKE_RE.search(text) if any(c in text for c in _MOJIBAKE_LEADS) else None
    if garbled:
        line = text.count("\n", 0, garbled.start()) + 1
        raise CorpusError(
            f"looks mis-encoded at line {line} ({garbled.group()!r}): the text was probably "
            "decoded with the wrong encoding before it was saved; fix the file and add it again",
            path=path,
            field="encoding",
        )
    return text


def _text_codec(encoding: str | None, *, path) -> str | None:
    """The canonical name of a text encoding, or None for UTF-8 (the default)."""
    if encoding is None:
        return None
    try:
        info = codecs.lookup(encoding)
    except (LookupError, ValueError, TypeError):
        raise CorpusError(
            f"unknown encoding {encoding!r} (try utf-8, cp1252 or latin-1)",
            path=path,
            field="encoding",
        ) from None
    # base64, rot13, hex, zlib ... are codecs but not text encodings (a private flag, set by
    # every codec the standard library registers; absent means a text encoding).
    if not getattr(info, "_is_text_encoding", True):
        raise CorpusError(
            f"{encoding!r} is not a text encoding (try utf-8, cp1252 or latin-1)",
            path=path,
            field="encoding",
        )
    return info.name


def body_of(text: str, header_lines: int) -> tuple[str, int]:
    """The body of a raw text after its front-matter lines, and where the body starts in it.

    >>> body_of("Title\\n\\nBy Someone\\n\\nFirst paragraph.\\n", 3)
    ('First paragraph.', 19)
    """
    cut = _header_end(text, header_lines)
    rest = text[cut:]
    stripped = rest.strip()
    return stripped, cut + len(rest) - len(rest.lstrip())


def has_body(text: str, header_lines: int) -> bool:
    """Whether a raw text holds more than blanks after its front-matter lines (nothing copied)."""
    return _NON_SPACE_RE.search(text, _header_end(text, header_lines)) is not None


def _header_end(text: str, header_lines: int) -> int:
    """Where the front-matter lines of a raw text end (its length when it has fewer lines)."""
    cut = 0
    for _ in range(header_lines):
        cut = text.find("\n", cut) + 1
        if cut == 0:
            return len(text)
    return cut


def sha256(data: bytes) -> str:
    """The SHA-256 checksum of ``data`` as 64 lower-case hex digits."""
    return hashlib.sha256(data).hexdigest()


def read_table(where: Path, *, required=(), known=None) -> list[tuple[int, dict[str, str]]]:
    """The rows of a UTF-8 CSV table with a header, each with the line it starts on.

    A byte-order mark (as Excel writes) is ignored; blank lines are skipped. A header that lacks
    a ``required`` column, repeats a column or (when ``known`` is given) names an unknown one, and
    a line with more or fewer values than the header, are refused in one line naming the line.
    """
    try:
        with where.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle, strict=True)
            records, start = [], 1
            for values in reader:
                records.append((start, values))
                start = reader.line_num + 1
    except OSError as error:
        raise unreadable(error, where) from None
    except UnicodeDecodeError as error:
        raise CorpusError(
            f"is not valid UTF-8 (at byte {error.start}): save it as UTF-8", path=where
        ) from None
    except csv.Error as error:
        raise CorpusError(
            f"is not valid CSV at line {start} ({error}): check its quotation marks", path=where
        ) from None
    records = [(line, values) for line, values in records if values]
    if not records:
        raise CorpusError(f"has no header row; the columns are: {', '.join(FIELDS)}", path=where)
    header_line, header = records[0]
    header = [name.strip() for name in header]
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        raise CorpusError(f"column(s) {', '.join(repeated)} appear twice in the header", path=where)
    missing = [name for name in required if name not in header]
    if missing:
        raise CorpusError(
            f"missing column(s) {', '.join(missing)} (the header is line {header_line}: "
            f"{', '.join(header)})",
            path=where,
        )
    if known is not None:
        unknown = [name for name in header if name not in known]
        if unknown:
            raise CorpusError(
                f"unknown column(s) {', '.join(unknown)}; the columns are: {', '.join(known)}",
                path=where,
            )
    rows = []
    for line, values in records[1:]:
        if len(values) != len(header):
            raise CorpusError(
                f"line {line} is malformed: it has {len(values)} values but the header has "
                f"{len(header)} columns (a value holding a comma must be in double quotes)",
                path=where,
            )
        rows.append((line, dict(zip(header, values, strict=True))))
    return rows


def read_rows(folder: Path) -> list[tuple[int, dict[str, str]]]:
    """The rows of ``metadata.csv`` with their line numbers; an older file may lack a new column."""
    required = [name for name in FIELDS if name not in OPTIONAL]
    return read_table(folder / METADATA_FILE, required=required, known=list(FIELDS))


def check_folder(folder: Path) -> tuple[list[dict[str, str]], dict[str, str], list[str], list[str]]:
    """Valid rows, their raw texts by id, and the problems and warnings found."""
    problems = []
    rows, texts, seen_ids, seen_sums = [], {}, {}, {}
    raw_rows = read_rows(folder)
    metadata_file, texts_dir = folder / METADATA_FILE, folder / TEXTS_DIR
    listing = _listing(texts_dir)
    # str(texts_dir / name) is this prefix and the name: no Path, no join per document
    texts_prefix = os.path.join(texts_dir, "")
    for number, raw_row in raw_rows:
        where = f"{metadata_file}, line {number}"
        try:
            row = check_row(raw_row, where=where)
            doc_id = row["doc_id"]
            if doc_id in seen_ids:
                raise CorpusError(
                    f"{doc_id!r} is used twice (also line {seen_ids[doc_id]})",
                    path=where,
                    field="doc_id",
                )
            text_path = f"{texts_prefix}{doc_id}.txt"
            data = _read_listed(text_path, listing or {}, where=where)
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
            header_lines = int(row["header_lines"])
            if not has_body(texts[doc_id], header_lines):
                raise CorpusError(
                    f"leaves no body text in {text_path} after {header_lines} header lines",
                    path=where,
                    field="header_lines",
                )
        except CorpusError as error:
            problems.append(str(error))
            continue
        seen_ids[doc_id] = number
        seen_sums[row["sha256"]] = doc_id
        rows.append(row)
    listed = {(row.get("doc_id") or "").strip() for _, row in raw_rows}
    return rows, texts, problems, _orphan_warnings(texts_dir, listing, listed)


def _listing(texts_dir: Path) -> dict[str, os.DirEntry] | None:
    """The entries of the texts folder by path, read once (None if it cannot be listed)."""
    try:
        with os.scandir(texts_dir) as entries:
            return {entry.path: entry for entry in entries}
    except OSError:
        return None


def _read_listed(text_path: str, listing: dict[str, os.DirEntry], *, where: str) -> bytes:
    """The bytes of a text file, or a :class:`CorpusError` that says why they cannot be read.

    A regular file in ``listing`` is read at once (no stat: the listing knows its type); any
    other path, or a read that fails, goes through the checks that name the problem.
    """
    entry = listing.get(text_path)
    if entry is not None and entry.is_file(follow_symlinks=False):
        try:
            with open(text_path, "rb", buffering=0) as handle:  # one read of the whole file
                return handle.read()
        except OSError:
            pass  # e.g. a folder that can be listed but not entered: said below, as before
    path = Path(text_path)
    if not _exists(path):
        raise CorpusError(f"{path} does not exist", path=where, field="doc_id")
    return read_bytes(path)


def _orphan_warnings(
    texts_dir: Path, listing: dict[str, os.DirEntry] | None, listed: set[str]
) -> list[str]:
    """A warning for each ``texts/*.txt`` file that no metadata row names, in path order."""
    warnings = []
    for path, name in _stored_texts(texts_dir, listing):
        stem = _stem(name)
        if stem not in listed:
            warnings.append(
                f"{path}: not in {METADATA_FILE}, ignored (add it with `python -m analysis "
                f"add {path} --id {stem} ...`, or delete it)"
            )
    return warnings


def _stored_texts(texts_dir: Path, listing: dict[str, os.DirEntry] | None) -> list[tuple[str, str]]:
    """Path and name of each ``*.txt`` entry, as ``sorted(texts_dir.glob("*.txt"))`` gives them.

    From the listing when there is one: strings are compared, not Path objects, and the pattern
    matches as pathlib's does (case-insensitive on Windows only, through normcase).
    """
    if listing is None:
        try:
            return [(str(path), path.name) for path in sorted(texts_dir.glob("*.txt"))]
        except OSError as error:
            raise unreadable(error, texts_dir) from None
    paths = [
        path for path, entry in listing.items() if os.path.normcase(entry.name).endswith(".txt")
    ]
    return [(path, listing[path].name) for path in sorted(paths, key=os.path.normcase)]


def _stem(name: str) -> str:
    """``Path(name).stem`` of a ``*.txt`` name; a Path is made only for names such as "..txt"."""
    stem = name[:-4]
    return stem if stem.strip(".") else Path(name).stem
