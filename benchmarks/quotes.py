"""Quote tracing: is the 85 threshold right, and how fast is it? Measured on real speeches.

Sentences of the inaugural addresses in ``../shared/benchmark/`` serve as quotations:

- *edited* copies (one or two words replaced by another word of the same speech, or the case
  and punctuation changed) are traced in their own speech: the share found at or above the
  threshold is the **recall** for small edits;
- the original sentences are traced in every *other* address: a match there at or above the
  threshold is a **false source** (inaugural addresses rarely quote each other, so nearly every
  such match is chance resemblance or a shared formula).

Run it directly (skips politely when the folder is absent)::

    .venv/bin/python benchmarks/quotes.py
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

import numpy as np

from analysis.corpus.tables import build_tables
from analysis.discourse.quotes import _all_words, _find

BENCHMARK_DIR = Path(__file__).resolve().parents[2] / "shared" / "benchmark"
THRESHOLDS = (75, 80, 85, 90, 95)


def _texts(folder: Path) -> dict[str, str]:
    texts = {}
    for path in sorted((folder / "inaugural").glob("*.txt")):
        raw = path.read_bytes()
        try:
            texts[path.stem.lower()] = raw.decode("utf-8")
        except UnicodeDecodeError:
            texts[path.stem.lower()] = raw.decode("latin-1")
    return texts


def _edit(words: list[str], vocabulary: list[str], n: int, rng: random.Random) -> list[str]:
    edited = list(words)
    for at in rng.sample(range(len(words)), n):
        edited[at] = rng.choice([w for w in vocabulary if w != words[at]])
    return edited


def _best_elsewhere(quotes, words) -> list[float]:
    """Each quotation's best similarity in the speeches it does not come from."""
    best = []
    for doc_id, quote in quotes:
        others = [
            _find(quote, source, after=0, min_similarity=50, fuzzy=True)
            for other, source in words.items()
            if other != doc_id
        ]
        best.append(max((found[2] for found in others if found), default=0.0))
    return best


def run(folder: Path = BENCHMARK_DIR, *, n_quotes: int = 200, seed: int = 0) -> list[dict]:
    """Recall on edited quotations and false sources on unrelated speeches, per threshold."""
    texts = _texts(folder)
    tokens = build_tables(texts)[2]
    words, _ = _all_words(tokens)
    rng = random.Random(seed)
    picked = []
    for doc_id, source in words.items():
        for sentence_id in np.unique(source.sentence_ids):
            run_ = [i for i in range(len(source)) if source.sentence_ids[i] == sentence_id]
            if 8 <= len(run_) <= 30:
                picked.append((doc_id, source.norms[run_[0] : run_[-1] + 1]))
    picked = rng.sample(picked, n_quotes)
    records = []
    for label, n_edits in (("one word replaced", 1), ("two words replaced", 2)):
        scores = []
        for doc_id, quote in picked:
            edited = _edit(quote, words[doc_id].norms, n_edits, rng)
            found = _find(edited, words[doc_id], after=0, min_similarity=50, fuzzy=True)
            scores.append(found[2] if found else 0.0)
        for threshold in THRESHOLDS:
            share = float(np.mean([s >= threshold for s in scores]))
            records.append({"test": label, "threshold": threshold, "share_found": share})
    start = time.perf_counter()
    best = _best_elsewhere(picked, words)
    seconds = time.perf_counter() - start
    tests = [("false source", best)]
    for n in (5, 6, 8):
        short = _best_elsewhere([(doc_id, quote[:n]) for doc_id, quote in picked], words)
        tests.append((f"false source, first {n} words", short))
    for label, scores in tests:
        for threshold in THRESHOLDS:
            share = float(np.mean([s >= threshold for s in scores]))
            records.append({"test": label, "threshold": threshold, "share_found": share})
    pairs = n_quotes * (len(words) - 1)
    records.append(
        {"test": "speed", "pairs": pairs, "seconds": round(seconds, 2),
         "ms_per_pair": round(1000 * seconds / pairs, 2)}
    )  # fmt: skip
    return records


if __name__ == "__main__":
    if not BENCHMARK_DIR.is_dir():
        print(f"skipped: {BENCHMARK_DIR} is absent")
        sys.exit(0)
    for record in run():
        print(record)
