"""TF-IDF per group: hand values, scikit-learn cross-check, contract."""

import math

import numpy as np
import pandas as pd
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from analysis.keyterms._counting import toy_tokens
from analysis.keyterms.distinctive import distinctive_terms

DOCS = {"a": "peace peace trade the", "b": "trade war war war", "c": "peace trade talks"}


@pytest.fixture
def tokens():
    return pd.concat([toy_tokens(t, doc_id=d) for d, t in DOCS.items()], ignore_index=True)


def test_tf_idf_by_hand(tokens):
    out = distinctive_terms(tokens, top=None).set_index(["doc_id", "term"])
    row = out.loc[("a", "peace")]
    assert (row.n, row.n_total, row.n_groups_with, row.n_groups) == (2, 3, 2, 3)  # "the" dropped
    assert row.tf_idf == pytest.approx(2 / 3 * math.log(3 / 2))
    assert out.loc[("b", "trade"), "idf"] == 0  # in every document


def test_smooth_idf_matches_scikit_learn(tokens):
    out = distinctive_terms(tokens, top=None, idf="smooth", stopwords="keep")
    vec = TfidfVectorizer(norm=None, smooth_idf=True, token_pattern=r"\S+")
    matrix = vec.fit_transform(DOCS.values()).toarray()
    vocab = vec.vocabulary_
    for i, doc in enumerate(DOCS):
        mine = out[out["doc_id"] == doc].set_index("term")
        # scikit-learn multiplies raw counts; tidytext's tf divides them by the document length
        for term, row in mine.iterrows():
            assert row.tf_idf * row.n_total == pytest.approx(matrix[i, vocab[term]])


def test_order_top_and_grouping_by_another_column(tokens):
    out = distinctive_terms(tokens, top=1)
    assert list(out["doc_id"]) == ["a", "b", "c"]
    assert list(out["term"]) == ["peace", "war", "talks"]
    by_voice = pd.concat(
        [toy_tokens("we act now", voice="quote"), toy_tokens("they act later", doc_id="d1")],
        ignore_index=True,
    )
    voices = distinctive_terms(by_voice, by="voice", top=None)
    assert set(voices["voice"]) == {"author", "quote"}
    assert np.all(np.diff(voices[voices.voice == "quote"]["tf_idf"]) <= 0)


def test_one_group_is_an_error_and_input_unchanged(tokens):
    before = tokens.copy()
    distinctive_terms(tokens)
    pd.testing.assert_frame_equal(tokens, before)
    with pytest.raises(ValueError, match="at least two groups"):
        distinctive_terms(toy_tokens("peace trade"))
    with pytest.raises(ValueError, match=r"idf='log' is not one of: 'plain', 'smooth'"):
        distinctive_terms(tokens, idf="log")
