"""The Dask client the distributed analyses run on, and the reduction they share.

:func:`client` connects to a scheduler (an address given, else ``$DASK_SCHEDULER_ADDRESS``), or
returns the client already in use, or starts a ``LocalCluster`` on this machine: one worker
process per core, one thread each (tokenising and counting are Python code, held by the GIL),
memory limits that make workers spill to disk (``local_directory``) before the machine runs out,
no dashboard, listening on 127.0.0.1 only. What it starts it closes when Python exits.

:func:`reduce_partitions` is how every count is made: a function counts each partition of a
table where the partition is (on a worker), and a combining function merges the partial counts
in a tree, ``split_every`` at a time, also on the workers; only the final, combined counts
reach the client. A partition holds whole documents (:mod:`analysis.distributed.tables`), so
nothing that stays inside a document (a sentence, an n-gram, a concordance line) is ever cut.
"""

from __future__ import annotations

import atexit
import os
from collections.abc import Callable, Iterable

import pandas as pd

from analysis.errors import AnalysisError

__all__ = ["ENV_VAR", "client", "concat", "reduce_partitions"]

#: the environment variable that names the scheduler of a cluster (the one Dask itself reads)
ENV_VAR = "DASK_SCHEDULER_ADDRESS"
# seconds to wait for a scheduler before saying it cannot be reached
_TIMEOUT = 5
_connected: dict[str, object] = {}


def client(
    address: str | None = None,
    *,
    n_workers: int | None = None,
    memory_limit: str | float = "auto",
    local_directory: str | None = None,
):
    """The ``distributed.Client`` to run on: a scheduler's, the current one, or a LocalCluster.

    Parameters
    ----------
    address : str, optional
        A scheduler's address (``tcp://10.0.0.5:8786``); None reads ``$DASK_SCHEDULER_ADDRESS``;
        if that is unset too, the client already in use (the default client) or a new
        ``LocalCluster``.
    n_workers : int, optional
        Workers of a new ``LocalCluster`` (one process, one thread each); None: one per core.
    memory_limit : str or float
        Memory of each worker of a new ``LocalCluster`` ("4GiB"; "auto" shares the machine's
        memory between them). A worker spills data to disk above 70% of it and pauses at 80%.
    local_directory : str, optional
        Where the workers of a new ``LocalCluster`` spill; None: the system's temporary folder.

    Returns
    -------
    distributed.Client
        Also the default client, which :mod:`dask` computations then use.

    Raises
    ------
    AnalysisError
        If the scheduler cannot be reached within 5 seconds; the message says what to fix.

    Examples
    --------
    >>> from analysis.distributed import client
    >>> client("tcp://127.0.0.1:9")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    analysis.errors.AnalysisError: cannot reach the Dask scheduler at tcp://127.0.0.1:9 ...
    """
    from distributed import Client, LocalCluster

    address = address or os.environ.get(ENV_VAR) or None
    if address:
        known = _connected.get(address)
        if known is not None and known.status == "running":
            return known
        try:
            connected = Client(address, timeout=_TIMEOUT)
        except (OSError, TimeoutError) as error:
            raise AnalysisError(
                f"cannot reach the Dask scheduler at {address} within {_TIMEOUT} s "
                f"({type(error).__name__}); start it (`dask scheduler`) or fix the address "
                f"(the argument or ${ENV_VAR})"
            ) from None
        _connected[address] = connected
        return connected
    try:
        return Client.current(allow_global=True)
    except ValueError:
        pass  # none yet: start one on this machine
    cluster = LocalCluster(
        n_workers=n_workers or os.cpu_count() or 1,
        threads_per_worker=1,
        processes=True,
        memory_limit=memory_limit,
        local_directory=local_directory,
        dashboard_address=None,
        host="127.0.0.1",
    )
    started = Client(cluster)
    atexit.register(_close, started, cluster)
    return started


def _close(started, cluster) -> None:
    started.close()
    cluster.close()


def reduce_partitions(
    tables: Iterable,
    count: Callable,
    combine: Callable,
    *,
    split_every: int = 8,
    **options,
):
    """Count every partition and merge the counts in a tree on the workers; return the total.

    ``count(partition, **options)`` counts a partition, ``combine(list_of_results)`` merges
    results (also results of merges). ``tables`` is a Dask DataFrame, or a list of them with
    the same partitions (a partition of each is passed, in that order). ``count`` returns None
    for a partition with nothing to count, and ``combine`` ignores None.
    """
    import dask

    tables = list(tables) if isinstance(tables, list | tuple) else [tables]
    parts = list(zip(*(table.to_delayed() for table in tables), strict=True))
    # a table among the options (totals of a previous pass) is sent once, not once per task
    options = {
        name: dask.delayed(value) if isinstance(value, pd.DataFrame | pd.Series) else value
        for name, value in options.items()
    }
    counted = dask.delayed(count, pure=True)
    merge = dask.delayed(combine, pure=True)
    level = [counted(*part, **options) for part in parts]
    while len(level) > 1:
        level = [merge(level[i : i + split_every]) for i in range(0, len(level), split_every)]
    if not level:
        return combine([])
    (result,) = dask.compute(merge(level))
    return result


def map_partitions(tables: Iterable, function: Callable, **options) -> list:
    """``function(partition, **options)`` of every partition, computed on the workers, in order.

    ``tables`` as in :func:`reduce_partitions`.
    """
    import dask

    tables = list(tables) if isinstance(tables, list | tuple) else [tables]
    parts = list(zip(*(table.to_delayed() for table in tables), strict=True))
    run = dask.delayed(function, pure=True)
    return list(dask.compute(*(run(*part, **options) for part in parts)))


def concat(frames: Iterable[pd.DataFrame | None], **options) -> pd.DataFrame | None:
    """Concatenate the frames that are not None (None if there are none).

    A categorical column whose categories differ between frames (document ids made categorical
    per partition) gets the sorted union of them, as one table of the whole corpus would have.
    """
    frames = [frame for frame in frames if frame is not None]
    if not frames:
        return None
    columns = frames[0].columns if isinstance(frames[0], pd.DataFrame) else []
    for column in columns:
        dtypes = [frame[column].dtype for frame in frames]
        if all(isinstance(d, pd.CategoricalDtype) for d in dtypes) and len(set(dtypes)) > 1:
            categories = sorted(set().union(*(d.categories for d in dtypes)))
            frames = [
                frame.assign(**{column: frame[column].cat.set_categories(categories)})
                for frame in frames
            ]
    return pd.concat(frames, **options)
