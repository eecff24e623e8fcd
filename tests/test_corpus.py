"""Loading and validating a corpus: the table contract, immutability, determinism, errors."""

import shutil

import pandas as pd
import pytest
from _files import snapshot
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.corpus import add_documents, load_corpus, validate_corpus
from analysis.corpus.tables import PARAGRAPH_COLUMNS, SENTENCE_COLUMNS, TOKEN_COLUMNS
from analysis.errors import CorpusError


@pytest.fixture
def corpus_copy(tmp_path, corpus_multi):
    return shutil.copytree(corpus_multi, tmp_path / "corpus")


def test_tables_have_the_documented_columns(seed_corpus):
    assert list(seed_corpus.paragraphs.columns) == PARAGRAPH_COLUMNS
    assert list(seed_corpus.sentences.columns) == SENTENCE_COLUMNS
    assert list(seed_corpus.tokens.columns) == TOKEN_COLUMNS
    documents = seed_corpus.documents
    assert {"doc_id", "title", "speakers", "author", "date", "sha256", "text"} <= set(documents)
    assert pd.api.types.is_datetime64_any_dtype(documents["date"])
    tokens = seed_corpus.tokens
    assert tokens["is_word"].dtype == bool and tokens["is_stop"].dtype == bool
    assert list(tokens["voice"].cat.categories) == ["author", "quote", "reported"]


def test_seed_document_metadata_records_what_the_text_states(seed_corpus):
    document = seed_corpus.documents.iloc[0]
    assert document["author"] == "He Yin"
    assert document["speakers"] == "Xi Jinping"
    assert document["genre"] == "commentary"
    assert document["date"] == pd.Timestamp("2020-11-10")
    assert document["licence"] == ""
    # title and byline are metadata, not body
    assert document["text"].startswith("Chinese President Xi Jinping put forward")
    assert "By He Yin" not in document["text"]


def test_seed_counts(seed_corpus):
    assert len(seed_corpus.paragraphs) == 23
    assert len(seed_corpus.sentences) == 35
    assert seed_corpus.tokens["is_word"].sum() == 1020


def test_offsets_point_back_into_the_document_text(multi_corpus):
    texts = multi_corpus.documents.set_index("doc_id")["text"]
    for table, column in (
        (multi_corpus.tokens, "token"),
        (multi_corpus.sentences, "text"),
        (multi_corpus.paragraphs, "text"),
    ):
        for row in table.itertuples():
            assert texts[row.doc_id][row.start : row.end] == getattr(row, column)


def test_ids_are_ordered_and_consistent(multi_corpus):
    tokens = multi_corpus.tokens
    assert tokens["doc_id"].is_monotonic_increasing
    for _, group in tokens.groupby("doc_id"):
        assert group["token_id"].tolist() == list(range(1, len(group) + 1))
        assert group["sentence_id"].is_monotonic_increasing
        assert group["start"].is_monotonic_increasing
    joined = tokens.merge(
        multi_corpus.sentences, on=["doc_id", "sentence_id"], suffixes=("", "_sentence")
    )
    assert (joined["paragraph_id"] == joined["paragraph_id_sentence"]).all()
    assert (
        (joined["start"] >= joined["start_sentence"]) & (joined["end"] <= joined["end_sentence"])
    ).all()


def test_the_same_corpus_gives_identical_tables_with_one_or_two_processes(corpus_multi):
    one, two = load_corpus(corpus_multi, n_jobs=1), load_corpus(corpus_multi, n_jobs=2)
    for name in ("documents", "paragraphs", "sentences", "tokens"):
        pd.testing.assert_frame_equal(getattr(one, name), getattr(two, name))


def test_token_voice_separates_the_quotation_from_its_frame(seed_corpus):
    tokens = seed_corpus.tokens
    sentence = tokens[tokens["sentence_id"] == 3]
    frame = sentence[sentence["voice"] == "author"]["token"].tolist()
    assert frame == ["Xi", "said", "."]
    assert set(sentence[sentence["voice"] == "quote"]["speaker"]) == {"Xi Jinping"}


def test_stopwords_keep_pronouns_modals_and_negation(seed_corpus):
    flags = seed_corpus.tokens.drop_duplicates("norm").set_index("norm")["is_stop"]
    assert flags["the"] and flags["of"] and flags["and"]
    assert not flags["we"] and not flags["need"] and not flags["our"] and not flags["should"]


def test_loading_never_modifies_the_corpus_files(corpus_copy):
    before = snapshot(corpus_copy)
    load_corpus(corpus_copy)
    validate_corpus(corpus_copy)
    assert snapshot(corpus_copy) == before


