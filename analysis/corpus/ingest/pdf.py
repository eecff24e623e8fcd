"""The speech in a PDF: its text blocks in reading order, without the furniture of the page.

A PDF holds positioned glyphs, not paragraphs. pdfminer.six's layout analysis (Shinyama et al.)
groups characters into lines and lines into text boxes; a box is about a paragraph. On top of that
this module:

- reads the boxes of a page **column by column**: those starting left of 45% of the page width
  first, top to bottom, then the others (one or two columns; a box spanning the page counts as
  the first column, so a full-width paragraph below two columns is read too early);
- drops **page furniture**: a box in the top or bottom 10% of the page that is a page number
  ("3", "- 3 -", "Page 3 of 8", "iv") or that recurs, digits aside, on at least half the pages
  (a running header or footer), the usual definition in document-layout work (e.g. Lin 2003);
- **joins a paragraph split** by a column or page break: a box that does not end a sentence
  followed by one that starts in lower case;
- **repairs hyphenation** at line ends: ``secur-`` + ``ity`` becomes ``security`` when the second
  part starts in lower case and the joined word is common in English (Zipf frequency >= 3 in
  wordfreq, Speer 2022) or not much rarer than the hyphenated form; ``non-`` + ``traditional``
  stays ``non-traditional`` (Zipf 4.7 hyphenated, 2.6 joined), ``Asia-`` + ``Pacific`` too.

The title in the document's properties is used unless it looks like a file name or a program's
default ("Microsoft Word - speech.docx", "Untitled"); the properties' author and dates describe
the file, not the speech, and are not used.

References
----------
Lin, X. (2003). Header and footer extraction by page association. *Proc. SPIE 5010, Document
Recognition and Retrieval X*.
Speer, R. (2022). wordfreq v3.0. https://doi.org/10.5281/zenodo.7199437
Shinyama, Y., Guglielmi, P. & Marsman, P. pdfminer.six, https://pdfminer-six.readthedocs.io/
(layout analysis: "Converting a PDF file to text").
"""

from __future__ import annotations

import io
import re
from collections import Counter
from importlib.metadata import version

from analysis.corpus.ingest.source import Extraction, join_paragraphs
from analysis.errors import CorpusError

__all__ = ["extract_pdf"]

MARGIN = 0.10  # share of the page height at the top and bottom where furniture lives
_PAGE_NUMBER_RE = re.compile(
    r"(?:page\s+)?[-–—(\[]?\s*(?:[0-9]{1,4}|[ivxlcdm]{1,7})\s*[-–—)\]]?(?:\s*(?:of|/)\s*[0-9]{1,4})?",
    re.IGNORECASE,
)
_HYPHEN_END_RE = re.compile(r"([A-Za-z]+)[-\u00ad]\n\s*([A-Za-z]+)")
_SENTENCE_END = tuple(".!?:;\"'”’)")
_FILE_TITLE_RE = re.compile(
    r"(?i)^(?:untitled|document\d*|microsoft (?:word|powerpoint)\b.*|.*\.(?:docx?|pdf|odt|rtf))$"
)


