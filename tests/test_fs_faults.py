"""File-system faults: unreadable files, a read-only corpus, a full disk give one line, status 2.

We run as root, whose override of permissions would hide the faults: the command runs as
``nobody`` through ``setpriv`` (util-linux). A read-only folder and a full disk are small tmpfs
mounts (mounting needs root). Each case skips, saying why, where its tool is missing.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from _files import snapshot

pytestmark = pytest.mark.e2e

SPEECH = "We meet again. We must act together, and we will keep the peace.\n"
OPTIONS = ["--title", "T", "--speaker", "Aldo Marren", "--date", "2022-04-01"]


def run(*args, user=None):
    prefix = []
    if user:
        if os.geteuid() != 0 or not shutil.which("setpriv"):
            pytest.skip("needs root and setpriv to run the command as an unprivileged user")
        prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    return subprocess.run(
        [*prefix, sys.executable, "-m", "analysis", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "HOME": "/tmp"},
    )


def one_line(result, *fragments):
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


@pytest.fixture
def shared(corpus_multi):
    """A corpus copy that ``nobody`` can reach (pytest's own temporary folders are private)."""
    folder = Path(tempfile.mkdtemp(prefix="fs-faults-"))
    folder.chmod(0o755)
    corpus = shutil.copytree(corpus_multi, folder / "corpus")
    (folder / "speech.txt").write_text(SPEECH, "utf-8")
    yield corpus
    shutil.rmtree(folder)


@pytest.fixture
def tmpfs(tmp_path):
    mounted = []

    def mount(size: str, *, read_only=False) -> Path:
        point = tmp_path / f"mount{len(mounted)}"
        point.mkdir()
        result = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)],
            capture_output=True,
            text=True,
        )
        if result.returncode:
            pytest.skip(f"cannot mount a tmpfs ({result.stderr.strip() or 'not root'})")
        mounted.append(point)
        return point

    yield mount
    for point in mounted:
        subprocess.run(["umount", str(point)], check=False)


def test_an_unreadable_text_is_a_problem_not_a_traceback(shared):
    text = next((shared / "texts").glob("*.txt"))
    text.chmod(0)
    result = run("validate", "--corpus", shared, user="nobody")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"error: {text}: cannot be used (Permission denied)" in result.stdout


def test_an_unreadable_metadata_csv(shared):
    (shared / "metadata.csv").chmod(0)
    one_line(run("validate", "--corpus", shared, user="nobody"), "metadata.csv", "Permission")


def test_an_unreadable_texts_folder(shared):
    (shared / "texts").chmod(0)
    one_line(run("validate", "--corpus", shared, user="nobody"), "texts", "Permission denied")


def test_an_unreadable_speech(shared):
    speech = shared.parent / "speech.txt"
    speech.chmod(0)
    for path in [shared, *shared.rglob("*")]:
        os.chown(path, 65534, 65534)  # a corpus nobody may write to: only the speech is locked
    result = run("add", speech, *OPTIONS, "--corpus", shared, user="nobody")
    one_line(result, str(speech), "Permission denied")


def test_a_corpus_the_user_cannot_write(shared):
    before = snapshot(shared)
    result = run("add", shared.parent / "speech.txt", *OPTIONS, "--corpus", shared, user="nobody")
    one_line(result, ".add.lock", "cannot write here (Permission denied)")
    assert snapshot(shared) == before


def test_a_read_only_corpus(tmpfs, corpus_multi, tmp_path):
    point = tmpfs("1m")
    corpus = shutil.copytree(corpus_multi, point / "corpus")
    subprocess.run(["mount", "-o", "remount,ro", str(point)], check=True)
    before = snapshot(corpus)
    speech = tmp_path / "speech.txt"
    speech.write_text(SPEECH, "utf-8")
    one_line(run("add", speech, *OPTIONS, "--corpus", corpus), "Read-only file system")
    assert snapshot(corpus) == before


def test_a_full_disk_rolls_back(tmpfs, corpus_multi, tmp_path):
    point = tmpfs("64k")
    corpus = shutil.copytree(corpus_multi, point / "corpus")
    before = snapshot(corpus)
    speech = tmp_path / "speech.txt"
    speech.write_text(SPEECH * 3000, "utf-8")  # about 200 KB
    result = run("add", speech, *OPTIONS, "--corpus", corpus)
    one_line(result, "No space left on device", "nothing was added")
    assert snapshot(corpus) == before
    assert not [path for path in corpus.rglob(".*") if ".cache" not in path.parts]
