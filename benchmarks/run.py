"""The project's benchmark: corpus pipeline vs plain NLTK, then key terms, sentiment and topics.

Run from the project root (``make bench`` does)::

    .venv/bin/python benchmarks/run.py [--data DIR] [--scale 10] [--only corpus,sentiment]

It reads the benchmark speeches (:mod:`benchmarks.corpus`; about 0.5 million words) and the same
speeches repeated ``--scale`` times under distinct document ids, and measures, each in a **fresh
subprocess** so that no import, cache or warm-up is shared between measurements:

``corpus``
    ``analysis.corpus.tables.build_tables`` (paragraphs, sentences, voice, tokens: the tidy tables)
    with
    one and with two processes, beside a plain NLTK pipeline on the same input in the same run:
    ``PunktSentenceTokenizer()`` (untrained: NLTK's pretrained English Punkt model would have
    to be downloaded, which this project does not do) + ``TreebankWordTokenizer().tokenize`` per
    sentence + ``FreqDist.update``.
``key_terms``, ``sentiment``, ``topics``
    ``benchmarks/key_terms.py``, ``sentiment.py`` and ``topics.py`` (owned by their modules'
    authors) given the token table, the sentences' texts and the documents' texts; a module
    that cannot be imported gives a "skipped: not available" row. The scaled run of a stage is
    skipped when its unscaled run predicts more than ``--stage-budget`` seconds.

Figures: wall-clock seconds; CPU seconds (user + system, of the process and its reaped worker
processes); tokens per wall-clock second; peak resident memory in MB from
``resource.getrusage(...).ru_maxrss`` of the measuring process (the whole process: interpreter,
libraries, input text and result tables), with the largest worker's peak beside it when there are
workers. The speed-up is plain NLTK's time divided by ours on the same input (wall-clock; the
CPU-time ratio in brackets, which is the steadier figure when other programs share the cores).
Each measurement also records the one-minute load average before and after it
(``load_average``), since a busy machine slows the wall clock of every figure.

The Markdown table is printed and the figures written as JSON to ``build/benchmarks/latest.json``.
Without the benchmark folder the script says why and exits 0.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import pickle
import platform
import resource
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
# run as a script, Python puts benchmarks/ first on the path, where sentiment.py or topics.py
# could shadow other modules: put the project root there instead, so `benchmarks.*` imports
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path[0] = str(PROJECT_ROOT)
elif str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from benchmarks.corpus import (  # noqa: E402
    DEFAULT_DIR,
    ENV_VAR,
    benchmark_dir,
    describe,
    read_benchmark,
    scaled,
)

GROUPS = ("corpus", "key_terms", "sentiment", "topics")
STAGE_MODULES = {
    "key_terms": "benchmarks.key_terms",
    "sentiment": "benchmarks.sentiment",
    "topics": "benchmarks.topics",
}
DEFAULT_OUT = PROJECT_ROOT / "build" / "benchmarks" / "latest.json"
_WORKER_TIMEOUT = 3 * 60 * 60


# ---------------------------------------------------------------------------------------------
# measuring, inside a fresh subprocess


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports kilobytes


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _measure(task):
    """Run ``task()`` and return its result with wall seconds, CPU seconds and peak memory."""
    start_mb = _peak_mb(resource.RUSAGE_SELF)
    wall, cpu = time.perf_counter(), _cpu_seconds()
    result = task()
    wall, cpu = time.perf_counter() - wall, _cpu_seconds() - cpu
    return result, {
        "seconds": round(wall, 3),
        "cpu_seconds": round(cpu, 3),
        "start_mb": round(start_mb, 1),
        "peak_mb": round(_peak_mb(resource.RUSAGE_SELF), 1),
        "worker_peak_mb": round(_peak_mb(resource.RUSAGE_CHILDREN), 1) or None,
    }


def _nltk_pipeline(texts: dict[str, str]) -> int:
    from nltk import FreqDist
    from nltk.tokenize import TreebankWordTokenizer
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    sentences, words, counts = PunktSentenceTokenizer(), TreebankWordTokenizer(), FreqDist()
    n_tokens = 0
    for text in texts.values():
        for sentence in sentences.tokenize(text):
            tokens = words.tokenize(sentence)
            n_tokens += len(tokens)
            counts.update(tokens)
    return n_tokens


def _worker(job: dict) -> dict:
    """One measurement, described by ``job``; runs in its own interpreter."""
    if job["kind"] == "stage":
        with open(job["tables"], "rb") as handle:
            tables = pickle.load(handle)
        module = importlib.import_module(STAGE_MODULES[job["stage"]])
        argument = {
            "key_terms": lambda: tables["tokens"],
            "sentiment": lambda: tables["sentences"],
            "topics": lambda: tables["texts"],
        }[job["stage"]]()
        records, figures = _measure(lambda: module.run(argument))
        return {**figures, "tokens": tables["n_tokens"], "records": _jsonable(records)}

    texts = scaled(read_benchmark(job["data"]), job["scale"])
    if job["kind"] == "nltk":
        import nltk  # noqa: F401  (imported before the clock starts, as analysis is below)

        n_tokens, figures = _measure(lambda: _nltk_pipeline(texts))
        return {**figures, "tokens": n_tokens}

    from analysis.corpus.tables import build_tables

    (_, sentences, tokens), figures = _measure(lambda: build_tables(texts, n_jobs=job["n_jobs"]))
    result = {**figures, "tokens": len(tokens), "words": int(tokens["is_word"].sum())}
    if job.get("save"):
        with open(job["save"], "wb") as handle:
            pickle.dump(
                {
                    "tokens": tokens,
                    "sentences": sentences["text"].tolist(),
                    "texts": list(texts.values()),
                    "n_tokens": len(tokens),
                },
                handle,
                protocol=pickle.HIGHEST_PROTOCOL,
            )
    return result


def _jsonable(value):
    return json.loads(json.dumps(value, default=str))


def _spawn(job: dict, workdir: Path, *, timeout: float = _WORKER_TIMEOUT) -> dict:
    """Run one job in a fresh interpreter; return its figures or ``{"error": ...}``."""
    spec, out = workdir / "job.json", workdir / "result.json"
    spec.write_text(json.dumps(job), encoding="utf-8")
    out.unlink(missing_ok=True)
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    # other programs on the machine take CPU from a measurement: say how busy it was, per row
    load_before = os.getloadavg()[0]
    try:
        completed = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--worker", str(spec), str(out)],
            cwd=PROJECT_ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {"error": f"stopped after {timeout:.0f} s"}
    if completed.returncode != 0 or not out.is_file():
        lines = (completed.stderr or completed.stdout).strip().splitlines()
        return {"error": lines[-1] if lines else f"exit status {completed.returncode}"}
    figures = json.loads(out.read_text(encoding="utf-8"))
    figures["load_average"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    return figures


# ---------------------------------------------------------------------------------------------
# orchestrating and reporting


def _row(stage: str, scale: int, words: int, figures: dict, **extra) -> dict:
    row = {"stage": stage, "scale": scale, "input": f"x{scale} ({words:,} words)", **extra}
    row.update(figures)
    if "tokens" in figures and figures.get("seconds"):
        row["tokens_per_second"] = round(figures["tokens"] / figures["seconds"])
    if "seconds" in figures:
        load = figures.get("load_average")
        print(
            f"    {figures['seconds']:.1f} s, {figures['cpu_seconds']:.1f} CPU s, "
            f"peak {figures['peak_mb']:.0f} MB"
            + (f", load average {load[0]:.1f} -> {load[1]:.1f}" if load else ""),
            flush=True,
        )
    elif "error" in figures or "status" in extra:
        print(f"    {extra.get('status') or figures['error']}", flush=True)
    return row


def _code_version() -> dict:
    """The commit measured, and whether the working tree had changes (they are measured too)."""

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", *args], cwd=PROJECT_ROOT, capture_output=True, text=True, check=False
        )
        return done.stdout.strip() if done.returncode == 0 else ""

    changed = git("status", "--porcelain", "--untracked-files=no", "--", "analysis", "benchmarks")
    return {
        "commit": git("rev-parse", "--short", "HEAD") or None,
        "uncommitted_changes": changed.splitlines(),
    }


def _stage_available(stage: str) -> str | None:
    """None if the stage's module imports, else why not."""
    try:
        module = importlib.import_module(STAGE_MODULES[stage])
    except Exception as error:  # any import failure means "not available", with the reason
        return f"{type(error).__name__}: {error}"
    return None if callable(getattr(module, "run", None)) else "it has no run() function"


