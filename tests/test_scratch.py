"""Scratch copies: trying an addition there never touches the corpus it was copied from."""

import hashlib

import pytest

from analysis.corpus import load_corpus
from analysis.corpus.sandbox import copy_corpus, try_add
from analysis.errors import CorpusError
from analysis.paths import CORPUS_DIR


def fingerprint(folder):
    """The corpus's files; the store (``.cache/``) is derived, and any load may write it."""
    return {
        path.relative_to(folder): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and ".cache" not in path.relative_to(folder).parts
    }


def test_copy_then_add_leaves_the_shipped_corpus_alone(tmp_path):
    before = fingerprint(CORPUS_DIR)
    scratch = copy_corpus(into=tmp_path)
    assert fingerprint(scratch) == before
    speech = tmp_path / "speech.txt"
    speech.write_text("We will build three bridges in Tarvel.\n", encoding="utf-8")
    meta = {"title": "Bridges", "speaker": "Mira Orla", "date": "2030-01-10", "id": "orla"}
    assert try_add([speech], [meta], corpus=scratch) == "added: orla"
    assert len(load_corpus(scratch).documents) == 2
    assert fingerprint(CORPUS_DIR) == before


def test_a_refusal_is_returned_as_text_and_writes_nothing(tmp_path):
    scratch = copy_corpus(into=tmp_path)
    before = fingerprint(scratch)
    speech = tmp_path / "speech.txt"
    speech.write_text("We will build three bridges.\n", encoding="utf-8")
    meta = {"title": "Bridges", "speaker": "Mira Orla", "date": "10/01/2030"}
    outcome = try_add([speech], [meta], corpus=scratch)
    assert outcome.startswith("refused: ") and "is not a date in the form YYYY-MM-DD" in outcome
    assert fingerprint(scratch) == before


def test_copy_refuses_a_used_folder_and_a_folder_that_is_no_corpus(tmp_path):
    copy_corpus(into=tmp_path)
    with pytest.raises(CorpusError, match="exists already"):
        copy_corpus(into=tmp_path)
    with pytest.raises(CorpusError, match="not a corpus folder"):
        copy_corpus(tmp_path / "nowhere", into=tmp_path / "other")


def test_try_add_needs_an_explicit_corpus(tmp_path):
    with pytest.raises(ValueError, match="copy_corpus"):
        try_add([tmp_path / "x.txt"], [{}], corpus=None)
