"""Send a call to the distributed version of a function when its data are Dask tables.

The analysis functions are written for pandas. Those that have a distributed version in
:mod:`analysis.distributed` carry the :func:`distributable` decorator: given a Dask DataFrame
(or a :class:`analysis.Corpus` whose tables are Dask DataFrames, as
``load_corpus(path, engine="dask")`` returns) they call the function of the same name in
:mod:`analysis.distributed` with the same arguments; given pandas tables they run as before.
This module imports nothing from Dask, so the in-memory path never loads it: a table can only be
a Dask DataFrame if ``dask.dataframe`` has already been imported.
"""

from __future__ import annotations

import functools
import importlib
import sys
from collections.abc import Callable

__all__ = ["distributable", "is_dask"]


def is_dask(data: object) -> bool:
    """Whether ``data`` is a Dask DataFrame, or an object (a corpus) whose ``tokens`` is one.

    >>> import pandas as pd
    >>> is_dask(pd.DataFrame({"a": [1]}))
    False
    """
    dataframe = sys.modules.get("dask.dataframe")
    if dataframe is None:
        return False
    table = getattr(data, "tokens", data)
    return isinstance(table, dataframe.DataFrame)


def distributable(function: Callable) -> Callable:
    """Make ``function`` call ``analysis.distributed.<its name>`` when given Dask tables.

    Only the positional arguments are looked at: they are the data, options are keyword-only.
    The wrapper keeps the name, signature and docstring of ``function``.
    """

    @functools.wraps(function)
    def dispatched(*args, **kwargs):
        if any(is_dask(value) for value in args):
            distributed = importlib.import_module("analysis.distributed")
            return getattr(distributed, function.__name__)(*args, **kwargs)
        return function(*args, **kwargs)

    return dispatched