def run_benchmarks(
    data: Path, *, scales: list[int], groups: list[str], jobs: list[int], budget: float
) -> dict:
    """Every measurement, as a dict ready for JSON (see the module docstring)."""
    documents = read_benchmark(data)
    n_words = sum(doc.n_words for doc in documents)
    rows: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="discourse-bench-") as tmp:
        workdir = Path(tmp)
        tables_at: dict[int, Path] = {}
        for scale in scales:
            words = n_words * scale
            need_tables = any(group in groups for group in STAGE_MODULES)
            save = workdir / f"tables-x{scale}.pkl" if need_tables else None
            if "corpus" in groups:
                print(f"  x{scale}: plain NLTK ...", flush=True)
                baseline = _spawn({"kind": "nltk", "data": str(data), "scale": scale}, workdir)
                rows.append(
                    _row("plain NLTK (Punkt + Treebank + FreqDist)", scale, words, baseline)
                )
                for n_jobs in jobs:
                    print(f"  x{scale}: build_tables(n_jobs={n_jobs}) ...", flush=True)
                    job = {"kind": "tables", "data": str(data), "scale": scale, "n_jobs": n_jobs}
                    if save and n_jobs == max(jobs):
                        job["save"] = str(save)
                    figures = _spawn(job, workdir)
                    row = _row(f"corpus pipeline, n_jobs={n_jobs}", scale, words, figures)
                    if "error" not in figures and "error" not in baseline:
                        row["speedup"] = round(baseline["seconds"] / figures["seconds"], 2)
                        row["speedup_cpu"] = round(
                            baseline["cpu_seconds"] / figures["cpu_seconds"], 2
                        )
                    rows.append(row)
            elif save:
                print(f"  x{scale}: build_tables for the stages ...", flush=True)
                job = {"kind": "tables", "data": str(data), "scale": scale, "n_jobs": max(jobs)}
                _spawn({**job, "save": str(save)}, workdir)
            if save and save.is_file():
                tables_at[scale] = save
            for stage in STAGE_MODULES:
                if stage not in groups:
                    continue
                rows.append(_stage_row(stage, scale, words, tables_at, rows, workdir, budget))
    return {
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        },
        "code": _code_version(),
        "data": str(data),
        "corpus": describe(documents),
        "memory": "peak RSS of the measuring process (resource.getrusage ru_maxrss)",
        "rows": rows,
    }


