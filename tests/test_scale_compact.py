"""Compact tables (issue 12): categorical strings and narrow integers, values unchanged.

Each table is cast back to the dtypes the corpus had before (``str`` strings, ``int32`` ids and
offsets) and compared with tables assembled here from each document's columns, decoded to plain
Python lists (codes to their strings), the way they were assembled before: on the seed, the
fixture corpus and, when present, the benchmark speeches.
"""

import numpy as np
import pandas as pd
import pytest

from analysis.corpus import store, tables
from analysis.corpus.load import Corpus
from analysis.corpus.voice import VOICES

_BEFORE_STRINGS = {"doc_id", "text", "token", "norm", "speaker"}
_BEFORE_CATEGORIES = {"kind": list(tables._KINDS), "voice": list(VOICES)}


def _before(corpus) -> dict[str, pd.DataFrame]:
    """The three tables as the code before compact tables made them, from per-document lists."""
    rows = corpus.documents.to_dict("records")
    parts: dict[str, list[pd.DataFrame]] = {name: [] for name in tables.SCHEMAS}
    for row in rows:
        columns = tables._document_columns(row["text"], store.voice_metadata(row))
        for name in parts:
            part = pd.DataFrame({key: _plain(key, value) for key, value in columns[name].items()})
            part.insert(0, "doc_id", row["doc_id"])
            parts[name].append(part)
    result = {}
    for name, schema in tables.SCHEMAS.items():
        table = pd.concat(parts[name], ignore_index=True)[schema.names]
        for column in schema.names:
            if column in _BEFORE_STRINGS:
                table[column] = table[column].astype("str")
            elif column in _BEFORE_CATEGORIES:
                table[column] = pd.Categorical(table[column], categories=_BEFORE_CATEGORIES[column])
            elif not column.startswith("is_"):
                table[column] = table[column].astype(np.int32)
        result[name] = table
    return result


def _plain(column: str, values) -> list:
    """A document's column as a plain list: strings for codes, Python numbers for arrays."""
    if isinstance(values, tables._Coded):
        return [values.values[code] if code >= 0 else None for code in values.codes.tolist()]
    if column in _BEFORE_CATEGORIES and isinstance(values, np.ndarray):
        return [_BEFORE_CATEGORIES[column][code] for code in values.tolist()]
    return list(values.tolist() if isinstance(values, np.ndarray) else values)


def _assert_same_values(corpus) -> None:
    for name, expected in _before(corpus).items():
        actual = getattr(corpus, name)
        pd.testing.assert_frame_equal(actual.astype(expected.dtypes.to_dict()), expected)


def test_seed_tables_hold_the_values_they_held_before(seed_corpus):
    _assert_same_values(seed_corpus)


def test_fixture_tables_hold_the_values_they_held_before(multi_corpus):
    _assert_same_values(multi_corpus)


def test_speech_tables_hold_the_values_they_held_before(speech_corpus):
    _assert_same_values(speech_corpus)


def test_repeated_strings_are_categorical_in_lexical_order(multi_corpus):
    assert (
        multi_corpus.sentences["doc_id"].dtype == multi_corpus.sentences["speaker"].dtype == "str"
    )
    assert multi_corpus.paragraphs["doc_id"].dtype == "str"
    for name, column in [("tokens", c) for c in ("doc_id", "token", "norm", "speaker")]:
        values = getattr(multi_corpus, name)[column]
        assert isinstance(values.dtype, pd.CategoricalDtype), (name, column)
        categories = values.cat.categories.tolist()
        assert categories == sorted(categories), (name, column)
        # only values that occur: a category never decides a count or a tie
        assert set(categories) == set(values.dropna()), (name, column)


def test_ids_are_int16_while_twice_the_largest_fits():
    text = "One. " * 20_000  # 20,000 sentences of two tokens: token ids pass 16,383
    _, sentences, tokens = tables.build_tables({"d": text})
    assert sentences["sentence_id"].dtype == np.int32  # 20,000 > 16,383
    assert tokens["paragraph_id"].dtype == np.int16
    assert tokens["token_id"].dtype == np.int32
    assert tokens["token_id"].iloc[-1] == 40_000
    _, _, small = tables.build_tables({"d": "One. Two."})
    assert small["token_id"].dtype == small["sentence_id"].dtype == np.int16


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_the_number_of_processes_does_not_change_the_categories(n_jobs, multi_corpus):
    rows = multi_corpus.documents.to_dict("records")
    texts = {row["doc_id"]: row["text"] for row in rows}
    meta = {row["doc_id"]: store.voice_metadata(row) for row in rows}
    built = tables.build_tables(texts, n_jobs=n_jobs, metadata=meta)
    for name, table in zip(tables.SCHEMAS, built, strict=True):
        pd.testing.assert_frame_equal(table, getattr(multi_corpus, name))


def test_paragraph_and_sentence_text_is_kept_once_and_cut_on_reading(multi_corpus):
    documents = multi_corpus.documents
    texts = dict(zip(documents["doc_id"], documents["text"], strict=True))
    for name in ("paragraphs", "sentences"):
        table = getattr(multi_corpus, name)
        assert table.columns.tolist() == tables.SCHEMAS[name].names
        assert table["text"].dtype == "str"
        rows = zip(table["doc_id"], table["start"], table["end"], strict=True)
        expected = [texts[doc_id][start:end] for doc_id, start, end in rows]
        assert table["text"].tolist() == expected
        # the corpus does not hold the copy: what it keeps is smaller than what it hands out
        kept = multi_corpus.memory_usage()[name]
        assert kept < table.memory_usage(deep=True).sum() - table["text"].str.len().sum()
    # each read is a new table: changing it cannot change the corpus
    table = multi_corpus.sentences
    table.loc[0, "text"] = "changed"
    assert multi_corpus.sentences.loc[0, "text"] != "changed"


def test_a_text_that_is_not_the_documents_slice_is_kept_as_given(multi_corpus):
    sentences = multi_corpus.sentences.assign(text=lambda t: t["text"].str.upper())
    corpus = Corpus(
        multi_corpus.path,
        multi_corpus.documents,
        multi_corpus.paragraphs,
        sentences,
        multi_corpus.tokens,
    )
    pd.testing.assert_frame_equal(corpus.sentences, sentences)
    assert corpus.memory_usage()["sentences"] == sentences.memory_usage(deep=True).sum()
    # a table naming a document the corpus lacks keeps its text too
    stray = multi_corpus.paragraphs.assign(doc_id="not-a-document")
    kept = Corpus(multi_corpus.path, multi_corpus.documents, stray, sentences, multi_corpus.tokens)
    pd.testing.assert_frame_equal(kept.paragraphs, stray)


def test_a_corpus_is_read_only(seed_corpus):
    with pytest.raises(AttributeError, match="read-only"):
        seed_corpus.tokens = seed_corpus.tokens.head()
