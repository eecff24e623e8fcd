"""Quote tracing with the trigram index against the exhaustive search: CPU time, same table.

Uses the corpus folder that ``benchmarks/store.py --scale N`` made in ``build/benchmarks/``::

    .venv/bin/python benchmarks/store.py --scale 1 --only warm
    .venv/bin/python benchmarks/quote_index.py --scale 1 --exhaustive

``--exhaustive`` also runs the search without the index (every quotation aligned with every
other document) and checks that both tables are identical. CPU seconds (``time.process_time``)
are the figure to compare on a shared machine.
"""

from __future__ import annotations

import argparse
import time

import pandas as pd

import analysis
from analysis.discourse import quotes
from analysis.paths import BUILD_DIR


def main() -> None:
    """Time quote tracing with the index against the exhaustive search and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--exhaustive", action="store_true")
    options = parser.parse_args()
    folder = BUILD_DIR / "benchmarks" / f"store-x{options.scale}"
    if not (folder / "metadata.csv").is_file():
        print(f"skipped: {folder} is absent; run benchmarks/store.py --scale {options.scale}")
        return
    corpus = analysis.load_corpus(folder)
    start = time.process_time()
    indexed = analysis.trace_quotes(corpus)
    seconds = time.process_time() - start
    counts = indexed["match"].value_counts().to_dict()
    print(f"indexed: {seconds:.2f} CPU s, {len(indexed)} quotations, {counts}")
    if options.exhaustive:
        quotes._sources = lambda *args, **kwargs: (None, None)
        start = time.process_time()
        every = analysis.trace_quotes(corpus)
        print(f"exhaustive: {time.process_time() - start:.2f} CPU s")
        pd.testing.assert_frame_equal(indexed, every)
        print("identical tables")


if __name__ == "__main__":
    main()
