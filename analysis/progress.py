"""Progress bars for the steps a user may wait on: only when someone is watching, only when long.

A bar (tqdm) appears when the step has run for two seconds (``delay``), so a short step prints
nothing, and only where someone can see it: a terminal, or a Jupyter kernel's cell. Anything else
(a pipe, a log file, a doctest, a test run) gets no bar. The environment variable
``ANALYSIS_PROGRESS`` decides instead when set: ``0`` never, ``1`` always (the report runner
sets ``0`` for its notebooks, whose own progress it shows cell by cell).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable

from tqdm import tqdm

__all__ = ["progress", "watched"]

ENV_VAR = "ANALYSIS_PROGRESS"
# below this many seconds a step finishes before its bar would appear
DELAY = 2.0


def watched() -> bool:
    """Whether someone can see a progress bar: a terminal or a notebook, or as ENV_VAR says."""
    setting = os.environ.get(ENV_VAR, "").strip()
    if setting in ("0", "1"):
        return setting == "1"
    stream = sys.stderr
    if stream is None:
        return False
    if type(stream).__module__.startswith("ipykernel"):
        return True  # a notebook cell: not a terminal, but someone is reading it
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def progress(
    iterable: Iterable | None = None, *, total: int | None = None, desc: str, unit: str = "it"
) -> tqdm:
    """A tqdm bar over ``iterable`` (or updated by hand up to ``total``), shown only if watched.

    >>> sum(progress(range(3), desc="counting"))  # no terminal here: no bar
    3
    """
    return tqdm(
        iterable,
        total=total,
        desc=desc,
        unit=unit,
        delay=DELAY,
        disable=not watched(),
        leave=False,
        file=sys.stderr,
        dynamic_ncols=True,
    )
