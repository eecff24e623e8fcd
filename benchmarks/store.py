"""The corpus store and compact tables: cold, warm and after-add loads, memory per token.

Builds a corpus folder from the benchmark speeches (``../shared/benchmark/``, read only) at a
scale (x1: 124 speeches; x10: each repeated ten times under distinct ids) in
``build/benchmarks/store-x<N>/`` (build/ is not committed), then measures, each in a fresh Python
process so that nothing warmed in one carries over:

- ``cold``: ``load_corpus`` with the store deleted (it builds every table and writes the store);
- ``warm``: ``load_corpus`` again (it reads every table);
- ``after add``: one more speech is added with ``add_documents`` (which builds its tables), then
  ``load_corpus`` (it reads everything);
- ``no store``: ``load_corpus(cache=False)`` on one process: the build alone, whose peak resident
  memory per token is the build peak;
- the tables' memory per token as the corpus keeps them (``Corpus.memory_usage()``: the four
  tables' ``memory_usage(deep=True)``; paragraph and sentence text is cut from the documents'
  text when read, so it is not kept).

The machine is shared, so the figures that count are CPU seconds (``time.process_time`` of the
process plus its worker processes, ``resource.getrusage``) and peak resident memory
(``ru_maxrss``); wall-clock seconds are printed beside them. Run::

    .venv/bin/python benchmarks/store.py --scale 1
    .venv/bin/python benchmarks/store.py --scale 10

To measure the code before the store (no ``cache`` option), put that checkout first on the
path: ``git archive 652d203 | tar -x -C /tmp/base`` then ``PYTHONPATH=/tmp/base
.venv/bin/python benchmarks/store.py --scale 10 --only cold,nostore``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import benchmark_dir, read_benchmark  # noqa: E402

from analysis.corpus.metadata import FIELDS  # noqa: E402
from analysis.paths import BUILD_DIR  # noqa: E402

MEASURE = r"""
import inspect, json, resource, sys, time, warnings
warnings.simplefilter("ignore")
import analysis
from analysis.corpus import load_corpus
folder, mode = sys.argv[1], sys.argv[2]
options = {}
if mode == "nostore":
    options["n_jobs"] = 1
    if "cache" in inspect.signature(load_corpus).parameters:
        options["cache"] = False
if mode == "add":
    from analysis.corpus import add_documents
    add_documents([sys.argv[3]], [{"title": "Extra", "speaker": "A Speaker",
                                   "date": "2001-01-01"}], corpus=folder)
cpu, wall = time.process_time(), time.perf_counter()
corpus = load_corpus(folder, **options)
wall = time.perf_counter() - wall
cpu = time.process_time() - cpu
children = resource.getrusage(resource.RUSAGE_CHILDREN)
n_tokens = len(corpus.tokens)
if hasattr(corpus, "memory_usage"):
    tables = corpus.memory_usage().to_dict()
else:  # a checkout from before Corpus.memory_usage (PYTHONPATH, see above)
    tables = {name: int(getattr(corpus, name).memory_usage(deep=True).sum())
              for name in ("documents", "paragraphs", "sentences", "tokens")}
print(json.dumps({
    "mode": mode, "wall_s": wall, "cpu_s": cpu + children.ru_utime + children.ru_stime,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "children_peak_mb": children.ru_maxrss / 1024, "n_tokens": n_tokens,
    "tables_bytes_per_token": sum(tables.values()) / n_tokens,
    "tokens_bytes_per_token": tables["tokens"] / n_tokens,
    "dtypes": {c: str(t) for c, t in corpus.tokens.dtypes.items()},
}))
"""


def make_corpus(scale: int, folder: Path) -> Path:
    """A corpus folder of the benchmark speeches repeated ``scale`` times (made once)."""
    if (folder / "metadata.csv").is_file():
        return folder
    (folder / "texts").mkdir(parents=True, exist_ok=True)
    rows = []
    for document in read_benchmark():
        base = document.doc_id.replace("/", "-").replace("_", "-").lower()
        for copy in range(1, scale + 1):
            doc_id = f"{base}-{copy}" if scale > 1 else base
            # each copy differs by one line, as distinct speeches would
            data = f"{document.text}\n\n(Copy {copy}.)\n".encode()
            (folder / "texts" / f"{doc_id}.txt").write_bytes(data)
            row = dict.fromkeys(FIELDS, "")
            row |= {"doc_id": doc_id, "title": doc_id, "speakers": "Speaker", "language": "en"}
            row |= {"header_lines": "0", "sha256": hashlib.sha256(data).hexdigest()}
            rows.append(row)
    with (folder / "metadata.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(FIELDS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(sorted(rows, key=lambda row: row["doc_id"]))
    return folder


def measure(folder: Path, mode: str, *extra: str) -> dict:
    """Run one load or add of ``folder`` in a fresh process; its CPU time and peak memory."""
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, str(folder), mode, *extra],
        capture_output=True,
        text=True,
        check=True,
        # not the project folder: `python -c` puts the working directory first on sys.path,
        # which would hide a PYTHONPATH checkout of other code
        cwd=folder.parent,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def run(scale: int, only: list[str]) -> list[dict]:
    """Measure cold, warm and after-add loads of the benchmark corpus at ``scale``."""
    folder = make_corpus(scale, BUILD_DIR / "benchmarks" / f"store-x{scale}")
    work = BUILD_DIR / "benchmarks" / f"store-x{scale}-work"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(folder, work)
    records = []
    if "nostore" in only:
        records.append(measure(work, "nostore"))
    if "cold" in only:
        shutil.rmtree(work / ".cache", ignore_errors=True)
        records.append(measure(work, "cold"))
    if "warm" in only:
        records.append(measure(work, "warm"))
    if "add" in only:
        speech = BUILD_DIR / "benchmarks" / "extra-speech.txt"
        speech.write_text(next(iter(read_benchmark())).text + "\n\nOne more line.\n", "utf-8")
        records.append(measure(work, "add", str(speech)))
    shutil.rmtree(work, ignore_errors=True)
    return records


def main() -> None:
    """Parse the command line, run the store benchmark and print its table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--only", default="nostore,cold,warm,add")
    options = parser.parse_args()
    if not benchmark_dir().is_dir():
        print(f"skipped: {benchmark_dir()} is absent")
        return
    for record in run(options.scale, options.only.split(",")):
        dtypes = record.pop("dtypes")
        rounded = {k: round(v, 3) if isinstance(v, float) else v for k, v in record.items()}
        print(json.dumps(rounded))
    print("token dtypes:", dtypes)


if __name__ == "__main__":
    main()
