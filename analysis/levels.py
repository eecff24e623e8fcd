"""The levels a table can be grouped by, and the columns each level stands for.

Every function that groups takes ``by=`` with these names, so a reader meets one vocabulary:
``by="document"`` everywhere, never ``by="doc_id"`` in one place and ``"document"`` in another.
A list combines levels (``by=["document", "voice"]``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from analysis._checks import check_option, choices

__all__ = ["LEVEL_COLUMNS", "Level", "level_columns"]

Level = Literal["corpus", "document", "paragraph", "sentence", "voice", "speaker"]

#: the id columns of each level, in the order they appear in the contract's tables
LEVEL_COLUMNS: dict[str, tuple[str, ...]] = {
    "corpus": (),
    "document": ("doc_id",),
    "paragraph": ("doc_id", "paragraph_id"),
    "sentence": ("doc_id", "sentence_id"),
    "voice": ("voice",),
    "speaker": ("speaker",),
}


def level_columns(by: str | Sequence[str] | None, *, allowed: object = Level) -> list[str]:
    """The columns to group by for ``by`` (one level, a list of levels, or None for the corpus).

    Parameters
    ----------
    by : str, list of str or None
        Level name(s) from :data:`Level`; None means the whole corpus.
    allowed : Literal type or sequence of str
        The levels the calling function supports (a subset of :data:`Level`).

    Returns
    -------
    list of str
        The id columns, without repeats, in the order of the levels.

    Raises
    ------
    ValueError
        ``by='doc_id' is not one of: 'corpus', 'document', ...``.

    Examples
    --------
    >>> level_columns(["paragraph", "voice"])
    ['doc_id', 'paragraph_id', 'voice']
    >>> level_columns("doc_id")
    Traceback (most recent call last):
    ...
    ValueError: by='doc_id' is not one of: 'corpus', 'document', 'paragraph', 'sentence', 'voice', 'speaker'
    """  # noqa: E501
    levels = ["corpus"] if by is None else [by] if isinstance(by, str) else list(by)
    columns: list[str] = []
    for level in levels:
        check_option("by", level, choices(allowed))
        columns += [c for c in LEVEL_COLUMNS[level] if c not in columns]
    return columns