def _stage_row(stage, scale, words, tables_at, rows, workdir, budget) -> dict:
    name = f"{stage} ({STAGE_MODULES[stage].replace('.', '/')}.py)"
    missing = _stage_available(stage)
    if missing:
        return _row(name, scale, words, {}, status=f"skipped: not available ({missing})")
    if scale not in tables_at:
        return _row(name, scale, words, {}, status="skipped: the token tables could not be built")
    earlier = [r for r in rows if r["stage"] == name and r.get("seconds")]
    if earlier and earlier[0]["seconds"] * scale / earlier[0]["scale"] > budget:
        guess = earlier[0]["seconds"] * scale / earlier[0]["scale"]
        return _row(
            name,
            scale,
            words,
            {},
            status=f"skipped: x{earlier[0]['scale']} took {earlier[0]['seconds']:.0f} s, so "
            f"x{scale} would take about {guess:.0f} s (> --stage-budget {budget:.0f} s)",
        )
    print(f"  x{scale}: {stage} ...", flush=True)
    # a stage may scale worse than linearly: stop it at three budgets rather than wait for it
    job = {"kind": "stage", "stage": stage, "tables": str(tables_at[scale])}
    figures = _spawn(job, workdir, timeout=3 * budget)
    status = f"failed: {figures['error']}" if "error" in figures else "ok"
    return _row(name, scale, words, figures, status=status)


