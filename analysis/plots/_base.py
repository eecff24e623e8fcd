"""What every figure shares: one size cap, one voice palette, one input check, plain text.

- **Size.** The report renders figures at :data:`REPORT_DPI`; no figure is larger than
  :data:`MAX_PIXELS` on either side there, whatever the corpus holds (:func:`axes` clamps every
  figure it creates to :data:`MAX_INCHES`). A figure with one row per item (a bar per document, a
  column per sentence) shows at most :data:`MAX_ROWS` of them; past that it shows the first or
  largest ones and says so in its title (:func:`shown`), or aggregates.
- **Colour.** :data:`VOICE_COLOURS` gives each voice one colour in every figure, so "quote" is
  the same orange on any corpus.
- **Input.** :func:`require` checks a table with :func:`analysis._checks.check_columns`, the one
  message shape of the package.
- **Text.** Matplotlib reads text between two ``$`` as mathematics ("$10 billion ... $3 billion"
  fails to render); every label that comes from data goes through :func:`plain_text`.
"""

from __future__ import annotations

from collections.abc import Iterable

import matplotlib.pyplot as plt
import pandas as pd

from analysis._checks import check_columns, check_option
from analysis.levels import LEVEL_COLUMNS

__all__ = [
    "MAX_GROUPS",
    "MAX_INCHES",
    "MAX_LABELS",
    "MAX_PIXELS",
    "MAX_ROWS",
    "OWN_VOICE",
    "REPORT_DPI",
    "VOICE_COLOURS",
    "axes",
    "group_column",
    "group_labels",
    "legend_outside",
    "plain_text",
    "require",
    "row_height",
    "set_title",
    "shown",
]

#: dots per inch of the report's PNGs (matplotlib's default ``figure.dpi``, which the notebooks'
#: inline backend keeps)
REPORT_DPI = 100
#: no side of a figure exceeds this many pixels at :data:`REPORT_DPI`
MAX_PIXELS = 2000
#: inches of the largest figure: the cap less the 0.1 in the inline backend pads each side with
#: when it saves with ``bbox_inches="tight"``
MAX_INCHES = MAX_PIXELS / REPORT_DPI - 0.2
#: rows (bars, points, heatmap columns) a figure labels; past this it shows a bounded selection
MAX_ROWS = 40
#: groups (voices, speakers, documents) drawn side by side in one figure
MAX_GROUPS = 6
#: items named by a text label or a legend entry before the names would collide
MAX_LABELS = 12

#: one colour per voice, shared by every figure
VOICE_COLOURS = {"author": "#7f8c8d", "quote": "#d35400", "reported": "#2874a6"}
OWN_VOICE = "(author's own voice)"

_GROUP_LEVELS = ("voice", "speaker", "document")


def document_labels(table: pd.DataFrame) -> pd.Series:
    """How figures name each row's document: its ``short_title`` when the table has one, else id.

    Ids such as ``2020-11-10-xi-sco-council-heads-state`` are unique but long; the short title
    (``corpus.documents.short_title``, unique in the corpus) reads better on an axis.

    >>> document_labels(pd.DataFrame({"doc_id": ["a-1"], "short_title": ["Peace in $ and €"]}))
    0    Peace in \\$ and €
    dtype: str
    """
    column = "short_title" if "short_title" in table.columns else "doc_id"
    return pd.Series([plain_text(value) for value in table[column]], index=table.index, dtype="str")


def plain_text(text: object) -> str:
    r"""``text`` as a string matplotlib draws literally: every ``$`` escaped (no mathtext).

    >>> plain_text("from $10 billion to $3 billion")
    'from \\$10 billion to \\$3 billion'
    >>> plain_text(2020)
    '2020'
    """
    return str(text).replace("$", r"\$")


def axes(ax=None, *, height: float = 4.5, width: float = 8):
    """``ax`` itself, or the axes of a new figure of at most :data:`MAX_INCHES` on each side.

    The figure uses matplotlib's constrained layout, so a legend placed outside the axes stays
    inside the figure (and so inside the size cap).
    """
    if ax is not None:
        return ax
    size = (min(width, MAX_INCHES), min(height, MAX_INCHES))
    return plt.subplots(figsize=size, dpi=REPORT_DPI, layout="constrained")[1]


