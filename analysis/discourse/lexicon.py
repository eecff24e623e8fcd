"""The discourse-feature lexicons in ``data/lexicons/``: read, check and look up.

Each feature of :func:`analysis.discourse_features` reads one tab-separated file the project
wrote, so that every count can be traced to a line a reader can inspect and change. A file starts
with ``#`` header lines, of which three are read:

``# version: 1.0 (2026-11-30)``
    bump it when an entry changes; results carry it (``DiscourseFeatures.lexicons``);
``# categories: deontic, epistemic, ...``
    the categories counted, in the order tables and figures show them;
``# sources: ...``
    where the categories and entries come from (any further ``#`` lines are notes).

Every other line is ``category<TAB>entry<TAB>note`` (the note is optional). An entry is one or
more words separated by spaces. An entry written in lower case matches a token's ``norm``
(lower-cased, straight apostrophes), so "must" matches "Must" and "MUST"; an entry with a capital
letter matches the token as written, so "SCO" or "WHO" match the acronyms but not "who". Two
categories are not counted but steer the rules: ``exception`` (an entry never counted for this
feature, such as "nation" for the nominalisation suffix ``-tion``) and ``not_after`` (a word after
which a counted entry is read as a noun: "the will of the people").
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from analysis.errors import LexiconError
from analysis.paths import LEXICONS_DIR

__all__ = ["RULE_CATEGORIES", "Lexicon", "LexiconError", "load_lexicon"]

#: categories that steer the matching rules and are never counted
RULE_CATEGORIES = ("exception", "not_after")


@dataclass(frozen=True)
class Lexicon:
    """One lexicon file: its entries by category, with the header that documents them.

    Attributes
    ----------
    name : str
        The file name without its extension (``"modality"``).
    version, sources : str
        From the ``# version:`` and ``# sources:`` header lines.
    categories : tuple of str
        The counted categories, in the header's order.
    entries : tuple of (category, entry, note)
        Every line, in file order, the rule categories included.
    path : Path
        Where the lexicon was read from.
    """

    name: str
    version: str
    sources: str
    categories: tuple[str, ...]
    entries: tuple[tuple[str, str, str], ...]
    path: Path

    def words(self, category: str) -> tuple[str, ...]:
        """The entries of one category (counted or rule category), in file order.

        >>> load_lexicon("nominalisation").words("exception")[:2]
        ('nation', 'nations')
        """
        return tuple(entry for cat, entry, _ in self.entries if cat == category)

    def counted(self) -> tuple[tuple[str, str, str], ...]:
        """The ``(category, entry, note)`` lines of the counted categories."""
        return tuple(line for line in self.entries if line[0] not in RULE_CATEGORIES)


def _header(lines: list[str], key: str) -> str | None:
    prefix = f"# {key}:"
    found = [line.removeprefix(prefix).strip() for line in lines if line.startswith(prefix)]
    return " ".join(found) if found else None


def load_lexicon(name: str, *, folder: str | Path | None = None) -> Lexicon:
    """Read ``<folder>/<name>.tsv`` and check it.

    Parameters
    ----------
    name : str
        The lexicon's file name without ``.tsv`` (``"modality"``, ``"stance"`` ...).
    folder : str or Path, optional
        Where the file is; None reads the project's ``data/lexicons/``. Point it at a copy to try
        your own entries without touching the project's files.

    Returns
    -------
    Lexicon

    Raises
    ------
    LexiconError
        When the file is missing, lacks a ``# version:`` or ``# categories:`` line, or a line
        is not ``category<TAB>entry[<TAB>note]`` with a category the header names.

    Examples
    --------
    >>> modality = load_lexicon("modality")
    >>> modality.categories
    ('deontic', 'epistemic', 'dynamic', 'prediction')
    >>> "must" in modality.words("deontic")
    True
    """
    path = Path(folder if folder is not None else LEXICONS_DIR) / f"{name}.tsv"
    if not path.is_file():
        raise LexiconError(f"{path}: lexicon file not found; expected {name}.tsv in that folder")
    lines = path.read_text("utf-8").splitlines()
    comments = [line for line in lines if line.startswith("#")]
    version, categories = _header(comments, "version"), _header(comments, "categories")
    if not version or not categories:
        raise LexiconError(
            f"{path}: the header needs a '# version:' and a '# categories:' line "
            "(see analysis/discourse/lexicon.py)"
        )
    counted = tuple(c.strip() for c in categories.split(",") if c.strip())
    entries = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) not in (2, 3) or not parts[1].strip():
            raise LexiconError(
                f"{path}, line {number}: expected category<TAB>entry[<TAB>note], got {line!r}"
            )
        category = parts[0].strip()
        if category not in counted + RULE_CATEGORIES:
            allowed = ", ".join(repr(c) for c in counted + RULE_CATEGORIES)
            raise LexiconError(
                f"{path}, line {number}: category={category!r} is not one of: {allowed}"
            )
        note = parts[2].strip() if len(parts) == 3 else ""
        entries.append((category, " ".join(parts[1].split()), note))
    return Lexicon(
        name=name,
        version=version,
        sources=_header(comments, "sources") or "",
        categories=counted,
        entries=tuple(entries),
        path=path,
    )
