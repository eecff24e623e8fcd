"""The Dask path: the corpus store built and read on a LocalCluster, then counted there.

Builds a corpus folder of the benchmark speeches (``../shared/benchmark/``, read only) repeated
``--scale`` times under distinct ids, as :mod:`store` does (x1: 124 speeches, 0.55 M tokens;
x10: 5.45 M; x100: 54.5 M), in ``build/benchmarks/dask-x<N>/`` (build/ is not committed), and
then, in one fresh process with a ``LocalCluster`` of ``--workers`` worker processes (one thread
each, ``--memory`` each, spilling to a folder under /tmp):

- ``cold load``: ``load_corpus(folder, engine="dask")`` with the store deleted: every group of
  documents is built and written by a worker;
- ``warm load``: the same again: every group is read;
- ``frequencies``, ``ngrams`` (bigrams, ``min_count=2``) and ``keyness`` (the quoted voice
  against the whole corpus): each a per-partition count and a tree reduction on the workers.

For each step it prints the wall-clock seconds, the CPU seconds of the workers and of this
process (which runs the scheduler), and afterwards the peak resident memory of each process
(``ru_maxrss``: the workers measure their own). The machine is shared, so CPU seconds are the
figures to compare. Run::

    .venv/bin/python benchmarks/on_dask.py --scale 1
    .venv/bin/python benchmarks/on_dask.py --scale 100 --memory 4GiB  # long: run it nohup
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import benchmark_dir  # noqa: E402
from store import make_corpus  # noqa: E402

from analysis.paths import BUILD_DIR  # noqa: E402


def _usage() -> dict:
    """CPU seconds and peak resident MB of the calling process (run on each worker too)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    return {"cpu_s": own.ru_utime + own.ru_stime, "peak_mb": own.ru_maxrss / 1024}


def _cpu(session) -> tuple[float, float]:
    workers = session.run(_usage)
    return sum(u["cpu_s"] for u in workers.values()), _usage()["cpu_s"]


def run(scale: int, workers: int, memory: str) -> list[dict]:
    """Load (cold, warm) and count the corpus at ``scale`` on a LocalCluster; the figures."""
    from distributed import Client, LocalCluster

    import analysis

    folder = make_corpus(scale, BUILD_DIR / "benchmarks" / f"dask-x{scale}")
    shutil.rmtree(folder / ".cache", ignore_errors=True)
    spill = tempfile.mkdtemp(prefix="dask-bench-")
    records = []
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            memory_limit=memory,
            local_directory=spill,
            dashboard_address=None,
            host="127.0.0.1",
        ) as cluster,
        Client(cluster) as session,
    ):

        def step(name, call):
            worker_cpu, own_cpu = _cpu(session)
            wall = time.perf_counter()
            result = call()
            wall = time.perf_counter() - wall
            worker_after, own_after = _cpu(session)
            record = {
                "step": name,
                "wall_s": round(wall, 1),
                "workers_cpu_s": round(worker_after - worker_cpu, 1),
                "client_cpu_s": round(own_after - own_cpu, 1),
            }
            records.append(record)
            print(json.dumps(record), flush=True)
            return result

        step("cold load", lambda: analysis.load_corpus(folder, engine="dask"))
        corpus = step("warm load", lambda: analysis.load_corpus(folder, engine="dask"))
        tokens = corpus.tokens
        table = step("frequencies", lambda: analysis.frequencies(tokens))
        step("ngrams", lambda: analysis.ngrams(tokens, n=2, min_count=2))
        quoted = tokens[tokens["voice"] == "quote"]
        step("keyness", lambda: analysis.keyness(quoted, tokens))
        peaks = session.run(_usage)
        summary = {
            "scale": scale,
            "documents": len(corpus.documents),
            "partitions": tokens.npartitions,
            "words": int(table["n"].sum()),
            "workers_peak_mb": sorted(round(u["peak_mb"]) for u in peaks.values()),
            "client_peak_mb": round(_usage()["peak_mb"]),
            "memory_limit": memory,
        }
        records.append(summary)
        print(json.dumps(summary), flush=True)
    shutil.rmtree(spill, ignore_errors=True)
    return records


def main() -> None:
    """Parse the command line and run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--memory", default="4GiB", help="memory limit of each worker")
    options = parser.parse_args()
    if not benchmark_dir().is_dir():
        print(f"skipped: {benchmark_dir()} is absent")
        return
    warnings.simplefilter("ignore")
    run(options.scale, options.workers, options.memory)


if __name__ == "__main__":
    main()
