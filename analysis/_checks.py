"""One validation path for options, numbers and tables, with one message shape each.

Every public function checks its arguments here before it computes anything, so a user meets the
same three messages everywhere:

- an enumerated option: ``measure='foo' is not one of: 'log_likelihood', 'log_ratio'``;
- a number: ``top=0 must be an integer >= 1``;
- a table: ``table lacks column(s) norm, is_word; pass corpus.tokens`` (or, for what is not a
  table at all, ``expected a pandas DataFrame (corpus.tokens), got list``).

Choice lists are written once, as ``Literal`` types, and read with :func:`typing.get_args`.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable
from typing import Any, get_args

import pandas as pd

__all__ = ["check_columns", "check_corpus", "check_number", "check_option", "choices"]


def choices(options: Any) -> tuple:
    """The allowed values of a ``Literal`` type (or of any iterable of values).

    >>> from typing import Literal
    >>> choices(Literal["keep", "drop"])
    ('keep', 'drop')
    """
    values = get_args(options)
    return values if values else tuple(options)


def check_option(name: str, value: object, options: Any) -> None:
    """Raise ``ValueError`` unless ``value`` is one of ``options`` (a ``Literal`` or values).

    >>> check_option("method", "pca", ("nmf", "lda"))
    Traceback (most recent call last):
    ...
    ValueError: method='pca' is not one of: 'nmf', 'lda'
    """
    allowed = choices(options)
    if isinstance(value, list | dict | set) or value not in allowed:
        raise ValueError(f"{name}={value!r} is not one of: " + ", ".join(map(repr, allowed)))


def check_number(
    name: str,
    value: object,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    integer: bool = False,
    exclusive: bool = False,
) -> None:
    """Raise ``ValueError`` unless ``value`` is a number in the range (booleans are refused).

    >>> check_number("top", 0, minimum=1, integer=True)
    Traceback (most recent call last):
    ...
    ValueError: top=0 must be an integer >= 1
    >>> check_number("alpha", 1.5, minimum=0, maximum=1)
    Traceback (most recent call last):
    ...
    ValueError: alpha=1.5 must be a number between 0 and 1
    """
    kind = numbers.Integral if integer else numbers.Real
    ok = isinstance(value, kind) and not isinstance(value, bool) and value == value  # not NaN
    if ok and minimum is not None:
        ok = value > minimum if exclusive else value >= minimum
    if ok and maximum is not None:
        ok = value <= maximum
    if ok:
        return
    noun = "an integer" if integer else "a number"
    if minimum is not None and maximum is not None:
        raise ValueError(f"{name}={value!r} must be {noun} between {minimum} and {maximum}")
    if minimum is not None:
        raise ValueError(f"{name}={value!r} must be {noun} {'>' if exclusive else '>='} {minimum}")
    if maximum is not None:
        raise ValueError(f"{name}={value!r} must be {noun} <= {maximum}")
    raise ValueError(f"{name}={value!r} must be {noun}")


def check_columns(
    table: object, columns: Iterable[str], *, source: str, nonempty: bool = False
) -> None:
    """Raise unless ``table`` is a DataFrame with ``columns``; ``source`` says what to pass.

    >>> check_columns(pd.DataFrame({"a": [1]}), ["a", "norm"], source="corpus.tokens")
    Traceback (most recent call last):
    ...
    ValueError: table lacks column(s) norm; pass corpus.tokens
    """
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"expected a pandas DataFrame ({source}), got {type(table).__name__}")
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ValueError(f"table lacks column(s) {', '.join(missing)}; pass {source}")
    if nonempty and table.empty:
        raise ValueError(f"the table is empty: nothing to compute; pass {source}")


def check_corpus(corpus: object, tables: dict[str, Iterable[str]]) -> None:
    """Raise unless ``corpus`` has each table in ``tables`` with the listed columns.

    >>> check_corpus("speeches/", {"tokens": ["norm"]})
    Traceback (most recent call last):
    ...
    TypeError: expected a Corpus from analysis.load_corpus() (with a tokens table), got str
    """
    for name, columns in tables.items():
        table = getattr(corpus, name, None)
        if not isinstance(table, pd.DataFrame):
            raise TypeError(
                f"expected a Corpus from analysis.load_corpus() (with a {name} table), "
                f"got {type(corpus).__name__}"
            )
        check_columns(table, columns, source=f"corpus.{name} as docs/CONTRACT.md describes it")
