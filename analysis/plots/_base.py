"""What every figure module needs: a fresh axes when none is given, and a check of its input."""

from collections.abc import Iterable

import matplotlib.pyplot as plt
import pandas as pd


def plain(label: str) -> str:
    """A label drawn as it is written: matplotlib reads text between two ``$`` as mathtext.

    Quotations and names come from the corpus, and "$10 billion ... $3 billion" would otherwise
    be parsed as a formula (and fail to render).

    >>> print(plain("Aid of $10 billion and $3 billion"))
    Aid of \\$10 billion and \\$3 billion
    """
    return str(label).replace("$", r"\$")


def axes(ax, *, height: float = 4.5, width: float = 8):
    """``ax`` itself, or the axes of a new ``width`` × ``height`` inch figure."""
    return plt.subplots(figsize=(width, height))[1] if ax is None else ax


def require(table, columns: Iterable[str], source: str, *, nonempty: bool = False) -> None:
    """Raise, naming the function whose table is expected, if ``table`` cannot be drawn."""
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"expected a DataFrame from {source}, got {type(table).__name__}")
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ValueError(f"table lacks column(s) {', '.join(missing)}; pass {source}")
    if nonempty and table.empty:
        raise ValueError(f"the table from {source} is empty: nothing to plot")
