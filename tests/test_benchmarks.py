"""The benchmark runner, end to end on a tiny fictional benchmark folder (no timing assertions)."""

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
RUNNER = PROJECT_ROOT / "benchmarks" / "run.py"

# Fictional speeches written for this test: one SOTU-style file with a title and a date line,
# one inaugural-style file in cp1252 ("café" is not valid UTF-8 in that encoding).
HEADED = (
    "A FICTIONAL ADDRESS TO THE ASSEMBLY OF VELL\n \nMarch 3, 2031\n\n"
    "Members of the Assembly: the harbour is open. We said so on Nov. 10, and we meant it.\n\n"
    "The tide will not wait. “We act,” the Minister said.\n"
)
LATIN = "Fellow citizens of Marren, the café is open and the road is built.\n\nWe will not rest.\n"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(
        f"benchmarks.{name}", PROJECT_ROOT / "benchmarks" / f"{name}.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def bench_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "benchmark"
    (folder / "state_union").mkdir(parents=True)
    (folder / "inaugural").mkdir()
    (folder / "state_union" / "2031-Dapo.txt").write_text(HEADED, encoding="utf-8")
    (folder / "inaugural" / "2030-Marren.txt").write_bytes(LATIN.encode("cp1252"))
    (folder / "README.md").write_text("not a speech\n", encoding="utf-8")
    return folder


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(RUNNER), *args],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_reads_decodes_and_strips_explicitly(bench_dir):
    corpus = _load("corpus")
    documents = {doc.doc_id: doc for doc in corpus.read_benchmark(bench_dir)}
    assert list(documents) == ["inaugural/2030-Marren", "state_union/2031-Dapo"]
    latin, headed = documents["inaugural/2030-Marren"], documents["state_union/2031-Dapo"]
    assert (latin.encoding, headed.encoding) == ("cp1252", "utf-8")
    assert "café" in latin.text
    assert latin.front_matter == ()
    assert headed.front_matter == ("A FICTIONAL ADDRESS TO THE ASSEMBLY OF VELL", "March 3, 2031")
    assert headed.text.startswith("Members of the Assembly:")
    report = "\n".join(corpus.describe(documents.values()))
    assert "1 file(s) are not valid UTF-8 and were decoded as cp1252 explicitly" in report
    assert "  - inaugural/2030-Marren" in report
    assert "front matter stripped from 1 file(s): 1 title and date lines" in report


def test_scaled_copies_have_distinct_ids(bench_dir):
    corpus = _load("corpus")
    documents = corpus.read_benchmark(bench_dir)
    texts = corpus.scaled(documents, 3)
    assert len(texts) == 6 and len(set(texts)) == 6
    assert "state_union/2031-Dapo#3" in texts
    assert corpus.scaled(documents, 1) == {doc.doc_id: doc.text for doc in documents}
    with pytest.raises(ValueError, match="scale=0"):
        corpus.scaled(documents, 0)


def test_runner_table_and_json(bench_dir, tmp_path):
    out = tmp_path / "latest.json"
    done = _run("--data", str(bench_dir), "--scale", "2", "--only", "corpus", "--jobs", "1",
                "--out", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "decoded as cp1252 explicitly" in done.stdout
    assert "- inaugural/2030-Marren" in done.stdout
    assert "| stage | input | tokens | seconds | CPU s | tokens/s | peak MB |" in done.stdout
    report = json.loads(out.read_text(encoding="utf-8"))
    assert set(report) >= {"created", "machine", "data", "corpus", "memory", "rows"}
    assert any("inaugural/2030-Marren" in line for line in report["corpus"])
    rows = report["rows"]
    assert [(row["stage"], row["scale"]) for row in rows] == [
        ("plain NLTK (Punkt + Treebank + FreqDist)", 1),
        ("corpus pipeline, n_jobs=1", 1),
        ("plain NLTK (Punkt + Treebank + FreqDist)", 2),
        ("corpus pipeline, n_jobs=1", 2),
    ]
    for row in rows:
        assert "error" not in row, row
        assert {"tokens", "seconds", "cpu_seconds", "tokens_per_second", "peak_mb"} <= set(row)
        assert row["peak_mb"] > 0
    ours = [row for row in rows if row["stage"].startswith("corpus")]
    assert ours[1]["tokens"] == 2 * ours[0]["tokens"]  # the x2 copies are all tokenised
    assert all("speedup" in row and "speedup_cpu" in row for row in ours)


def test_unavailable_stage_is_reported_not_fatal(bench_dir, tmp_path):
    run = _load("run")
    row = run._stage_row("topics", 1, 10, {}, [], tmp_path, 120.0)
    if run._stage_available("topics") is None:
        assert row["status"].startswith("skipped: the token tables")
    else:
        assert row["status"].startswith("skipped: not available")
    assert "skipped" in run.markdown({"rows": [row]})


def test_polite_skip_without_the_folder(tmp_path):
    out = tmp_path / "latest.json"
    done = _run("--data", str(tmp_path / "absent"), "--out", str(out))
    assert done.returncode == 0
    assert done.stdout.startswith("skipped: the benchmark folder")
    assert not out.exists()


def test_bad_option_is_refused(bench_dir):
    done = _run("--data", str(bench_dir), "--only", "speed")
    assert done.returncode == 2
    assert "--only 'speed' is not one of: 'corpus', 'key_terms', 'sentiment', 'topics'" in (
        done.stderr
    )
