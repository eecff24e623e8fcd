"""Every exception the package raises on purpose, in one place.

A user meets two kinds of error. Wrong arguments (an option that is not one of the choices, a
table without the columns a function reads, a number out of range) raise the built-in
``ValueError`` or ``TypeError`` with one message shape each (:mod:`analysis._checks`). Problems
with files and data the user brought raise a subclass of :class:`AnalysisError`, whose message
names the file and the field and says what to change, so the command line prints it as one line
without a traceback:

- :class:`CorpusError`: a corpus folder, its metadata or a file to add is invalid;
- :class:`LexiconError`: a lexicon file in ``data/lexicons/`` cannot be read;
- :class:`ReportError`: a notebook of the report failed (names the notebook and the cell).

``AnalysisError`` subclasses ``ValueError``, so code that catches ``ValueError`` keeps working.
"""

__all__ = ["AnalysisError", "CorpusError", "LexiconError", "ReportError"]


class AnalysisError(ValueError):
    """Base class: bad data or files, with a message that says what to fix.

    Parameters
    ----------
    message : str
        What is wrong and what to change.
    path : str or Path, optional
        The file (or "file, line N") where it is wrong; prefixed to the message.
    field : str, optional
        The metadata field or option concerned; prefixed after ``path``.
    """

    def __init__(self, message: str, *, path=None, field: str | None = None):
        self.path = path
        self.field = field
        where = ": ".join(str(part) for part in (path, field) if part)
        super().__init__(f"{where}: {message}" if where else message)


class CorpusError(AnalysisError):
    """Invalid corpus content, metadata or input file."""


class LexiconError(AnalysisError):
    """A lexicon file that cannot be read; the message names the file, the line and the fix."""


class ReportError(AnalysisError):
    """A notebook could not be run; the message names the notebook, the cell and the error."""
