"""Read the benchmark corpora in ``../shared/benchmark/``: decode, strip front matter, scale.

The benchmark speeches are realistic input, not cleaned input, and nothing here is guessed
silently:

- every file is decoded as UTF-8; a file that is not valid UTF-8 is decoded as **cp1252**
  (Windows Latin-1, a superset of ISO-8859-1's printable characters) and listed in
  :func:`describe`'s report, with a warning when its bytes look like Big5 punctuation (``¡¦`` for
  ’, ``¡X`` for —), which cp1252 cannot repair;
- a file that opens with front matter (an upper-case title line and a date line, as the State of
  the Union files do; or a title line that ends with a date) has those lines stripped, and the
  report says which files and what was stripped.

The folder is ``../shared/benchmark/`` next to the project (``PROJECT_ROOT.parent``), or the one
named by the ``DISCOURSE_BENCHMARK_DIR`` environment variable, or an explicit path. The data are
only read: nothing is copied into the repository.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from analysis.paths import PROJECT_ROOT

ENV_VAR = "DISCOURSE_BENCHMARK_DIR"
DEFAULT_DIR = PROJECT_ROOT.parent / "shared" / "benchmark"

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_DATE = rf"{_MONTH}\s+\d{{1,2}},\s+\d{{4}}"
_DATE_LINE_RE = re.compile(rf"^\s*{_DATE}\b")  # "January 21, 1946. Dated January 14, 1946"
_ENDS_WITH_DATE_RE = re.compile(rf"{_DATE}\s*\.?\s*$")
_BIG5_PUNCT_RE = re.compile("¡[¦§¨X@]")
_MAX_HEADER_LINE = 200


@dataclass(frozen=True)
class BenchmarkText:
    """One benchmark file: its id, decoded body and what was done to it.

    ``doc_id`` is the file's path relative to the folder without ``.txt``
    (``state_union/1945-Truman``); ``encoding`` is ``utf-8`` or ``cp1252``; ``front_matter``
    holds the stripped lines (empty when none were found); ``note`` says why.
    """

    doc_id: str
    path: Path
    text: str
    encoding: str
    front_matter: tuple[str, ...] = ()
    note: str = ""

    @property
    def n_words(self) -> int:
        """Whitespace-separated words, the unit the benchmark sizes are given in."""
        return len(self.text.split())


def benchmark_dir(path: str | os.PathLike | None = None) -> Path:
    """The benchmark folder: ``path`` if given, else ``$DISCOURSE_BENCHMARK_DIR``, else default.

    The folder may not exist; callers check and skip politely.
    """
    if path is not None:
        return Path(path)
    from_env = os.environ.get(ENV_VAR)
    return Path(from_env) if from_env else DEFAULT_DIR


def decode(data: bytes) -> tuple[str, str]:
    """The text of ``data`` and the encoding used: UTF-8, or cp1252 when it is not valid UTF-8.

    >>> decode("café".encode("cp1252"))
    ('café', 'cp1252')
    """
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        # cp1252 maps 5 bytes to nothing; those would still raise, loudly, which is what we want
        return data.decode("cp1252"), "cp1252"


def strip_front_matter(text: str) -> tuple[str, tuple[str, ...], str]:
    """Split a title line and a date line off the top of ``text``.

    Recognised shapes (the first non-blank lines, each at most 200 characters):

    - an upper-case title, then a date line ("April 16, 1945"): both are stripped;
    - an upper-case title not followed by a date: only the title is stripped;
    - a title line that ends with a date ("... State of the Union. January 22, 1970");
    - a title over two lines, the second ending with a date.

    Returns
    -------
    body, stripped_lines, note
        ``note`` names the shape found, or is empty when the text has no front matter.

    >>> strip_front_matter("A SPEECH TO THE HOUSE\\n \\nMay 2, 1950\\n\\nMembers of the House:")
    ('Members of the House:', ('A SPEECH TO THE HOUSE', 'May 2, 1950'), 'title and date lines')
    >>> strip_front_matter("Fellow citizens:\\nWe meet today.")[1:]
    ((), '')
    """
    lines = text.split("\n")
    head = [(i, line.strip()) for i, line in enumerate(lines) if line.strip()][:2]
    if not head or len(head[0][1]) > _MAX_HEADER_LINE:
        return text, (), ""
    first = head[0][1]
    second = head[1][1] if len(head) > 1 and len(head[1][1]) <= _MAX_HEADER_LINE else ""
    is_upper = any(c.isalpha() for c in first) and first == first.upper()
    if is_upper and _DATE_LINE_RE.match(second):
        cut, note = head[1][0], "title and date lines"
    elif is_upper:
        cut, note = head[0][0], "title line only (no date line follows)"
    elif _ENDS_WITH_DATE_RE.search(first):
        cut, note = head[0][0], "title line ending with a date"
    elif second and _ENDS_WITH_DATE_RE.search(second) and not first.endswith((".", "!", "?")):
        cut, note = head[1][0], "title over two lines ending with a date"
    else:
        return text, (), ""
    stripped = tuple(line.strip() for line in lines[: cut + 1] if line.strip())
    body = "\n".join(lines[cut + 1 :]).strip("\n")
    return body, stripped, note


def read_benchmark(folder: str | os.PathLike | None = None) -> list[BenchmarkText]:
    """Every ``*.txt`` file one level below ``folder`` (``inaugural/``, ``state_union/`` ...).

    Files are read in sorted path order. Raises FileNotFoundError when the folder is absent.
    """
    root = benchmark_dir(folder)
    if not root.is_dir():
        raise FileNotFoundError(f"benchmark folder {root} does not exist")
    documents = []
    for path in sorted(root.glob("*/*.txt")):
        text, encoding = decode(path.read_bytes())
        body, stripped, note = strip_front_matter(text)
        doc_id = path.relative_to(root).with_suffix("").as_posix()
        documents.append(BenchmarkText(doc_id, path, body, encoding, stripped, note))
    return documents


def scaled(documents: Sequence[BenchmarkText], scale: int = 1) -> dict[str, str]:
    """``{doc_id: text}`` with every document repeated ``scale`` times under distinct ids.

    Copies are numbered ``doc_id#1`` ... ``doc_id#N`` (scale 1 keeps the plain ids), so a
    pipeline sees ``scale`` times as many documents, not one longer document.
    """
    if scale < 1:
        raise ValueError(f"scale={scale!r} must be a positive integer")
    if scale == 1:
        return {doc.doc_id: doc.text for doc in documents}
    return {f"{doc.doc_id}#{k}": doc.text for k in range(1, scale + 1) for doc in documents}


def describe(documents: Sequence[BenchmarkText]) -> list[str]:
    """Human-readable lines on what was read: sizes, non-UTF-8 files, stripped front matter."""
    n_words = sum(doc.n_words for doc in documents)
    lines = [f"{len(documents)} files, {n_words:,} words (whitespace-separated)"]
    latin = [doc for doc in documents if doc.encoding != "utf-8"]
    lines.append(
        f"{len(latin)} file(s) are not valid UTF-8 and were decoded as cp1252 explicitly"
        + (":" if latin else "")
    )
    for doc in latin:
        warning = (
            " (its bytes look like Big5 punctuation, e.g. '¡¦' for ’: that punctuation stays "
            "garbled)"
            if _BIG5_PUNCT_RE.search(doc.text)
            else ""
        )
        lines.append(f"  - {doc.doc_id}{warning}")
    stripped = [doc for doc in documents if doc.front_matter]
    shapes: dict[str, int] = {}
    for doc in stripped:
        shapes[doc.note] = shapes.get(doc.note, 0) + 1
    summary = ", ".join(f"{n} {shape}" for shape, n in sorted(shapes.items()))
    lines.append(
        f"front matter stripped from {len(stripped)} file(s)" + (f": {summary}" if summary else "")
    )
    return lines
