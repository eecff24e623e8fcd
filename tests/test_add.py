"""Adding documents: every bad input is refused with a message, and the corpus stays as it was."""

import hashlib
import shutil

import pytest
from _files import snapshot

import analysis.corpus.recovery as recovery_module
from analysis.corpus import add_documents, load_corpus
from analysis.errors import CorpusError

SPEECH = "Friends, we meet again.\n\nWe must act together, and we will.\n"
META = {"title": "A speech", "speaker": "Aldo Marren", "date": "2022-05-01"}


@pytest.fixture
def corpus(tmp_path, corpus_multi):
    return shutil.copytree(corpus_multi, tmp_path / "corpus")


@pytest.fixture
def speech(tmp_path):
    path = tmp_path / "speech.txt"
    path.write_text(SPEECH, "utf-8")
    return path


def refused(corpus, files, metadata, message, **options):
    before = snapshot(corpus)
    with pytest.raises(CorpusError, match=message):
        add_documents(files, metadata, corpus=corpus, **options)
    assert snapshot(corpus) == before, "a refused add changed the corpus"


def test_a_valid_speech_is_added_with_checksum_and_generated_id(corpus, speech):
    (doc_id,) = add_documents([speech], [META], corpus=corpus)
    assert doc_id == "2022-05-01-marren"  # "A speech": no key word
    loaded = load_corpus(corpus)
    row = loaded.documents.set_index("doc_id").loc[doc_id]
    assert row["text"] == SPEECH.strip()
    assert row["sha256"] == hashlib.sha256(SPEECH.encode()).hexdigest()
    assert len(loaded.documents) == 5


def test_an_empty_file_is_refused(corpus, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n", "utf-8")
    refused(corpus, [empty], [META], "empty.txt: is empty")


def test_a_binary_file_is_refused(corpus, tmp_path):
    binary = tmp_path / "picture.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    refused(corpus, [binary], [META], "looks like a binary file")


def test_a_non_utf8_file_is_refused_with_a_hint_to_pass_its_encoding(corpus, tmp_path):
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\u00e9 diplomacy, na\u00efve hopes.".encode("latin-1"))
    refused(corpus, [latin], [META], r"encoding: is not valid UTF-8 \(byte 0xe9.*--encoding")


def test_an_explicit_encoding_transcodes_to_utf8_and_says_so(corpus, tmp_path):
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\u00e9 diplomacy, na\u00efve hopes.".encode("cp1252"))
    (doc_id,) = add_documents([latin], [META], corpus=corpus, encoding="cp1252")
    stored = (corpus / "texts" / f"{doc_id}.txt").read_text("utf-8")
    assert stored == "Caf\u00e9 diplomacy, na\u00efve hopes."
    notes = load_corpus(corpus).documents.set_index("doc_id").loc[doc_id, "notes"]
    assert "Transcoded from cp1252 to UTF-8" in notes


def test_mojibake_is_refused(corpus, tmp_path):
    garbled = tmp_path / "garbled.txt"
    garbled.write_text("China\u00e2\u20ac\u2122s stance", "utf-8")
    refused(corpus, [garbled], [META], "looks mis-encoded at line 1")


def test_an_unknown_encoding_is_refused(corpus, speech):
    refused(corpus, [speech], [META], "unknown encoding 'klingon'", encoding="klingon")


@pytest.mark.parametrize("date", ["2022-5-1", "01/05/2022", "yesterday"])
def test_a_malformed_date_is_refused(corpus, speech, date):
    refused(
        corpus, [speech], [{**META, "date": date}], "date: .* is not a date in the form YYYY-MM-DD"
    )


def test_a_date_in_the_right_form_that_does_not_exist_is_named_as_such(corpus, speech):
    refused(
        corpus,
        [speech],
        [{**META, "date": "2022-02-30"}],
        "date: '2022-02-30' has the right form but is not a calendar date",
    )


@pytest.mark.parametrize("field", ["title", "speaker", "date"])
def test_required_fields_are_named(corpus, speech, field):
    refused(corpus, [speech], [{**META, field: ""}], f"is required \\(give --{field}\\)")


def test_a_duplicate_id_is_refused(corpus, speech):
    refused(
        corpus,
        [speech],
        [{**META, "id": "2019-11-03-marren-assembly"}],
        "'2019-11-03-marren-assembly' is already used by the corpus",
    )


def test_a_duplicate_text_is_refused(corpus):
    existing = corpus / "texts" / "2020-06-15-dapo-coastal-pact.txt"
    refused(corpus, [existing], [META], "same text as document '2020-06-15-dapo-coastal-pact'")


@pytest.mark.parametrize("doc_id", ["../escape", "a/b", "UPPER", "dot.txt", "-x", "a" * 81])
def test_an_id_that_could_escape_the_corpus_is_refused(corpus, speech, doc_id):
    refused(corpus, [speech], [{**META, "id": doc_id}], "is not a valid id")


def test_a_batch_is_all_or_nothing(corpus, speech, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", "utf-8")
    refused(corpus, [speech, empty], [META, {**META, "title": "Other"}], "empty.txt: is empty")


def test_a_batch_with_the_same_text_twice_is_refused(corpus, speech):
    refused(corpus, [speech, speech], [META, {**META, "title": "Copy"}], "same text as document")


def test_a_failure_while_writing_leaves_the_corpus_as_it_was(corpus, speech, monkeypatch):
    real_write = recovery_module.write_atomically

    def failing_write(path, data):
        if path.name == "metadata.csv":
            raise OSError(28, "No space left on device", str(path))
        real_write(path, data)

    monkeypatch.setattr(recovery_module, "write_atomically", failing_write)
    before = snapshot(corpus)
    with pytest.raises(CorpusError, match=r"No space left on device.*nothing was added"):
        add_documents([speech], [META], corpus=corpus)
    assert snapshot(corpus) == before
    assert load_corpus(corpus).documents.shape[0] == 4


def test_a_lock_left_by_a_dead_process_does_not_block(corpus, speech):
    (corpus / ".add.lock").write_text("999999\n")  # what a killed add leaves: no one holds it
    assert add_documents([speech], [META], corpus=corpus)
    assert not (corpus / ".add.lock").exists()


def test_a_lock_held_by_a_live_add_is_reported(corpus, speech):
    with recovery_module.locked(corpus):
        refused(corpus, [speech], [META], r"another `add` \(process \d+\) is changing")


def test_header_lines_must_leave_a_body(corpus, speech):
    refused(
        corpus,
        [speech],
        [{**META, "header_lines": "9"}],
        "leaves no body text after 9 header lines",
    )


def test_header_lines_are_front_matter_not_body(corpus, tmp_path):
    report = tmp_path / "report.txt"
    report.write_text("TITLE OF THE ADDRESS\n \nApril 16, 1945\n\nMr. Speaker, we meet.\n", "utf-8")
    (doc_id,) = add_documents([report], [{**META, "header_lines": "3"}], corpus=corpus)
    document = load_corpus(corpus).documents.set_index("doc_id").loc[doc_id]
    assert document["text"] == "Mr. Speaker, we meet."
    assert document["body_start"] == len("TITLE OF THE ADDRESS\n \nApril 16, 1945\n\n")
