"""Sentiment scoring speed: one process, two processes, and a re-run over a warm cache.

The lead's benchmark runner calls :func:`run` with the benchmark corpora's sentences. Run this file
directly to time it on ``../shared/benchmark/`` split naively into sentences (skips politely when
that folder is absent)::

    .venv/bin/python benchmarks/sentiment.py
    .venv/bin/python benchmarks/sentiment.py --variants  # old default (NLTK) against the reference

``--variants`` splits the speeches with the project's own sentence splitter and reports the share
of sentences whose compound changed when the default moved from NLTK's corrected port to the
reference implementation, and the largest changes with the departure behind each.
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


def segmented_sentences(folder: Path = BENCHMARK_DIR) -> list[str]:
    """All sentences of the benchmark speeches, split by :func:`analysis.split_sentences`.

    Each file is decoded as UTF-8, or cp1252 when it is not valid UTF-8; title and date lines are
    kept (they are scored as sentences like any other).
    """
    from analysis.corpus.segment import split_sentences

    sentences = []
    for path in sorted(folder.glob("*/*.txt")):
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252")
        sentences += [text[start:end] for start, end in split_sentences(text)]
    return sentences


def compare_variants(sentences: list[str], top: int = 10) -> dict:
    """How many compound scores changed from the NLTK variant to the reference, and the largest.

    Returns
    -------
    dict
        ``n_sentences``, ``n_changed`` (|delta compound| > 1e-4), ``share_changed``,
        ``n_any_score_changed`` (any of neg, neu, pos, compound), ``reasons`` (how many changed
        sentences name each departure) and ``largest``: the ``top`` largest |delta| as
        ``text`` (first 90 characters), ``nltk``, ``reference``, ``delta``, ``reasons``, ties
        broken by text.
    """
    from analysis.sentiment import compare_vader_variants

    table = compare_vader_variants(sentences, cache=False)
    changed = table[(table["delta"].abs() > 1e-4)]
    counts: dict[str, int] = {}
    for reasons in changed["reasons"]:
        for reason in reasons.split("; "):
            counts[reason] = counts.get(reason, 0) + 1
    largest = changed.assign(size=changed["delta"].abs()).sort_values(
        ["size", "text"], ascending=[False, True], kind="stable"
    )
    largest = largest.drop_duplicates("text").head(top)
    return {
        "n_sentences": len(table),
        "n_changed": len(changed),
        "share_changed": round(len(changed) / len(table), 4) if len(table) else None,
        "n_any_score_changed": int(table["scores_differ"].sum()),
        "reasons": dict(sorted(counts.items(), key=lambda item: (-item[1], item[0]))),
        "largest": [
            {
                "text": " ".join(row.text.split())[:90],
                "nltk": row.compound_nltk,
                "reference": row.compound_reference,
                "delta": row.delta,
                "reasons": row.reasons,
            }
            for row in largest.itertuples()
        ],
    }


if __name__ == "__main__":
    if not BENCHMARK_DIR.is_dir():
        print(f"skipped: {BENCHMARK_DIR} is absent")
        sys.exit(0)
    if "--variants" in sys.argv[1:]:
        report = compare_variants(segmented_sentences())
        for key, value in report.items():
            if key != "largest":
                print(f"{key}: {value}")
        for row in report["largest"]:
            print(row)
        sys.exit(0)
    for record in run(benchmark_sentences()):
        print(record)
