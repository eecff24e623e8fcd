"""An add interrupted at any step (SIGKILL, SIGTERM, SIGINT) leaves a corpus that is whole.

The command line runs in a child process with ``ANALYSIS_TEST_INTERRUPT=SIGNAL:N``, which makes it
send itself SIGNAL at its N-th write checkpoint (analysis.corpus.recovery.checkpoint): a batch of
12 files has 28 (journal 2, each text 2, metadata.csv 2). After each interruption the corpus must
validate, and after the clean-up the next add does by itself it must be byte for byte the corpus
before the add or the corpus after a complete one. The children are forked from the test process
(the package is already imported: a fresh interpreter costs seconds each); one test runs the real
command line in a new interpreter.
"""

import io
import os
import shutil
import signal
import subprocess
import sys

import pytest
from _files import snapshot

from analysis.__main__ import main
from analysis.corpus import add_documents, recovery, validate_corpus
from analysis.corpus.recovery import locked, repair

pytestmark = pytest.mark.e2e

N_FILES = 12
CHECKPOINTS = 2 + 2 * N_FILES + 2


@pytest.fixture(scope="module")
def batch(tmp_path_factory, corpus_multi):
    folder = tmp_path_factory.mktemp("batch")
    rows = ["file,title,speaker,date"]
    for number in range(N_FILES):
        (folder / f"s{number:02}.txt").write_text(
            f"Speech number {number}. We will keep the peace of the harbour and we must act.\n",
            "utf-8",
        )
        rows.append(f"s{number:02}.txt,Speech {number},Aldo Marren,2023-01-{number + 1:02}")
    (folder / "batch.csv").write_text("\n".join(rows) + "\n", "utf-8")
    complete = shutil.copytree(corpus_multi, folder / "complete")
    files = sorted(folder.glob("s*.txt"))
    metadata = [
        {"title": f"Speech {n}", "speaker": "Aldo Marren", "date": f"2023-01-{n + 1:02}"}
        for n in range(N_FILES)
    ]
    add_documents(files, metadata, corpus=complete)
    return folder, snapshot(complete)


def arguments(corpus, folder):
    files = [str(path) for path in sorted(folder.glob("s*.txt"))]
    return ["add", *files, "--metadata", str(folder / "batch.csv"), "--corpus", str(corpus)]


def add_interrupted(corpus, folder, fault) -> tuple[int, str]:
    """Run ``python -m analysis add`` in a forked child; its exit code (-N: killed) and stderr."""
    output = corpus.parent / "stderr.txt"
    pid = os.fork()
    if pid == 0:  # the child: never return into pytest
        code = 99
        try:
            descriptor = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
            os.dup2(descriptor, 1)
            os.dup2(descriptor, 2)
            sys.stdout = sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False))
            signal.signal(signal.SIGINT, signal.default_int_handler)
            os.environ["ANALYSIS_TEST_INTERRUPT"] = fault
            recovery._checkpoints = 0
            code = main(arguments(corpus, folder))
        finally:
            sys.stderr.flush()
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), output.read_text("utf-8")


@pytest.mark.parametrize(
    ("name", "at"),
    [
        (name, at)
        for name in ("SIGKILL", "SIGTERM", "SIGINT")
        for at in (1, 2, 3, 4, 9, 16, 23, CHECKPOINTS - 2, CHECKPOINTS - 1, CHECKPOINTS)
    ],
)
def test_an_interrupted_add_leaves_the_corpus_whole(tmp_path, corpus_multi, batch, name, at):
    folder, complete = batch
    corpus = shutil.copytree(corpus_multi, tmp_path / "corpus")
    before = snapshot(corpus)
    code, stderr = add_interrupted(corpus, folder, f"{name}:{at}")
    if name == "SIGKILL":
        assert code == -signal.SIGKILL
    else:
        assert code in (0, 2), stderr
        assert "Traceback" not in stderr
        assert len([line for line in stderr.splitlines() if line.startswith("error")]) <= 1
        assert all(line.startswith(("added ", "error: ")) for line in stderr.splitlines())
    validation = validate_corpus(corpus)
    assert validation.ok, validation.problems
    with locked(corpus):
        repair(corpus)
    assert snapshot(corpus) in (before, complete)
    if name != "SIGKILL" and code == 2:
        assert snapshot(corpus) == before  # a refused or rolled-back add changed nothing
    extra = tmp_path / "extra.txt"
    extra.write_text("One more speech. We must act and we will.", "utf-8")
    meta = {"title": "Extra", "speaker": "Ines Dapo", "date": "2024-01-01"}
    assert add_documents([extra], [meta], corpus=corpus) == ["2024-01-01-dapo-extra"]


def test_a_killed_add_is_cleaned_up_by_the_next_add_alone(tmp_path, corpus_multi, batch):
    folder, _ = batch
    corpus = shutil.copytree(corpus_multi, tmp_path / "corpus")
    result = subprocess.run(
        [sys.executable, "-m", "analysis", *arguments(corpus, folder)],
        capture_output=True,
        timeout=300,
        env={**os.environ, "ANALYSIS_TEST_INTERRUPT": "SIGKILL:12"},
    )
    assert result.returncode == -signal.SIGKILL
    assert any("python -m analysis repair" in w for w in validate_corpus(corpus).warnings)
    extra = tmp_path / "extra.txt"
    extra.write_text("One more speech. We must act and we will.", "utf-8")
    meta = {"title": "Extra", "speaker": "Ines Dapo", "date": "2024-01-01"}
    add_documents([extra], [meta], corpus=corpus)
    names = sorted(path.name for path in corpus.rglob("*") if ".cache" not in path.parts)
    assert not [name for name in names if name.startswith(".")], names
    assert len(list((corpus / "texts").glob("*.txt"))) == 5
