"""Time ``make report``: every notebook's wall-clock and CPU seconds, and its slowest cells.

Runs :func:`analysis.report.build_report` as ``python -m analysis report`` does, on a corpus
folder (e.g. ``build/benchmarks/store-x10`` from ``benchmarks/store.py --scale 10``), and
prints one line per notebook: wall-clock seconds (what the report's index shows), CPU seconds
of the kernel and its worker processes (``resource.getrusage(RUSAGE_CHILDREN)`` between the
report's "running" and "done" lines; the kernel is shut down and reaped before "done"; only with
``--jobs 1``, since kernels running at once cannot be told apart), and the three slowest cells
with papermill's per-cell durations. ``--jobs`` (default: the number of cores) is the report's.
The load average is printed at the start and the end: the machine is shared, so read the
wall-clock figures beside it. Run::

    .venv/bin/python benchmarks/report.py --corpus build/benchmarks/store-x10 --out /tmp/rep10

The figures are also written as JSON (``--json``, default
``build/benchmarks/report-<corpus folder name>.json``; build/ is not committed).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import nbformat

from analysis.paths import BUILD_DIR, NOTEBOOKS_DIR, PROJECT_ROOT
from analysis.report import _committed_index, build_report


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def slowest_cells(path: Path, committed: Path, top: int = 3) -> list[dict]:
    """The ``top`` cells of an executed notebook that took longest (papermill's durations).

    Cells are numbered as in the committed notebook (without papermill's parameters cell).
    """
    nb = nbformat.read(path, as_version=4)
    original = nbformat.read(committed, as_version=4)
    cells = []
    for index, cell in enumerate(nb.cells):
        seconds = cell.metadata.get("papermill", {}).get("duration")
        number = _committed_index(original, index)
        if cell.cell_type == "code" and seconds is not None and number is not None:
            first = next((line for line in cell.source.splitlines() if line.strip()), "")
            cells.append({"cell": number, "seconds": round(seconds, 1), "source": first[:70]})
    return sorted(cells, key=lambda c: (-c["seconds"], c["cell"]))[:top]


def main(argv=None) -> int:
    """Run the report on ``--corpus``, print and write the timings; the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="corpus folder")
    parser.add_argument("--out", type=Path, required=True, help="report folder (overwritten)")
    parser.add_argument("--json", type=Path, default=None, help="where to write the figures")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="notebooks at once")
    args = parser.parse_args(argv)

    marks = []

    def log(line: str) -> None:
        marks.append((line, time.perf_counter(), _children_cpu()))
        print(line, flush=True)

    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_ROOT, capture_output=True, text=True
    ).stdout.strip()
    load_start = os.getloadavg()
    wall, cpu = time.perf_counter(), _children_cpu() + time.process_time()
    build_report(out_dir=args.out, corpus=args.corpus, log=log, jobs=args.jobs)
    wall, cpu = time.perf_counter() - wall, _children_cpu() + time.process_time() - cpu
    load_end = os.getloadavg()

    started = {}
    notebooks = []
    for line, t, c in marks:
        if " running " in line:
            started[line.split("running ")[1].removesuffix(" ...")] = (t, c)
        elif " done in " in line:
            name = line.split("] ", 1)[1].split(" done in ")[0]
            t0, c0 = started[name]
            notebooks.append(
                {
                    "notebook": name,
                    "seconds": round(t - t0, 1),
                    "cpu_seconds": round(c - c0, 1) if args.jobs == 1 else None,
                    "slowest_cells": slowest_cells(args.out / name, NOTEBOOKS_DIR / name),
                }
            )
    notebooks.sort(key=lambda entry: entry["notebook"])
    result = {
        "corpus": str(args.corpus),
        "commit": commit,
        "load_average_start": [round(x, 2) for x in load_start],
        "load_average_end": [round(x, 2) for x in load_end],
        "seconds": round(wall, 1),
        "cpu_seconds": round(cpu, 1),
        "jobs": args.jobs,
        "notebooks": notebooks,
    }
    print(f"\nload average {load_start[0]:.2f} at the start, {load_end[0]:.2f} at the end")
    for entry in notebooks:
        cpu_text = "" if entry["cpu_seconds"] is None else f"  {entry['cpu_seconds']:7.1f} CPU s"
        print(f"{entry['notebook']:32} {entry['seconds']:7.1f} s{cpu_text}")
        for cell in entry["slowest_cells"]:
            print(f"    cell {cell['cell']:2}  {cell['seconds']:6.1f} s  {cell['source']}")
    print(f"{'total':32} {wall:7.1f} s  {cpu:7.1f} CPU s")
    target = args.json or BUILD_DIR / "benchmarks" / f"report-{args.corpus.resolve().name}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"figures written: {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
