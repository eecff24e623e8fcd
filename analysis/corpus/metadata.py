"""The metadata of a corpus document: its fields, and the checks each value must pass.

``data/corpus/metadata.csv`` holds one row per document with these columns, in this order; the
data dictionary in ``data/README.md`` explains each.
"""

import datetime as dt
import re

import pandas as pd

from analysis.corpus.naming import make_doc_id
from analysis.errors import CorpusError

__all__ = [
    "FIELDS",
    "check_doc_id",
    "check_header_lines",
    "check_language",
    "check_row",
    "check_value",
    "make_doc_id",
    "parse_date",
]

FIELDS = {
    "doc_id": "unique id; lower-case letters, digits and hyphens; also the text file's name",
    "title": "the document's title",
    "speakers": "who speaks in it (for a commentary, whom it reports), separated by '; '",
    "author": "who wrote it, when the text names a writer",
    "date": "date of the speech, or of the event a commentary reports (YYYY-MM-DD)",
    "event": "the occasion",
    "genre": "speech, commentary, statement, interview, ...",
    "language": "the text's language as a BCP 47 tag (en, zh, und-Arab); detected when added",
    "source": "where the text comes from",
    "licence": "terms under which it may be used",
    "notes": "anything a reader needs to know: provenance, editing, encoding",
    "header_lines": "lines at the top of the file that are front matter, not body (0 if none)",
    "sha256": "SHA-256 checksum of the text file's bytes",
}
REQUIRED = ("doc_id", "title", "sha256")
FREE_TEXT = ("title", "speakers", "author", "event", "genre", "source", "licence", "notes")
#: Columns added after the first corpora were made: a metadata.csv without them is still read.
OPTIONAL = ("language",)
ID_RE = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?")
SHA256_RE = re.compile(r"[0-9a-f]{64}")
LANGUAGE_RE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
# ASCII digits only (str.isdigit also accepts "²"), and few enough to fit an int64 column.
HEADER_LINES_RE = re.compile(r"[0-9]{1,6}")
# Names Windows reserves for devices, whatever the extension: a file "con.txt" cannot be opened.
_RESERVED_IDS = {"con", "prn", "aux", "nul"} | {
    f"{p}{n}" for p in ("com", "lpt") for n in range(10)
}
# Characters a CSV cell cannot hold safely: the Unicode categories Cc (control) but tab, Cs
# (surrogate), Zl and Zp (line and paragraph separator); one search instead of a category lookup
# per character (tests/test_metadata.py checks it against unicodedata over every code point).
_REFUSED_RE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, "CSV Injection").
_FORMULA_STARTS = ("=", "+", "-", "@")


def parse_date(value: str, *, where=None) -> dt.date | None:
    """An ISO 8601 calendar date (``YYYY-MM-DD``), or None for an empty value.

    >>> parse_date("2020-11-10")
    datetime.date(2020, 11, 10)
    >>> parse_date("10/11/2020")
    Traceback (most recent call last):
    ...
    analysis.errors.CorpusError: date: '10/11/2020' is not a date in the form YYYY-MM-DD (ISO 8601)
    >>> parse_date("2021-02-30")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    analysis.errors.CorpusError: date: '2021-02-30' has the right form but is not a calendar ...
    """
    if not value:
        return None
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise CorpusError(
            f"{value!r} is not a date in the form YYYY-MM-DD (ISO 8601)", path=where, field="date"
        )
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:  # the form is right, the day or month is not
        raise CorpusError(
            f"{value!r} has the right form but is not a calendar date ({error}): check the day "
            "and the month",
            path=where,
            field="date",
        ) from None


def check_doc_id(doc_id: str, *, where=None) -> str:
    """Return ``doc_id`` if it is a safe id, else raise: ids name files, so none may hold a path.

    >>> check_doc_id("2020-11-10-xi-sco")
    '2020-11-10-xi-sco'
    >>> check_doc_id("../etc")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    analysis.errors.CorpusError: doc_id: '../etc' is not a valid id: use 1-80 lower-case ...
    """
    if not ID_RE.fullmatch(doc_id or ""):
        raise CorpusError(
            f"{doc_id!r} is not a valid id: use 1-80 lower-case letters, digits and hyphens "
            "(no spaces, dots or slashes), starting and ending with a letter or digit",
            path=where,
            field="doc_id",
        )
    if doc_id in _RESERVED_IDS:
        raise CorpusError(
            f"{doc_id!r} is a device name on Windows, where its file could not be opened: "
            "choose another id",
            path=where,
            field="doc_id",
        )
    return doc_id


