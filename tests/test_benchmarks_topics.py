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
