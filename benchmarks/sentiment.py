"""Sentiment scoring speed: one process, two processes, and a re-run over a warm cache.

The lead's benchmark runner calls :func:`run` with the benchmark corpora's sentences. Run this file
directly to time it on ``../shared/benchmark/`` split naively into sentences (skips politely when
that folder is absent)::

    .venv/bin/python benchmarks/sentiment.py
"""

from __future__ import annotations

import os
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

from analysis.sentiment import polarity
from analysis.sentiment.vader import base_lexicon

BENCHMARK_DIR = Path(__file__).resolve().parents[2] / "shared" / "benchmark"


def _cpu_seconds() -> float:
    """User + system time of this process and its reaped worker processes."""
    own, workers = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def _record(name: str, sentences: list[str], seconds: float, cpu: float) -> dict:
    return {
        "task": "sentiment",
        "variant": name,
        "n_sentences": len(sentences),
        # polarity() scores each distinct text once, so repeated sentences cost nothing
        "n_distinct": len(set(sentences)),
        "seconds": round(seconds, 4),
        "sentences_per_second": round(len(sentences) / seconds) if seconds else None,
        # CPU seconds are the steadier figure when other programs share the cores
        "cpu_seconds": round(cpu, 4),
        # the machine may be shared: the 1-minute load average says how busy it was
        "load_average": round(os.getloadavg()[0], 2),
    }


def _timed(name: str, sentences: list[str], **options) -> dict:
    start, cpu = time.perf_counter(), _cpu_seconds()
    polarity(sentences, **options)
    return _record(name, sentences, time.perf_counter() - start, _cpu_seconds() - cpu)


def _stock_nltk(sentences: list[str]) -> dict:
    """NLTK 3.10.4's own analyser (with the repeated-word bug), for reference only."""
    from nltk.sentiment.vader import SentimentIntensityAnalyzer, VaderConstants

    # bypass its __init__, which would look for a downloaded lexicon zip
    stock = SentimentIntensityAnalyzer.__new__(SentimentIntensityAnalyzer)
    stock.lexicon, stock.constants = base_lexicon(), VaderConstants()
    start, cpu = time.perf_counter(), _cpu_seconds()
    for sentence in sentences:
        stock.polarity_scores(sentence)
    seconds, cpu = time.perf_counter() - start, _cpu_seconds() - cpu
    return _record("nltk stock analyser (reference)", sentences, seconds, cpu)


def run(sentences: list[str]) -> list[dict]:
    """Time VADER scoring of ``sentences`` four ways.

    Returns
    -------
    list of dict
        One record per variant (``task, variant, n_sentences, n_distinct, seconds,
        sentences_per_second, cpu_seconds, load_average``): NLTK's stock analyser for
        reference, then ours:
        ``single process`` and ``2 processes`` (no cache),
        ``cold cache`` (default process choice, filling an empty cache) and ``warm cache``
        (the same call again: hashing and lookups only).
    """
    sentences = list(sentences)
    polarity(sentences[:10], cache=False)  # load the lexicon once, outside the timings
    records = [
        _stock_nltk(sentences),
        _timed("single process", sentences, cache=False, processes=1),
        _timed("2 processes", sentences, cache=False, processes=2),
    ]
    with tempfile.TemporaryDirectory() as folder:
        records.append(_timed("cold cache", sentences, cache=folder))
        records.append(_timed("warm cache", sentences, cache=folder))
    return records


def benchmark_sentences(folder: Path = BENCHMARK_DIR) -> list[str]:
    """All sentences of the benchmark corpora, split naively (after . ! ? and a space)."""
    sentences = []
    for path in sorted(folder.glob("*/*.txt")):
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
        parts = re.split(r"(?<=[.!?])\s+", " ".join(text.split()))
        sentences += [part for part in parts if part]
    return sentences


if __name__ == "__main__":
    if not BENCHMARK_DIR.is_dir():
        print(f"skipped: {BENCHMARK_DIR} is absent")
        sys.exit(0)
    for record in run(benchmark_sentences()):
        print(record)
