"""What a source is (by its bytes, not its name), and the speech text every extractor returns.

A file's name can lie (a page saved as ``.txt``, a PDF renamed ``.doc``), so the kind is read
from the bytes: a PDF starts with ``%PDF-`` within its first kilobyte (ISO 32000-1, 7.5.2); a
Word file is a ZIP package holding ``word/document.xml`` (ECMA-376 Part 2); a web page starts,
after any byte-order mark, blanks and comments, with a doctype or an ``<html>``, ``<head>`` or
``<body>`` tag; anything else is plain text. A name that promises another kind than the bytes hold
(``speech.pdf`` that is a web page) is refused, since the user may have picked the wrong file.

Every extractor returns an :class:`Extraction`: the speech as paragraphs separated by one blank
line, and the metadata it found, each field with where it came from.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Literal

from analysis.errors import CorpusError

__all__ = ["Extraction", "Kind", "join_paragraphs", "kind_of"]

Kind = Literal["text", "html", "pdf", "docx"]
SUFFIXES: dict[str, Kind] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}
#: The file name each kind is kept under in the corpus's ``sources/`` folder.
KEPT_SUFFIX: dict[Kind, str] = {"text": ".txt", "html": ".html", "pdf": ".pdf", "docx": ".docx"}
NAMES = {"text": "a plain-text file", "html": "a web page", "pdf": "a PDF", "docx": "a Word file"}
_HTML_START_RE = re.compile(
    rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]",
    re.IGNORECASE | re.DOTALL,
)
_BOMS = (b"\xef\xbb\xbf",)


@dataclass(frozen=True)
class Extraction:
    """A speech extracted from a web page, PDF or Word file.

    Attributes
    ----------
    text
        The speech: paragraphs separated by one blank line, ending with a newline.
    kind
        ``"html"``, ``"pdf"`` or ``"docx"``.
    found
        Metadata fields found in the source (``title``, ``date``, ``author``, ``source``), by
        their ``metadata.csv`` names; only what the source states, never a guess.
    origins
        For each field in ``found``, where in the source it was read.
    ignored
        Values the source holds but that are not trusted, with the reason (shown to the user).
    extractor
        The library and version that extracted the text, e.g. ``"trafilatura 2.0.0"``.
    """

    text: str
    kind: Kind
    found: dict[str, str] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)
    ignored: dict[str, str] = field(default_factory=dict)
    extractor: str = ""


def kind_of(data: bytes, *, name: str = "") -> Kind:
    """The kind of a source, read from its bytes; ``name`` only has to agree with them.

    >>> kind_of(b"%PDF-1.7 ...")
    'pdf'
    >>> kind_of(b"<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    'html'
    >>> kind_of(b"Friends, colleagues.")
    'text'
    >>> kind_of(b"Friends, colleagues.", name="speech.pdf")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    analysis.errors.CorpusError: speech.pdf: is named like a PDF but holds a plain-text file: ...
    """
    head = data[:2048]
    for bom in _BOMS:
        head = head.removeprefix(bom)
    if b"%PDF-" in data[:1024]:
        kind: Kind = "pdf"
    elif data.startswith(b"PK\x03\x04") and _is_docx(data):
        kind = "docx"
    elif _HTML_START_RE.match(head):
        kind = "html"
    else:
        kind = "text"
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name.rsplit("/", 1)[-1] else ""
    promised = SUFFIXES.get(suffix)
    # A .txt that holds a saved page is common and harmless; a .pdf or .docx that is not one is
    # probably the wrong file.
    if promised in ("pdf", "docx", "html") and promised != kind:
        raise CorpusError(
            f"is named like {NAMES[promised]} but holds {NAMES[kind]}: check that it is the "
            "file you meant",
            path=name,
        )
    if suffix == ".doc" or (data.startswith(b"\xd0\xcf\x11\xe0") and kind == "text"):
        raise CorpusError(
            "is an old Word (.doc) file: open it in Word or LibreOffice and save it as .docx "
            "(or as a PDF), then add that",
            path=name,
        )
    return kind


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return "word/document.xml" in package.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def join_paragraphs(paragraphs) -> str:
    """Paragraphs as the corpus stores them, one blank line between and a final newline.

    Spaces are collapsed and empty paragraphs dropped.

    >>> join_paragraphs(["  First   line\\n of one. ", "", "Second."])
    'First line of one.\\n\\nSecond.\\n'
    """
    kept = [" ".join(paragraph.split()) for paragraph in paragraphs]
    kept = [paragraph for paragraph in kept if paragraph]
    return "\n\n".join(kept) + "\n" if kept else ""
