"""Identical results on any machine (issue 9): the same tables under 1 and 2 BLAS/OpenMP threads.

Two subprocesses compute every key table, one with ``OMP_NUM_THREADS``, ``OPENBLAS_NUM_THREADS``
and ``MKL_NUM_THREADS`` set to 1 (and one worker process for the corpus and sentiment), the
other with 2 (and two workers); each pickles its tables to a temporary folder, and the test
compares them.

What must be equal, and how exactly:

- ids, labels, terms, counts, topic and cluster numbers, booleans: exactly;
- floats from element-wise arithmetic (keyness, frequencies, VADER, discourse rates): exactly,
  since no BLAS call is involved;
- floats that pass through BLAS (topic and cluster weights, coordinates, similarities,
  coherence and stability): equal after rounding to ``TIE_DECIMALS`` (9) decimals, the same
  precision at which the package treats values as tied, because a different summation order
  may change the last bits. (The topic modules pin one thread, so today they are bit-equal too;
  the rounding is what the contract promises.)

A subprocess is the only way to test this: BLAS reads its thread count once, at import.
"""

import os
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.topics._vectorize import TIE_DECIMALS

FIXTURE = Path(__file__).parent / "fixtures" / "corpus_multi"
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
#: tables whose floats may pass through BLAS, compared after rounding
BLAS_TABLES = ("topics_", "clusters_", "selection_")

SCRIPT = textwrap.dedent(
    """
    import pickle, sys
    import analysis

    out, workers = sys.argv[1], int(sys.argv[2])
    tables = {}
    for name, path in (("shipped", None), ("multi", sys.argv[3])):
        corpus = analysis.load_corpus(path, n_jobs=workers)
        for table in ("documents", "paragraphs", "sentences", "tokens"):
            tables[f"corpus_{name}_{table}"] = getattr(corpus, table)
        tables[f"frequencies_{name}"] = analysis.frequencies(corpus.tokens, by="document")
        tables[f"sentiment_{name}"] = analysis.sentence_sentiment(
            corpus.sentences, cache=False, processes=workers
        )
        features = analysis.discourse_features(corpus)
        tables[f"discourse_{name}_matches"] = features.matches
        tables[f"discourse_{name}_categories"] = features.categories
    tokens = corpus.tokens
    first = tokens["doc_id"] == tokens["doc_id"].iloc[0]
    tables["keyness_multi"] = analysis.keyness(tokens[first], tokens[~first], min_count=1)

    units = analysis.load_corpus().paragraphs
    for method in ("nmf", "lda"):
        model = analysis.fit_topics(units, n_topics=3, method=method)
        tables[f"topics_{method}_assignments"] = model.assignments
        tables[f"topics_{method}_terms"] = model.top_terms
    result = analysis.cluster_texts(units, n_clusters=3)
    tables["clusters_assignments"] = result.assignments
    tables["clusters_terms"] = result.top_terms
    tables["clusters_representatives"] = result.representatives
    tables["selection_nmf"] = analysis.model_selection(units, ks=[2, 3], n_seeds=2)
    with open(out, "wb") as file:
        pickle.dump(tables, file)
    """
)


def _run(threads: int, folder: Path) -> subprocess.Popen:
    env = {**os.environ, **dict.fromkeys(THREAD_VARIABLES, str(threads))}
    out = folder / f"threads_{threads}.pickle"
    return subprocess.Popen(
        [sys.executable, "-c", SCRIPT, str(out), str(threads), str(FIXTURE)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    folder = tmp_path_factory.mktemp("determinism")
    runs = {threads: _run(threads, folder) for threads in (1, 2)}
    for threads, run in runs.items():
        _, stderr = run.communicate(timeout=600)
        assert run.returncode == 0, f"run with {threads} thread(s) failed:\n{stderr[-3000:]}"
    return {
        threads: pickle.loads((folder / f"threads_{threads}.pickle").read_bytes())
        for threads in runs
    }


def _rounded(table: pd.DataFrame) -> pd.DataFrame:
    floats = table.select_dtypes("float").columns
    return table.assign(**{c: table[c].round(TIE_DECIMALS) for c in floats})


def test_every_key_table_is_computed(results):
    names = set(results[1])
    assert names == set(results[2])
    assert {"topics_nmf_assignments", "topics_lda_terms", "clusters_assignments"} <= names
    assert {"corpus_multi_tokens", "keyness_multi", "sentiment_shipped", "selection_nmf"} <= names
    assert all(len(table) for table in results[1].values())


@pytest.mark.parametrize(
    "name",
    [
        *(f"corpus_{c}_{t}" for c in ("shipped", "multi") for t in ("sentences", "tokens")),
        "frequencies_multi",
        "keyness_multi",
        "sentiment_shipped",
        "sentiment_multi",
        "discourse_multi_matches",
        "discourse_multi_categories",
    ],
)
def test_element_wise_tables_are_bit_identical(results, name):
    pd.testing.assert_frame_equal(results[1][name], results[2][name], check_exact=True)


def test_blas_tables_agree_to_the_documented_precision(results):
    for name in results[1]:
        if not name.startswith(BLAS_TABLES):
            continue
        one, two = results[1][name], results[2][name]
        # ids, terms, topic and cluster numbers exactly; floats to TIE_DECIMALS
        discrete = one.select_dtypes(exclude="float").columns
        pd.testing.assert_frame_equal(one[discrete], two[discrete], check_exact=True, obj=name)
        pd.testing.assert_frame_equal(_rounded(one), _rounded(two), check_exact=True, obj=name)


def test_topic_numbers_and_labels_are_the_same_under_every_setting(results):
    for method in ("nmf", "lda"):
        one = results[1][f"topics_{method}_assignments"]["topic"]
        two = results[2][f"topics_{method}_assignments"]["topic"]
        assert one.tolist() == two.tolist()
    assert np.array_equal(
        results[1]["clusters_assignments"]["cluster"], results[2]["clusters_assignments"]["cluster"]
    )