def check_value(value: str, *, field: str, where=None) -> str:
    """A metadata value stripped of surrounding blanks; raise if a CSV cell cannot hold it safely.

    A value is one line of text: a control character (a carriage return splits a CSV row in many
    readers), a line or paragraph separator, or an unpaired surrogate (which UTF-8 cannot encode) is
    refused, and so is a value that a spreadsheet would run as a formula.

    >>> check_value("  Xi Jinping ", field="speakers")
    'Xi Jinping'
    >>> check_value("Xi\\rJinping", field="speakers")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    analysis.errors.CorpusError: speakers: holds a control character (U+000D at position 2); ...
    >>> check_value("=HYPERLINK(1)", field="title")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    analysis.errors.CorpusError: title: starts with '=', which a spreadsheet runs as a formula; ...
    """
    refused = _REFUSED_RE.search(value)
    if refused:
        raise CorpusError(
            f"holds a control character (U+{ord(refused.group()):04X} at position "
            f"{refused.start()}); a metadata value is one line of plain text",
            path=where,
            field=field,
        )
    value = value.strip()
    # Ids, dates, counts, tags and checksums have stricter checks of their own.
    if field in FREE_TEXT and value.startswith(_FORMULA_STARTS):
        raise CorpusError(
            f"starts with {value[0]!r}, which a spreadsheet runs as a formula; reword the value "
            "so that it starts with a letter or a digit",
            path=where,
            field=field,
        )
    return value


def check_header_lines(value: str, *, where=None) -> int:
    """The number of front-matter lines: a whole number written in ASCII digits, 0 if empty.

    >>> check_header_lines("3")
    3
    >>> check_header_lines("\u00b2")
    Traceback (most recent call last):
    ...
    analysis.errors.CorpusError: header_lines: '²' must be a whole number of lines, 0 to 999999 ...
    """
    if not HEADER_LINES_RE.fullmatch(value or "0"):
        raise CorpusError(
            f"{value!r} must be a whole number of lines, 0 to 999999 (0 if none)",
            path=where,
            field="header_lines",
        )
    return int(value or "0")


def check_language(value: str, *, where=None) -> str:
    """Return a language tag if it has the shape of BCP 47 (``en``, ``zh``, ``und-Arab``), or ''.

    >>> check_language("en")
    'en'
    """
    if value and not LANGUAGE_RE.fullmatch(value):
        raise CorpusError(
            f"{value!r} is not a language tag: use a BCP 47 tag such as en, fr, zh or und-Arab",
            path=where,
            field="language",
        )
    return value


def check_row(row: dict[str, str], *, where=None) -> dict[str, str]:
    """Check one metadata row; return it with every field present (missing ones empty).

    Raises
    ------
    CorpusError
        naming the field: an unknown or missing column, an empty required value, a bad id, date,
        checksum or header line count.
    """
    unknown = sorted(set(row) - set(FIELDS))
    if unknown:
        raise CorpusError(
            f"unknown column(s) {', '.join(unknown)}; the columns are: {', '.join(FIELDS)}",
            path=where,
        )
    clean = {field: check_value(row.get(field) or "", field=field, where=where) for field in FIELDS}
    for field in REQUIRED:
        if not clean[field]:
            raise CorpusError(f"is empty; {FIELDS[field]}", path=where, field=field)
    check_doc_id(clean["doc_id"], where=where)
    parse_date(clean["date"], where=where)
    if not SHA256_RE.fullmatch(clean["sha256"]):
        raise CorpusError("must be 64 lower-case hex digits", path=where, field="sha256")
    clean["header_lines"] = str(check_header_lines(clean["header_lines"], where=where))
    check_language(clean["language"], where=where)
    return clean


def metadata_fields() -> pd.DataFrame:
    """The data dictionary of ``metadata.csv``: one row per column, in file order.

    Returns
    -------
    pandas.DataFrame
        ``field, meaning``.

    Examples
    --------
    >>> metadata_fields()["field"].head(3).tolist()
    ['doc_id', 'title', 'speakers']
    """
    return pd.DataFrame({"field": list(FIELDS), "meaning": list(FIELDS.values())}, dtype="str")
