"""Frequencies, n-grams and formulas: hand-counted fixtures, contract checks, invariants."""

from collections import Counter

import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from analysis.keyterms._counting import toy_tokens
from analysis.keyterms.frequency import formulas, frequencies, ngrams

# Fictional fixture text, counted by hand in the tests below.
TEXT = "We build peace , we build trust . | Peace needs trust . The trust of all ."

VOCAB = ["peace", "war", "we", "the", "of", "trade", "security", ","]
sentences = st.lists(st.lists(st.sampled_from(VOCAB), min_size=1, max_size=8), min_size=1)


def toy_from(sents, doc_id="d1"):
    assume(any(w != "," for s in sents for w in s))
    return toy_tokens(" . ".join(" ".join(s) for s in sents) + " .", doc_id=doc_id)


@pytest.fixture
def tokens():
    return toy_tokens(TEXT)


def test_counts_rates_and_denominator_by_hand(tokens):
    out = frequencies(tokens).set_index("term")
    # 13 words (the comma and 3 periods are not words): trust x3, we/build/peace x2
    assert out.loc["trust", "n"] == 3
    assert out.loc["peace", "n"] == 2  # "Peace" and "peace" share a norm
    assert (out["n_words"] == 13).all()
    assert out.loc["trust", "per_10k"] == round(10_000 * 3 / 13, 2)
    assert "," not in out.index and "." not in out.index
    assert out["n"].sum() == 13


def test_sorted_by_count_then_term(tokens):
    out = frequencies(tokens)
    assert list(out["term"][:4]) == ["trust", "build", "peace", "we"]
    assert list(out.index) == list(range(len(out)))


def test_stopwords_dropped_but_rates_keep_the_running_text_denominator(tokens):
    out = frequencies(tokens, stopwords="drop").set_index("term")
    assert "the" not in out.index and "of" not in out.index
    assert (out["n_words"] == 13).all()


def test_words_only_false_counts_punctuation(tokens):
    out = frequencies(tokens, words_only=False).set_index("term")
    assert out.loc[".", "n"] == 3 and out.loc[",", "n"] == 1
    assert (out["n_words"] == 17).all()


def test_grouped_by_voice_and_document_frequency():
    toks = pd.concat(
        [
            toy_tokens("peace now .", doc_id="a", voice="quote"),
            toy_tokens("peace later .", doc_id="b"),
        ],
        ignore_index=True,
    )
    out = frequencies(toks)
    assert out.set_index("term").loc["peace", "n_docs"] == 2
    by = frequencies(toks, by="voice")
    assert list(by.columns) == ["voice", "term", "n", "n_words", "per_10k", "n_docs"]
    assert by.groupby("voice", observed=True)["n"].sum().to_dict() == {"author": 2, "quote": 2}
    by_doc = frequencies(toks, by="document")
    assert (by_doc["n_docs"] == 1).all() and (by_doc["n_words"] == 2).all()


def test_input_not_mutated_and_errors(tokens):
    before = tokens.copy()
    frequencies(tokens, stopwords="drop", by="paragraph")
    pd.testing.assert_frame_equal(tokens, before)
    with pytest.raises(ValueError, match="empty"):
        frequencies(tokens.iloc[:0])
    with pytest.raises(ValueError, match="lacks column"):
        frequencies(tokens.drop(columns="norm"))
    with pytest.raises(ValueError, match=r"stopwords='x' is not one of: 'keep', 'drop'"):
        frequencies(tokens, stopwords="x")
    with pytest.raises(ValueError, match=r"by='doc_id' is not one of: 'corpus', 'document'"):
        frequencies(tokens, by="doc_id")


@settings(max_examples=50, deadline=None)
@given(sentences)
def test_counts_sum_to_the_number_of_words(sents):
    toks = toy_from(sents)
    out = frequencies(toks, by="paragraph")
    assert out["n"].sum() == int(toks["is_word"].sum())


# --- n-grams -----------------------------------------------------------------


def test_ngrams_stop_at_sentences_and_punctuation(tokens):
    out = ngrams(tokens, n=2, min_count=1).set_index("ngram")
    assert out.loc["we build", "n"] == 2
    assert "peace we" not in out.index  # a comma between them
    assert "trust peace" not in out.index  # a sentence boundary between them
    # bigrams: we build, build peace | we build, build trust | peace needs, needs trust |
    # the trust, trust of, of all
    assert out["n"].sum() == 9


def test_ngram_stopword_rules():
    toks = toy_tokens("the trust of the people . the trust of the people .")
    keep = set(ngrams(toks, n=2, min_count=2)["ngram"])
    assert "of the" in keep
    assert "of the" not in set(ngrams(toks, n=2, min_count=2, stopwords="drop_all")["ngram"])
    edge = set(ngrams(toks, n=(2, 5), min_count=2, stopwords="drop_edge")["ngram"])
    assert edge == {"trust of the people"}


def test_ngram_lengths_and_errors(tokens):
    out = ngrams(tokens, n=(2, 3), min_count=1)
    assert set(out["n_words"]) == {2, 3}
    with pytest.raises(ValueError, match="1 <= shortest <= longest"):
        ngrams(tokens, n=(3, 2))


@settings(max_examples=50, deadline=None)
@given(sentences)
def test_bigram_count_equals_adjacent_word_pairs(sents):
    toks = toy_from(sents)
    expected = sum(max(len(run.split()) - 1, 0) for s in sents for run in " ".join(s).split(","))
    out = ngrams(toks, n=2, min_count=1)
    assert out["n"].sum() == expected


@settings(max_examples=80, deadline=None)
@given(sentences, st.integers(1, 3))
def test_pruned_ngram_counts_match_a_plain_python_count(sents, min_count):
    toks = toy_from(sents)
    expected = Counter()
    for s in sents:
        for run in " ".join(s).split(","):
            ws = run.split()
            for n in (1, 2, 3):
                expected.update(" ".join(ws[i : i + n]) for i in range(len(ws) - n + 1))
    expected = {k: v for k, v in expected.items() if v >= min_count}
    out = ngrams(toks, n=(1, 3), min_count=min_count)
    assert dict(zip(out["ngram"], out["n"], strict=True)) == expected


# --- formulas ----------------------------------------------------------------


def test_sub_gram_inside_every_occurrence_of_a_longer_formula_is_dropped():
    toks = toy_tokens("build a shared future now . build a shared future now . we act .")
    out = formulas(toks, min_count=2)
    assert list(out["formula"]) == ["build a shared future now"]
    assert out.iloc[0]["n_free"] == 2


def test_sub_gram_that_also_occurs_alone_is_kept_with_its_free_count():
    toks = toy_tokens(
        "community of security for all . community of security for all . "
        "common security matters . common security matters . common security grows ."
    )
    out = formulas(toks, min_count=2).set_index("formula")
    assert out.loc["community of security for all", "n"] == 2
    assert out.loc["common security", ["n", "n_free"]].tolist() == [3, 1]
    assert out.loc["common security matters", "n"] == 2
    assert "security for all" not in out.index  # always inside the longer formula


def test_formulas_below_min_count_are_not_kept_and_do_not_hide_others():
    toks = toy_tokens("shared future now . shared future now . shared future forever .")
    out = formulas(toks, min_count=3)
    assert list(out["formula"]) == ["shared future"]


def test_formulas_on_the_shipped_commentary():
    import analysis

    out = formulas(analysis.load_corpus().tokens)
    found = set(out["formula"])
    assert "community of security for all" in found
    assert "shared future" in found
