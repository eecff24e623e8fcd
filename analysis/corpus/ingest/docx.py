"""The speech in a Word (.docx) file: its body paragraphs, and its title.

A .docx is an Office Open XML package (ECMA-376): the body is ``word/document.xml``; page headers,
footers, footnotes and comments live in other parts, so reading the body's paragraphs with
python-docx leaves them out, and a footnote reference in the body is an element without text, so
no marker is left in a sentence. Tables are left out too: a speech is prose.

A paragraph styled ``Title`` gives the title and is not part of the speech. The title in the
file's properties is used when there is none. The properties' author is not used: it names whoever
made the file (often an account name), not who wrote or gave the speech; the creation date is the
file's, not the speech's.
"""

from __future__ import annotations

import io
from importlib.metadata import version

from analysis.corpus.ingest.source import Extraction, join_paragraphs
from analysis.errors import CorpusError

__all__ = ["extract_docx"]


def extract_docx(data: bytes, *, path=None) -> Extraction:
    """The body text of a Word file, paragraph by paragraph, and the title it states.

    Parameters
    ----------
    data
        The bytes of a .docx file.
    path
        The file or URL, for messages.

    Returns
    -------
    Extraction
        ``found`` may hold ``title`` (from a ``Title``-styled paragraph, else the file's
        properties).

    Raises
    ------
    CorpusError
        If the bytes are not a readable .docx, or its body holds no text.
    """
    import docx  # python-docx; imported here so that `import analysis` stays fast

    try:
        document = docx.Document(io.BytesIO(data))
        paragraphs = [
            (p.style.name if p.style is not None else "", p.text) for p in document.paragraphs
        ]
        properties = document.core_properties
        property_title = (properties.title or "").strip()
        property_author = (properties.author or "").strip()
    # python-docx reports a damaged package with whatever its zip and XML layers raise
    # (BadZipFile, KeyError, lxml's XMLSyntaxError ...): all mean the same to the user.
    except Exception as error:
        raise CorpusError(
            f"could not be read as a Word file ({type(error).__name__}): open it in Word or "
            "LibreOffice and save it again as .docx",
            path=path,
        ) from None
    found, origins, ignored = {}, {}, {}
    titles = [text.strip() for style, text in paragraphs if style == "Title" and text.strip()]
    if titles:
        found["title"], origins["title"] = titles[0], "the paragraph styled 'Title'"
    elif property_title:
        found["title"], origins["title"] = property_title, "the file's properties (Title)"
    if property_author:
        ignored["author"] = (
            f"{property_author!r} in the file's properties names who made the file, not "
            "necessarily who wrote or gave the speech"
        )
    body = [text for style, text in paragraphs if style != "Title"]
    text = join_paragraphs(body)
    if not text:
        raise CorpusError("holds no text in its body", path=path)
    return Extraction(
        text=text,
        kind="docx",
        found=found,
        origins=origins,
        ignored=ignored,
        extractor=f"python-docx {version('python-docx')}",
    )