def row_height(n_rows: int, *, per_row: float = 0.3, extra: float = 1.5, least: float = 2.5):
    """Inches for a figure of ``n_rows`` labelled rows, within the cap."""
    return min(MAX_INCHES, max(least, extra + per_row * n_rows))


def require(table, columns: Iterable[str], source: str, *, nonempty: bool = False) -> None:
    """Raise, naming what to pass, unless ``table`` is a DataFrame with ``columns``.

    The one check of :func:`analysis._checks.check_columns`, kept under this name for the figure
    modules.
    """
    check_columns(table, columns, source=source, nonempty=nonempty)


def group_column(by: str) -> str:
    """The column of a grouping level (``"document"`` → ``doc_id``); refuses other levels.

    >>> group_column("document")
    'doc_id'
    >>> group_column("doc_id")
    Traceback (most recent call last):
    ...
    ValueError: by='doc_id' is not one of: 'voice', 'speaker', 'document'
    """
    check_option("by", by, _GROUP_LEVELS)
    return LEVEL_COLUMNS[by][0]


def group_labels(values: pd.Series) -> pd.Series:
    """Group names to draw: a missing speaker is the author's own voice; no mathtext."""
    values = values.astype("object")
    return values.where(values.notna(), OWN_VOICE).map(plain_text)


def shown(n_shown: int, n_total: int, noun: str, which: str, *, source: str = "the table") -> str:
    """A title note when a figure shows a bounded selection, or "" when it shows everything.

    >>> shown(40, 124, "documents", "the longest")
    ' (the longest 40 of 124 documents; the table has all)'
    >>> shown(3, 3, "voices", "all")
    ''
    """
    if n_shown >= n_total:
        return ""
    return f" ({which} {n_shown} of {n_total} {noun}; {source} has all)"


def legend_outside(ax, **kwargs) -> None:
    """Put the axes' legend to the right of the data, where it cannot cover bars or labels."""
    if ax.get_legend_handles_labels()[0]:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, **kwargs)


def set_title(ax, title: str | None, default: str) -> None:
    """``title`` (or ``default``) as the axes title, drawn literally."""
    ax.set_title(plain_text(default if title is None else title))


def largest_groups(table: pd.DataFrame, column: str, size: pd.Series, limit: int) -> list:
    """The ``limit`` groups of ``column`` with the largest ``size`` (ties by name), in name order.

    ``size`` is indexed like ``table``; a group's size is the largest value of its rows (the group
    total a result table repeats on every row).
    """
    sizes = size.groupby(table[column].astype(str)).max()
    order = sorted(sizes.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return sorted(name for name, _ in order)


def blocks(ax, table: pd.DataFrame, *, group: str, label: str, value: str, colour: str):
    """Horizontal bars in one axes: one block of rows per group, the group named above its rows.

    ``table`` is in drawing order (groups together); ``colour`` is a column of colours. Draws
    small multiples in one ``Axes`` with one shared x scale, so groups compare directly. Returns
    the bars' container, in ``table`` order.
    """
    positions, ticks, names, bold = [], [], [], []
    y = 0.0
    for name, part in table.groupby(group, sort=False):
        ticks.append(y)
        names.append(plain_text(name))
        bold.append(True)
        for row_name in part[label]:
            y += 1
            positions.append(y)
            ticks.append(y)
            names.append(plain_text(row_name))
            bold.append(False)
        y += 1.5
    bars = ax.barh(positions, table[value].to_numpy(dtype=float), color=table[colour], height=0.75)
    ax.set_yticks(ticks, names)
    for tick, strong in zip(ax.get_yticklabels(), bold, strict=True):
        if strong:
            tick.set_fontweight("bold")
    ax.set_ylim(y - 1.0, -0.75)
    ax.tick_params(axis="y", labelsize=8, length=0)
    return bars