def _fmt(value, spec: str = ",.0f") -> str:
    return "–" if value is None else format(value, spec)


def markdown(report: dict) -> str:
    """The summary table (one row per measurement) and the stages' own records."""
    lines = [
        "| stage | input | tokens | seconds | CPU s | tokens/s | peak MB "
        "| speed-up vs plain NLTK | load |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    details = []
    for row in report["rows"]:
        if row.get("error") or str(row.get("status", "ok")) != "ok":
            reason = row.get("status") or f"failed: {row['error']}"
            lines.append(f"| {row['stage']} | {row['input']} | {reason} | | | | | | |")
            continue
        peak = _fmt(row.get("peak_mb"))
        if row.get("worker_peak_mb") and row["stage"].startswith("corpus"):
            peak += f" (+ workers ≤ {_fmt(row['worker_peak_mb'])})"
        speedup = "–"
        if "speedup" in row:
            speedup = f"{row['speedup']:.2f}× ({row['speedup_cpu']:.2f}× CPU)"
        load = row.get("load_average")
        load = f"{load[0]:.1f}–{load[1]:.1f}" if load else "–"
        lines.append(
            f"| {row['stage']} | {row['input']} | {_fmt(row.get('tokens'))} | "
            f"{_fmt(row.get('seconds'), '.1f')} | {_fmt(row.get('cpu_seconds'), '.1f')} | "
            f"{_fmt(row.get('tokens_per_second'))} | {peak} | {speedup} | {load} |"
        )
        for record in row.get("records") or []:
            label = " / ".join(
                str(record[key]) for key in ("task", "variant", "step", "model") if key in record
            )
            rest = ", ".join(
                f"{key}={value}"
                for key, value in record.items()
                if key not in ("task", "variant", "step", "model")
            )
            details.append(f"- x{row['scale']} {label}: {rest}")
    text = "\n".join(lines)
    if details:
        text += "\n\nStage details (as each stage module reports them):\n\n" + "\n".join(details)
    return text


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data", type=Path, help=f"benchmark folder (default: ${ENV_VAR} or {DEFAULT_DIR})"
    )
    parser.add_argument("--scale", type=int, default=10, help="the scaled run's factor (1: none)")
    parser.add_argument(
        "--only", default=",".join(GROUPS), help="comma-separated: " + ", ".join(GROUPS)
    )
    parser.add_argument("--jobs", default="1,2", help="n_jobs values for build_tables")
    parser.add_argument("--stage-budget", type=float, default=120.0, help="seconds (see above)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON output file")
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks named on the command line; return the exit status."""
    args = _parse(argv)
    if args.worker:
        job = json.loads(Path(args.worker[0]).read_text(encoding="utf-8"))
        try:
            result = _worker(job)
        except Exception:
            traceback.print_exc()
            return 1
        Path(args.worker[1]).write_text(json.dumps(result), encoding="utf-8")
        return 0

    groups = [group.strip() for group in args.only.split(",") if group.strip()]
    unknown = [group for group in groups if group not in GROUPS]
    if unknown:
        print(
            f"--only {unknown[0]!r} is not one of: {', '.join(map(repr, GROUPS))}",
            file=sys.stderr,
        )
        return 2
    if args.scale < 1:
        print(f"--scale {args.scale} must be at least 1", file=sys.stderr)
        return 2
    data = benchmark_dir(args.data)
    if not data.is_dir():
        print(
            f"skipped: the benchmark folder {data} is absent (put the speeches there, or pass "
            f"--data DIR or set DISCOURSE_BENCHMARK_DIR)"
        )
        return 0
    jobs = sorted({int(n) for n in args.jobs.split(",")})
    scales = [1] if args.scale == 1 else [1, args.scale]
    print(f"Benchmark corpora in {data}:")
    for line in describe(read_benchmark(data)):
        print(f"  {line}")
    print(f"Measuring (each in a fresh process; load average {os.getloadavg()[0]:.1f}):")
    report = run_benchmarks(data, scales=scales, groups=groups, jobs=jobs, budget=args.stage_budget)
    print()
    print(markdown(report))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nWritten to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
