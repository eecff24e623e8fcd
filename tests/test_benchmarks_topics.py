"""benchmarks/topics.py: run() times every step on any texts, and skips what they cannot support."""

import importlib.util
import sys
from pathlib import Path

from _themes import theme_texts

PATH = Path(__file__).resolve().parents[1] / "benchmarks" / "topics.py"


def _module():
    spec = importlib.util.spec_from_file_location("benchmarks.topics", PATH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_run_times_topics_and_clusters_on_documents_and_paragraphs():
    texts, _ = theme_texts(per_theme=4)
    documents = ["\n\n".join(texts[i : i + 3]) for i in range(12)]
    records = _module().run(documents)
    steps = [r["step"] for r in records]
    assert "fit_topics nmf k=10 (paragraphs)" in steps
    assert "cluster_texts kmeans k=10 (paragraphs)" in steps
    assert any(s.startswith("model_selection") for s in steps)
    for record in records:
        assert record["task"] == "topics" and record["n_texts"] > 0
        assert "status" in record or (record["seconds"] >= 0 and record["rows"] > 0)


def test_steps_the_texts_cannot_support_are_skipped_not_fatal():
    records = _module().run(["The harbour is open.\n\nWe said so.", "The tide will not wait."])
    assert records and all(r["status"].startswith("skipped: ") for r in records)


def test_evaluation_runs_on_the_fixture_when_the_speeches_are_absent(tmp_path):
    module = _module()
    tasks = module.labelled_tasks(folder=tmp_path / "absent")
    assert list(tasks) == ["fixture: document of a paragraph"]
    table = module.evaluate(folder=tmp_path / "absent", seeds=range(2), methods=("nmf",))
    assert table["weighting"].tolist() == list(module.WEIGHTINGS)
    assert table[["nmi", "ari"]].le(1).all().all() and table["nmi"].ge(0).all()
    assert (table["k"] == 4).all() and (table["n_units"] == len(tasks[next(iter(tasks))][0])).all()


def test_score_compares_the_dominant_topic_per_document_with_its_label():
    import numpy as np
    import pandas as pd

    table = pd.DataFrame({"group": ["a", "a", "b", "c"], "label": ["x", "x", "y", "y"]})
    # paragraphs of "a" lean to topic 0 on average, "b" and "c" to topic 1: a perfect grouping
    weights = np.array([[0.9, 0.1], [0.4, 0.6], [0.2, 0.8], [0.0, 1.0]])
    assert _module()._score(table, weights) == (1.0, 1.0)
