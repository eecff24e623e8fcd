"""Topic and cluster speed, and agreement with known labels on the benchmark speeches.

The lead's benchmark runner calls :func:`run` with the documents' texts of the benchmark corpora
(and the same texts repeated ten times). Run this file directly for the quality check, which
needs the benchmark folder (``../shared/benchmark/`` or ``$DISCOURSE_BENCHMARK_DIR``)::

    .venv/bin/python benchmarks/topics.py

It fits NMF, LDA and k-means to the speeches and prints how well the topics (dominant topic) or
clusters agree with labels the files carry: the collection (inaugural address vs State of the
Union, k = 2) and, within the State of the Union, the president (k = number of presidents).
Agreement is normalised mutual information (NMI, arithmetic mean normalisation) and the adjusted
Rand index (ARI). Nothing is copied into the repository.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

if __name__ == "__main__":  # run as a script: make `benchmarks` and `analysis` importable
    sys.path[0] = str(Path(__file__).resolve().parents[1])

import pandas as pd
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from analysis import cluster_texts, fit_topics, model_selection
from analysis.corpus.segment import split_paragraphs

K = 10


def _paragraphs(texts: list[str]) -> list[str]:
    return [text[start:end] for text in texts for start, end in split_paragraphs(text)]


def run(texts: list[str]) -> list[dict]:
    """Time topic models and clusters on ``texts`` (documents) and on their paragraphs.

    Returns
    -------
    list of dict
        One record per step: ``task, step, n_texts, n_words, seconds, cpu_seconds, rows``
        (wall-clock and process CPU time; ``rows`` is the number of assignments or table
        rows), or ``task, step, n_texts, n_words, status`` for a step the texts cannot support.
    """
    paragraphs = _paragraphs(texts)
    units = {"documents": list(texts), "paragraphs": paragraphs}
    steps = {}
    for unit, docs in units.items():
        k = min(K, len(docs) - 1)
        if k < 2:
            continue
        steps[f"fit_topics nmf k={k} ({unit})"] = (docs, lambda d, k=k: fit_topics(d, n_topics=k))
        steps[f"fit_topics lda k={k} ({unit})"] = (
            docs,
            lambda d, k=k: fit_topics(d, n_topics=k, method="lda"),
        )
        steps[f"cluster_texts kmeans k={k} ({unit})"] = (
            docs,
            lambda d, k=k: cluster_texts(d, n_clusters=k),
        )
    if len(texts) >= 10:
        steps["model_selection nmf k=2-8, 5 subsamples (documents)"] = (
            list(texts),
            lambda d: model_selection(d, method="nmf"),
        )
    records = []
    for step, (docs, call) in steps.items():
        record = {
            "task": "topics",
            "step": step,
            "n_texts": len(docs),
            "n_words": sum(len(d.split()) for d in docs),
        }
        start, cpu = time.perf_counter(), time.process_time()
        try:
            result = call(docs)
        except ValueError as error:  # texts too few or too short for this step: say so
            records.append({**record, "status": f"skipped: {error}"})
            continue
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        rows = len(result) if isinstance(result, pd.DataFrame) else len(result.assignments)
        records.append(
            {**record, "seconds": round(seconds, 3), "cpu_seconds": round(cpu, 3), "rows": rows}
        )
    return records


def label_agreement(folder=None) -> pd.DataFrame:
    """NMI and ARI of NMF, LDA and k-means groupings against the benchmark files' labels."""
    from benchmarks.corpus import read_benchmark

    documents = read_benchmark(folder)
    frame = pd.DataFrame(
        {
            "collection": [d.doc_id.split("/")[0] for d in documents],
            "president": [d.doc_id.split("/")[1].split("-")[1] for d in documents],
            "text": [d.text for d in documents],
        }
    )
    sotu = frame[frame["collection"] == "state_union"].reset_index(drop=True)
    tasks = {
        "inaugural vs state of the union (documents)": (frame, "collection"),
        "president, state of the union (documents)": (sotu, "president"),
    }
    rows = []
    for task, (table, label) in tasks.items():
        k = table[label].nunique()
        for method in ("nmf", "lda", "kmeans"):
            start = time.perf_counter()
            if method == "kmeans":
                groups = cluster_texts(table, n_clusters=k).assignments["cluster"]
            else:
                groups = fit_topics(table, n_topics=k, method=method).assignments["topic"]
            seconds = time.perf_counter() - start
            known = groups.notna()
            truth, found = table.loc[known, label], groups[known].astype(int)
            rows.append(
                {
                    "task": task,
                    "method": method,
                    "k": k,
                    "n_texts": len(table),
                    "nmi": round(normalized_mutual_info_score(truth, found), 3),
                    "ari": round(adjusted_rand_score(truth, found), 3),
                    "seconds": round(seconds, 2),
                }
            )
    return pd.DataFrame(rows)


if __name__ == "__main__":
    from benchmarks.corpus import benchmark_dir

    if not benchmark_dir().is_dir():
        print(f"no benchmark folder at {benchmark_dir()}: nothing to check")
        raise SystemExit(0)
    print(label_agreement().to_string(index=False))
