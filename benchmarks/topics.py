"""Topic and cluster speed, and agreement with known labels: the evidence for the defaults.

The lead's benchmark runner calls :func:`run` with the documents' texts of the benchmark corpora
(and the same texts repeated ten times). Run this file directly for the quality checks, which
read the benchmark folder (``../shared/benchmark/`` or ``$DISCOURSE_BENCHMARK_DIR``) when it
exists and always the fixture corpus ``tests/fixtures/corpus_multi``::

    .venv/bin/python benchmarks/topics.py                       # NMF, k-means, LDA x weightings
    .venv/bin/python benchmarks/topics.py --methods nmf,kmeans --seeds 3
    .venv/bin/python benchmarks/topics.py --convergence --seeds 1   # LDA perplexity by iteration
    .venv/bin/python benchmarks/topics.py --nmf-seeds            # NMF's change across seeds

:func:`evaluate` fits each method under each weighting (raw or sublinear tf, with or without
idf, smoothed or plain idf, rows l2-normalised or not) and unit (documents, or paragraphs whose
topic shares are averaged per document) to labelled tasks (:func:`labelled_tasks`: genre,
president and decade of the speeches; which fixture document a paragraph comes from), with k
the number of labels, and reports the normalised mutual information (NMI, arithmetic-mean
normalisation; Strehl & Ghosh 2002) and adjusted Rand index (ARI; Hubert & Arabie 1985) of
the dominant topic or cluster against the label: mean and sample sd over seeds. For LDA it also
compares start and iteration settings against scikit-learn's defaults, with the time per fit.
The figures and the choices they support are in ``benchmarks/README.md``. Nothing is copied
into the repository.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

if __name__ == "__main__":  # run as a script: make `benchmarks` and `analysis` importable
    sys.path[0] = str(Path(__file__).resolve().parents[1])

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score
from threadpoolctl import threadpool_limits

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


# The weighting variants compared (TfidfVectorizer options); "tfidf, sublinear" is the default
WEIGHTINGS = {
    "tf": {"use_idf": False, "norm": "l2"},
    "tf, sublinear": {"sublinear_tf": True, "use_idf": False, "norm": "l2"},
    "tfidf": {"use_idf": True, "smooth_idf": True, "norm": "l2"},
    "tfidf, sublinear": {"sublinear_tf": True, "use_idf": True, "smooth_idf": True, "norm": "l2"},
    "tfidf, sublinear, plain idf": {"sublinear_tf": True, "smooth_idf": False, "norm": "l2"},
    "tfidf, sublinear, no norm": {"sublinear_tf": True, "use_idf": True, "norm": None},
}
# paragraphs cost ten times as much: only the current and the chosen weighting
PARAGRAPH_WEIGHTINGS = ("tfidf", "tfidf, sublinear")
LDA_WEIGHTINGS = {
    "count": {"use_idf": False, "norm": None},
    "count, sublinear": {"sublinear_tf": True, "use_idf": False, "norm": None},
}
# LDA is slow: the weighting variants are compared with one setting only
LDA_SUBLINEAR_VARIANT = "1 start, 20 iter"


def labelled_tasks(folder=None, fixture=None) -> dict[str, tuple[pd.DataFrame, str]]:
    """Labelled evaluation tasks: name -> (units with ``group``/``text``/``label``, unit kind).

    From the benchmark speeches (when the folder exists): genre (inaugural vs State of the
    Union, 124 documents), president and decade within the State of the Union; each on
    documents, and each again on paragraphs, whose topics are averaged per document before they
    are compared with the document's label. From ``tests/fixtures/corpus_multi`` (always): which
    of its four documents a paragraph comes from.
    """
    from analysis import load_corpus
    from benchmarks.corpus import benchmark_dir, read_benchmark

    tasks = {}
    if benchmark_dir(folder).is_dir():
        documents = read_benchmark(folder)
        frame = pd.DataFrame(
            {
                "group": [d.doc_id for d in documents],
                "genre": [d.doc_id.split("/")[0] for d in documents],
                "president": [d.doc_id.split("/")[1].split("-")[1] for d in documents],
                "decade": [d.doc_id.split("/")[1][:3] + "0s" for d in documents],
                "text": [d.text for d in documents],
            }
        )
        sotu = frame[frame["genre"] == "state_union"].reset_index(drop=True)
        for name, table, label in [
            ("genre", frame, "genre"),
            ("president (SOTU)", sotu, "president"),
            ("decade (SOTU)", sotu, "decade"),
        ]:
            docs = table.assign(label=table[label])[["group", "text", "label"]]
            tasks[f"{name}, documents"] = (docs, "documents")
            paragraphs = [
                {"group": row.group, "text": row.text[a:b], "label": row.label}
                for row in docs.itertuples()
                for a, b in split_paragraphs(row.text)
            ]
            tasks[f"{name}, paragraphs"] = (pd.DataFrame(paragraphs), "paragraphs")
    root = Path(__file__).resolve().parents[1]
    corpus = load_corpus(fixture or root / "tests" / "fixtures" / "corpus_multi")
    paragraphs = corpus.paragraphs.assign(
        group=corpus.paragraphs["doc_id"].astype(str)
        + "/"
        + corpus.paragraphs["paragraph_id"].astype(str)
    )
    tasks["fixture: document of a paragraph"] = (
        paragraphs.assign(label=paragraphs["doc_id"].astype(str))[["group", "text", "label"]],
        "documents",
    )
    return tasks


# LDA settings compared: scikit-learn's defaults, and best-of-n starts (see models._best_lda)
LDA_VARIANTS = {
    "sklearn default (1 start, 10 iter)": {"sklearn": True},
    "best of 4 x 5, then 20 iter": {"starts": 4, "screen_iter": 5, "max_iter": 20},
    "1 start, 20 iter": {"starts": 1, "max_iter": 20},
    "best of 2 x 5, then 10 iter": {"starts": 2, "screen_iter": 5, "max_iter": 10},
}


# one thread, as the package's own entry points use: on a busy machine threads thrash
@threadpool_limits.wrap(limits=1)
def _groups(method: str, matrix, k: int, seed: int, **lda) -> np.ndarray:
    """Each unit's topic weights (a one-hot row for a cluster), in the model's own numbering."""
    from sklearn.decomposition import LatentDirichletAllocation

    from analysis.topics import clusters, models

    if method == "kmeans":
        kept = np.asarray(matrix.sum(axis=1)).ravel() > 0
        rep = clusters.represent(matrix[kept], n_components=100, random_state=seed)[2]
        labels = clusters.group(rep, n_clusters=k, method="kmeans", random_state=seed)[1]
        weights = np.zeros((matrix.shape[0], k))
        weights[np.flatnonzero(kept), labels] = 1.0
        return weights
    if method == "lda" and lda.pop("sklearn", False):
        return LatentDirichletAllocation(n_components=k, random_state=seed).fit_transform(matrix)
    if method == "lda" and lda:
        return models._best_lda(matrix, k, seed, **lda)[1]
    return models.factorise(matrix, method=method, n_topics=k, random_state=seed)[1]


def _score(table: pd.DataFrame, weights: np.ndarray) -> tuple[float, float]:
    """NMI and ARI of the dominant topic per group (document) against its label."""
    totals = weights.sum(axis=1, keepdims=True)
    shares = np.divide(weights, totals, out=np.zeros_like(weights), where=totals > 0)
    frame = pd.DataFrame(shares).assign(group=table["group"].to_numpy())
    per_group = frame.groupby("group", sort=True).mean()
    found = per_group.to_numpy().round(9).argmax(axis=1)
    truth = table.groupby("group", sort=True)["label"].first().loc[per_group.index]
    return normalized_mutual_info_score(truth, found), adjusted_rand_score(truth, found)


def evaluate(
    folder=None, *, seeds=range(5), methods=("nmf", "kmeans", "lda"), lda_variants=None
) -> pd.DataFrame:
    """NMI and ARI, mean and sd over ``seeds``, of each method x weighting x task.

    Returns one row per task, method and weighting: ``task, unit, method, weighting, k,
    n_units, nmi, nmi_sd, ari, ari_sd, seconds`` (mean seconds per fit, vectorising excluded).
    LDA is fitted on documents only (a fit on 2,000 paragraphs takes a minute).
    """
    from analysis.topics._vectorize import vectorize

    lda_variants = lda_variants or LDA_VARIANTS
    rows = []
    for task, (table, unit) in labelled_tasks(folder).items():
        k = table["label"].nunique()
        docs = table["text"].tolist()
        for method in methods:
            if method == "lda" and unit == "paragraphs":
                continue
            weightings = LDA_WEIGHTINGS if method == "lda" else WEIGHTINGS
            variants = lda_variants if method == "lda" else {"": {}}
            for weighting, options in weightings.items():
                if unit == "paragraphs" and weighting not in PARAGRAPH_WEIGHTINGS:
                    continue
                matrix = vectorize(docs, weighting=options, min_df=2, max_df=0.95)[1]
                for variant, settings in variants.items():
                    if (
                        method == "lda"
                        and weighting != "count"
                        and variant != LDA_SUBLINEAR_VARIANT
                    ):
                        continue
                    scores, seconds = [], []
                    for seed in seeds:
                        start = time.perf_counter()
                        weights = _groups(method, matrix, k, seed, **dict(settings))
                        seconds.append(time.perf_counter() - start)
                        scores.append(_score(table, weights))
                    nmi, ari = np.array(scores).T
                    rows.append(
                        {
                            "task": task,
                            "unit": unit,
                            "method": f"{method} {variant}".strip(),
                            "weighting": weighting,
                            "k": k,
                            "n_units": len(docs),
                            "nmi": nmi.mean(),
                            "nmi_sd": nmi.std(ddof=1),
                            "ari": ari.mean(),
                            "ari_sd": ari.std(ddof=1),
                            "seconds": np.mean(seconds),
                        }
                    )
                    print(rows[-1], flush=True)
    return pd.DataFrame(rows)


def lda_convergence(folder=None, *, task="president (SOTU), documents", max_iter=60, seeds=(0,)):
    """LDA's perplexity (exp of minus the variational bound per word) after each EM iteration.

    Returns ``seed, iteration, perplexity, change`` (relative change from the last iteration).
    """
    import contextlib
    import io
    import re

    from sklearn.decomposition import LatentDirichletAllocation

    from analysis.topics._vectorize import vectorize

    table = labelled_tasks(folder)[task][0]
    matrix = vectorize(table["text"].tolist(), weighting="count", min_df=2, max_df=0.95)[1]
    rows = []
    for seed in seeds:
        model = LatentDirichletAllocation(
            n_components=table["label"].nunique(),
            max_iter=max_iter,
            evaluate_every=1,
            perp_tol=0,
            verbose=1,
            random_state=seed,
        )
        log = io.StringIO()
        with contextlib.redirect_stdout(log):
            model.fit(matrix)
        found = re.findall(
            r"iteration: (\d+) of max_iter: \d+, perplexity: ([\d.]+)", log.getvalue()
        )
        for iteration, perplexity in found:
            rows.append(
                {"seed": seed, "iteration": int(iteration), "perplexity": float(perplexity)}
            )
    out = pd.DataFrame(rows)
    out["change"] = out.groupby("seed")["perplexity"].pct_change().abs()
    return out


def lda_timing(folder=None, *, seeds=range(3)) -> pd.DataFrame:
    """CPU seconds per LDA fit (one thread, least over ``seeds``) against scikit-learn's default.

    Returns ``task, setting, cpu_seconds, ratio`` (to the default's time on the same matrix).
    """
    from sklearn.decomposition import LatentDirichletAllocation

    from analysis.topics import models
    from analysis.topics._vectorize import vectorize

    tasks = labelled_tasks(folder)
    settings = {
        "sklearn default": None,
        "fit_topics": {},
        **{name: v for name, v in LDA_VARIANTS.items() if "sklearn" not in v},
    }
    rows = []
    for task in ("genre, documents", "president (SOTU), documents"):
        if task not in tasks:
            continue
        table = tasks[task][0]
        k = table["label"].nunique()
        matrix = vectorize(table["text"].tolist(), weighting="count", min_df=2, max_df=0.95)[1]
        cpu = {name: [] for name in settings}
        with threadpool_limits(limits=1):
            for seed in seeds:
                for name, options in settings.items():
                    start = time.process_time()
                    if options is None:
                        LatentDirichletAllocation(n_components=k, random_state=seed).fit(matrix)
                    else:
                        models._best_lda(matrix, k, seed, **options)
                    cpu[name].append(time.process_time() - start)
        base = min(cpu["sklearn default"])
        rows += [
            {"task": task, "setting": name, "cpu_seconds": min(v), "ratio": min(v) / base}
            for name, v in cpu.items()
        ]
    return pd.DataFrame(rows)


def nmf_seed_spread(ks=(2, 4), seeds=range(1, 6)) -> pd.DataFrame:
    """How far NMF moves with the seed of its NNDSVDa start, on the shipped paragraphs.

    Returns ``k, seed, max_share_change`` (largest change of any topic share of any paragraph
    against seed 0), ``same_topics`` (every paragraph's dominant topic unchanged) and
    ``same_terms`` (the top-terms table unchanged).
    """
    from analysis import load_corpus

    paragraphs = load_corpus().paragraphs
    rows = []
    for k in ks:
        base = fit_topics(paragraphs, n_topics=k, random_state=0)
        shares = base.assignments.filter(like="topic_").to_numpy()
        for seed in seeds:
            other = fit_topics(paragraphs, n_topics=k, random_state=seed)
            change = np.nanmax(np.abs(other.assignments.filter(like="topic_").to_numpy() - shares))
            rows.append(
                {
                    "k": k,
                    "seed": seed,
                    "max_share_change": float(change),
                    "same_topics": other.assignments["topic"].equals(base.assignments["topic"]),
                    "same_terms": other.top_terms["term"].equals(base.top_terms["term"]),
                }
            )
    return pd.DataFrame(rows)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=5, help="seeds per configuration")
    parser.add_argument("--methods", default="nmf,kmeans,lda", help="comma-separated methods")
    parser.add_argument("--convergence", action="store_true", help="LDA perplexity per iteration")
    parser.add_argument("--nmf-seeds", action="store_true", help="NMF's change across seeds")
    parser.add_argument("--lda-time", action="store_true", help="LDA CPU time against default")
    args = parser.parse_args()
    if args.lda_time:
        print(lda_timing().round(2).to_string(index=False))
        raise SystemExit(0)
    if args.nmf_seeds:
        print(nmf_seed_spread().to_string(index=False))
        raise SystemExit(0)
    if args.convergence:
        print(lda_convergence(seeds=range(args.seeds)).to_string(index=False))
        raise SystemExit(0)
    table = evaluate(seeds=range(args.seeds), methods=tuple(args.methods.split(",")))
    print(table.round(3).to_string(index=False))