def _boxes(data: bytes) -> tuple[list[list[tuple[str, float, float]]], dict[str, str]]:
    """Text boxes per page as (text, top share, bottom share), and the document's info strings."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    pages = []
    for layout in extract_pages(io.BytesIO(data), laparams=LAParams()):
        height, width = layout.height or 1, layout.width or 1
        boxes = [
            # A box that starts right of the middle is in the second column: read it after
            # the first, top to bottom (pdfminer's own order mixes columns on some pages).
            (box.x0 >= 0.45 * width, 1 - box.y1 / height, box.get_text(), 1 - box.y0 / height)
            for box in layout
            if isinstance(box, LTTextContainer) and box.get_text().strip()
        ]
        pages.append([(text, top, bottom) for _, top, text, bottom in sorted(boxes)])
    document = PDFDocument(PDFParser(io.BytesIO(data)))
    info = {}
    for entry in document.info[:1]:
        for key in ("Title", "Author"):
            value = resolve1(entry.get(key))
            if isinstance(value, bytes):
                value = decode_text(value)
            if isinstance(value, str) and value.strip():
                info[key.lower()] = " ".join(value.split())
    return pages, info


def _furniture(pages) -> set[tuple[int, int]]:
    """(page, box) positions of page numbers and running headers and footers."""

    def shape(text: str) -> str:
        return re.sub(r"[0-9]+", "#", " ".join(text.split()).lower())

    in_margin = {
        (p, b)
        for p, boxes in enumerate(pages)
        for b, (_, top, bottom) in enumerate(boxes)
        if bottom <= MARGIN or top >= 1 - MARGIN
    }
    counts = Counter(shape(pages[p][b][0]) for p, b in in_margin)
    recurring = {s for s, n in counts.items() if len(pages) >= 2 and n >= max(2, len(pages) / 2)}
    return {
        (p, b)
        for p, b in in_margin
        if _PAGE_NUMBER_RE.fullmatch(pages[p][b][0].strip()) or shape(pages[p][b][0]) in recurring
    }


def _dehyphenate(text: str) -> str:
    from wordfreq import zipf_frequency

    def join(match: re.Match) -> str:
        first, second = match.group(1), match.group(2)
        joined = zipf_frequency(first + second, "en")
        # wordfreq scores "non-traditional" from its parts; a compound is kept only when it is
        # clearly commoner than the joined form (non-traditional 4.7 against nontraditional 2.6).
        hyphenated = zipf_frequency(f"{first}-{second}", "en")
        if second[:1].islower() and (joined >= 3.0 or joined >= hyphenated - 1.0):
            return first + second
        return f"{first}-{second}"

    return _HYPHEN_END_RE.sub(join, text)


def _paragraphs(blocks: list[str]) -> list[str]:
    """Blocks joined where a column or page break cut a paragraph."""
    merged: list[str] = []
    for block in blocks:
        if merged and not merged[-1].rstrip().endswith(_SENTENCE_END) and block[:1].islower():
            # A word hyphenated at the foot of a column is rejoined like one at a line end.
            merged[-1] = " ".join(_dehyphenate(merged[-1].rstrip() + "\n" + block).split())
        else:
            merged.append(block)
    return merged


def extract_pdf(data: bytes, *, path=None) -> Extraction:
    """The speech in a PDF: paragraphs in reading order, page furniture dropped, hyphens repaired.

    Parameters
    ----------
    data
        The bytes of a PDF.
    path
        The file or URL, for messages.

    Returns
    -------
    Extraction
        ``found`` may hold ``title`` (from the document's properties, unless it looks like a file
        name); the properties' author is reported in ``ignored``.

    Raises
    ------
    CorpusError
        If the PDF cannot be read (damaged, or encrypted with a password), or holds no text layer
        (a scanned image: run OCR first).
    """
    try:
        pages, info = _boxes(data)
    # pdfminer signals a damaged or encrypted file with many exception types of its own (and
    # with plain KeyError, TypeError ... from deep inside); all of them mean "cannot read this".
    except Exception as error:
        raise CorpusError(
            f"could not be read as a PDF ({type(error).__name__}): it may be damaged or "
            "protected by a password; open it and save or print it again as PDF",
            path=path,
        ) from None
    furniture = _furniture(pages)
    blocks = [
        _dehyphenate(text).replace("\n", " ")
        for p, boxes in enumerate(pages)
        for b, (text, _, _) in enumerate(boxes)
        if (p, b) not in furniture
    ]
    text = join_paragraphs(_paragraphs([" ".join(block.split()) for block in blocks]))
    if not text:
        raise CorpusError(
            "holds no text layer (is it a scanned image?): run OCR on it first, or add a "
            "plain-text copy",
            path=path,
        )
    found, origins, ignored = {}, {}, {}
    title = info.get("title", "")
    if title and not _FILE_TITLE_RE.match(title):
        found["title"], origins["title"] = title, "the PDF's document properties (Title)"
    elif title:
        ignored["title"] = f"{title!r} in the PDF's properties looks like a file name"
    if info.get("author"):
        ignored["author"] = (
            f"{info['author']!r} in the PDF's properties names who made the file, not "
            "necessarily who wrote or gave the speech"
        )
    return Extraction(
        text=text,
        kind="pdf",
        found=found,
        origins=origins,
        ignored=ignored,
        extractor=f"pdfminer.six {version('pdfminer.six')}",
    )
