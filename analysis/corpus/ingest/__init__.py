"""Speeches from web pages, PDFs and Word files, with their provenance.

``python -m analysis add`` takes, besides plain text, a saved web page, a URL, a PDF or a .docx;
the kind is read from the bytes (:func:`kind_of`). :func:`extract` returns the speech as
paragraphs separated by blank lines, without the page or document around it, and the metadata the
source states; :mod:`.fetch` downloads a URL (the only network access in the package, and only
when ``add`` is given one); :mod:`.provenance` keeps the original beside the text, with a record
that ``validate`` checks and :func:`reextract` replays.
"""

from analysis.corpus.ingest.fetch import Fetched, fetch, is_url
from analysis.corpus.ingest.provenance import SOURCES_DIR, check_sources, reextract
from analysis.corpus.ingest.source import Extraction, kind_of

__all__ = [
    "SOURCES_DIR",
    "Extraction",
    "Fetched",
    "check_sources",
    "extract",
    "fetch",
    "is_url",
    "kind_of",
    "reextract",
]


def extract(data: bytes, *, path=None, url: str | None = None) -> Extraction | None:
    """The speech in a web page, PDF or Word file; None for plain text (stored as it is).

    Parameters
    ----------
    data
        The bytes of the file or of the fetched resource.
    path
        The file name or URL: for messages, and checked against the bytes (a ``.pdf`` must hold a
        PDF).
    url
        The address the bytes were fetched from, if any.

    Returns
    -------
    Extraction or None

    Raises
    ------
    CorpusError
        If the name and the bytes disagree, or the source cannot be read or is not a speech.

    Examples
    --------
    >>> extract(b"Friends, colleagues.") is None
    True
    """
    kind = kind_of(data, name=str(path or ""))
    if kind == "html":
        from analysis.corpus.ingest.html import extract_html

        return extract_html(data, url=url, path=path)
    if kind == "pdf":
        from analysis.corpus.ingest.pdf import extract_pdf

        return extract_pdf(data, path=path)
    if kind == "docx":
        from analysis.corpus.ingest.docx import extract_docx

        return extract_docx(data, path=path)
    return None