def test_a_changed_raw_text_is_refused(corpus_copy):
    text = next((corpus_copy / "texts").glob("*.txt"))
    text.write_text(text.read_text("utf-8") + "An edit.", "utf-8")
    with pytest.raises(
        CorpusError, match="sha256: does not match the text file: raw texts are immutable"
    ):
        load_corpus(corpus_copy)
    assert not validate_corpus(corpus_copy).ok


def test_a_missing_text_file_is_named(corpus_copy):
    (corpus_copy / "texts" / "2020-06-15-dapo-coastal-pact.txt").unlink()
    with pytest.raises(
        CorpusError, match=r"line 3: doc_id: .*2020-06-15-dapo-coastal-pact.txt does not exist"
    ):
        load_corpus(corpus_copy)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda rows: [*rows[:2], rows[1], *rows[2:]],
            "'2019-11-03-marren-assembly' is used twice",
        ),
        (
            lambda rows: [rows[0], rows[1].replace("2019-11-03,", "2019-11-31,"), *rows[2:]],
            "date: '2019-11-31' has the right form but is not a calendar date",
        ),
        (lambda rows: [rows[0].replace("sha256", "checksum"), *rows[1:]], "missing column.*sha256"),
        (
            lambda rows: (
                [rows[0], rows[1].replace("2019-11-03-marren-assembly", "../escape", 1), *rows[2:]]
            ),
            "doc_id: '../escape' is not a valid id",
        ),
        (
            lambda rows: [rows[0], rows[1] + ",extra", *rows[2:]],
            "line 2 is malformed: it has 14 values but the header has 13 columns",
        ),
    ],
    ids=["duplicate-id", "bad-date", "missing-column", "unsafe-id", "extra-value"],
)
def test_broken_metadata_gets_a_message_that_names_the_problem(corpus_copy, edit, message):
    metadata = corpus_copy / "metadata.csv"
    rows = metadata.read_text("utf-8").splitlines()
    metadata.write_text("\n".join(edit(rows)) + "\n", "utf-8")
    with pytest.raises(CorpusError, match=message):
        load_corpus(corpus_copy)


def test_a_folder_without_metadata_is_not_a_corpus(tmp_path):
    with pytest.raises(CorpusError, match=r"not a corpus folder: it needs metadata\.csv"):
        load_corpus(tmp_path)


def test_an_empty_corpus_says_how_to_add_a_document(corpus_copy):
    metadata = corpus_copy / "metadata.csv"
    metadata.write_text(metadata.read_text("utf-8").splitlines()[0] + "\n", "utf-8")
    with pytest.raises(CorpusError, match="holds no documents"):
        load_corpus(corpus_copy)


def test_an_unlisted_text_file_is_a_warning_not_an_error(corpus_copy):
    (corpus_copy / "texts" / "stray.txt").write_text("A stray file.", "utf-8")
    result = validate_corpus(corpus_copy)
    assert result.ok
    assert any("stray.txt: not in metadata.csv" in warning for warning in result.warnings)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    body=st.text(
        alphabet=st.sampled_from(list("abc XYZ.,’'“”\n-1")), min_size=1, max_size=300
    ).filter(lambda s: s.strip())
)
def test_any_added_text_loads_with_offsets_that_point_back(tmp_path_factory, body):
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "texts").mkdir()
    (folder / "metadata.csv").write_text(
        "doc_id,title,speakers,author,date,event,genre,source,licence,notes,header_lines,sha256\n",
        "utf-8",
    )
    source = folder / "in.txt"
    source.write_text(body, "utf-8")
    add_documents([source], [{"title": "T", "speaker": "S", "date": "2020-01-01"}], corpus=folder)
    before = snapshot(folder)
    corpus = load_corpus(folder)
    text = corpus.documents.loc[0, "text"]
    assert all(text[t.start : t.end] == t.token for t in corpus.tokens.itertuples())
    assert snapshot(folder) == before


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Address at the Forum", "Remarks on the Pact", "Forum", ""]),
            st.sampled_from(["2020-01-02", "2021-05-06", ""]),
        ),
        max_size=12,
    )
)
def test_short_titles_are_unique_and_repeat_only_what_repeats(rows):
    from analysis.corpus.naming import short_title, short_titles

    doc_ids = [f"d{i}" for i in range(len(rows))]
    titles = [title for title, _ in rows]
    dates = [date for _, date in rows]
    result = short_titles(titles, dates, doc_ids)
    assert len(set(result)) == len(result)
    shorts = [short_title(title) for title in titles]
    for short, made in zip(shorts, result, strict=True):
        # a title that no other document shares keeps its plain short form
        assert (made == short) == (shorts.count(short) == 1)
