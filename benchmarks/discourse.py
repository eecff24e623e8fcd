"""Discourse features on the stored benchmark corpus: CPU seconds and memory per token.

Uses the corpus folders of ``benchmarks/store.py`` (``build/benchmarks/store-x<N>/``, made here
if absent; the first load builds the store, so run twice and read the second). In a fresh
process it loads the corpus, then runs ``discourse_features(corpus)`` and reports:

- ``cpu_s``: ``time.process_time`` of the call (the machine is shared: wall seconds are printed
  beside them but say little);
- ``extra_b_per_token``: peak resident memory during the call (``ru_maxrss``) minus the resident
  memory of the loaded corpus, per token: what the call needs on top of the corpus;
- ``trimmed_extra_b_per_token``: the same after the memory the load freed is handed back to the
  system first (``malloc_trim``, the Arrow pool's ``release_unused``) and the peak is reset
  (``/proc/self/clear_refs``). Without that, the call reuses pages the load left behind and the
  first figure understates what a process that only held the corpus would need. Linux only;
  ``null`` elsewhere.

Run::

    .venv/bin/python benchmarks/discourse.py --scale 1
    .venv/bin/python benchmarks/discourse.py --scale 10
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import benchmark_dir  # noqa: E402
from store import make_corpus  # noqa: E402

from analysis.paths import BUILD_DIR  # noqa: E402

MEASURE = r"""
import ctypes, gc, json, os, resource, sys, time, warnings
warnings.simplefilter("ignore")
import pyarrow as pa
from analysis import discourse_features
from analysis.corpus import load_corpus
folder, trimmed = sys.argv[1], sys.argv[2] == "trimmed"

def resident():
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

corpus = load_corpus(folder)
gc.collect()
if trimmed:
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    pa.default_memory_pool().release_unused()
    with open("/proc/self/clear_refs", "w") as handle:
        handle.write("5")
before = resident()
cpu, wall = time.process_time(), time.perf_counter()
found = discourse_features(corpus)
cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
n_tokens = len(corpus.tokens)
print(json.dumps({
    "n_tokens": n_tokens, "n_matches": len(found.matches), "cpu_s": cpu, "wall_s": wall,
    "extra_b_per_token": (peak - before) / n_tokens, "load_average": os.getloadavg()[0],
}))
"""


def measure(folder: Path, *, trimmed: bool) -> dict:
    """One load and one ``discourse_features`` call in a fresh process."""
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, str(folder), "trimmed" if trimmed else "plain"],
        capture_output=True,
        text=True,
        check=True,
        # not the project folder: `python -c` puts the working directory first on sys.path,
        # which would hide a PYTHONPATH checkout of other code
        cwd=folder.parent,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    """Parse the command line, measure at the scale asked and print one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1)
    options = parser.parse_args()
    if not benchmark_dir().is_dir():
        print(f"skipped: {benchmark_dir()} is absent")
        return
    folder = make_corpus(options.scale, BUILD_DIR / "benchmarks" / f"store-x{options.scale}")
    plain = measure(folder, trimmed=False)
    trimmed = measure(folder, trimmed=True) if sys.platform == "linux" else {}
    record = {"scale": options.scale, **plain}
    record["trimmed_extra_b_per_token"] = trimmed.get("extra_b_per_token")
    record["trimmed_cpu_s"] = trimmed.get("cpu_s")
    print(json.dumps({k: round(v, 2) if isinstance(v, float) else v for k, v in record.items()}))


if __name__ == "__main__":
    main()
