"""The command line, run end to end as a user runs it."""

import shutil
import subprocess
import sys

import pytest

pytestmark = pytest.mark.e2e


def run(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


@pytest.fixture
def corpus(tmp_path, corpus_multi):
    return shutil.copytree(corpus_multi, tmp_path / "corpus")


def test_validate_prints_a_summary_of_the_shipped_corpus():
    result = run("validate")
    assert result.returncode == 0, result.stderr
    assert "2020-11-10-he-yin-sco-security" in result.stdout
    assert "1 document(s), 1020 words; valid" in result.stdout


def test_validate_reports_problems_and_fails(corpus):
    (corpus / "texts" / "2020-06-15-dapo-coastal-pact.txt").write_text("edited", "utf-8")
    result = run("validate", "--corpus", str(corpus))
    assert result.returncode == 1
    assert "error: " in result.stdout and "sha256: does not match" in result.stdout
    assert "1 problem(s)" in result.stdout


def test_add_one_speech_then_validate(corpus, tmp_path):
    speech = tmp_path / "speech.txt"
    speech.write_text("We meet again. We must act.", "utf-8")
    result = run(
        "add",
        str(speech),
        "--title",
        "Spring address",
        "--speaker",
        "Aldo Marren",
        "--date",
        "2022-04-01",
        "--genre",
        "speech",
        "--corpus",
        str(corpus),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "added 2022-04-01-marren-spring"
    assert "5 document(s)" in run("validate", "--corpus", str(corpus)).stdout


def test_add_error_is_one_line_without_traceback_and_changes_nothing(corpus, tmp_path):
    speech = tmp_path / "speech.txt"
    speech.write_bytes("Caf\u00e9".encode("latin-1"))
    before = (corpus / "metadata.csv").read_bytes()
    result = run(
        "add",
        str(speech),
        "--title",
        "T",
        "--speaker",
        "S",
        "--date",
        "2022-04-01",
        "--corpus",
        str(corpus),
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "--encoding" in lines[0]
    assert "Traceback" not in result.stderr
    assert (corpus / "metadata.csv").read_bytes() == before


def test_add_many_files_from_a_metadata_table(corpus, tmp_path):
    (tmp_path / "one.txt").write_text("First speech text.", "utf-8")
    (tmp_path / "two.txt").write_text("Second speech text.", "utf-8")
    table = tmp_path / "speeches.csv"
    table.write_text(
        "file,title,speaker,date,genre\n"
        "one.txt,First,Aldo Marren,2022-01-01,speech\n"
        "two.txt,Second,Ines Dapo,2022-02-01,speech\n",
        "utf-8",
    )
    result = run(
        "add",
        str(tmp_path / "one.txt"),
        str(tmp_path / "two.txt"),
        "--metadata",
        str(table),
        "--corpus",
        str(corpus),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "added",
        "2022-01-01-marren-first",
        "added",
        "2022-02-01-dapo-second",
    ]


def test_add_from_a_table_with_a_bad_row_adds_nothing(corpus, tmp_path):
    (tmp_path / "one.txt").write_text("First speech text.", "utf-8")
    (tmp_path / "two.txt").write_text("Second speech text.", "utf-8")
    table = tmp_path / "speeches.csv"
    table.write_text(
        "file,title,speaker,date\n"
        "one.txt,First,Aldo Marren,2022-01-01\n"
        "two.txt,Second,Ines Dapo,02/01/2022\n",
        "utf-8",
    )
    before = (corpus / "metadata.csv").read_bytes()
    result = run(
        "add",
        str(tmp_path / "one.txt"),
        str(tmp_path / "two.txt"),
        "--metadata",
        str(table),
        "--corpus",
        str(corpus),
    )
    assert result.returncode == 2
    assert "two.txt: date: '02/01/2022' is not a date" in result.stderr
    assert (corpus / "metadata.csv").read_bytes() == before
    assert not (corpus / "texts" / "2022-01-01-marren-first.txt").exists()


def test_several_files_need_a_metadata_table(corpus, tmp_path):
    (tmp_path / "one.txt").write_text("One.", "utf-8")
    result = run(
        "add",
        str(tmp_path / "one.txt"),
        str(tmp_path / "one.txt"),
        "--title",
        "T",
        "--corpus",
        str(corpus),
    )
    assert result.returncode == 2
    assert "several files need --metadata" in result.stderr


def test_a_missing_corpus_folder_is_one_clear_line(tmp_path):
    result = run("validate", "--corpus", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "not a corpus folder" in result.stderr and "Traceback" not in result.stderr
