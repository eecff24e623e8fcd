"""analysis.corpus.overview: hand-counted summary, vocabulary growth and voice shares."""

import re
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis
from analysis.corpus.overview import TOTAL_ID, corpus_summary, vocabulary_growth, voice_shares

VOICES = pd.CategoricalDtype(["author", "quote", "reported"])
KINDS = pd.CategoricalDtype(["word", "number", "clitic", "punct", "symbol"])

# A fictional two-document corpus, written token by token so every count can be checked by hand:
# (doc_id, paragraph_id, sentence_id, sentence voice, sentence speaker,
#  [(token, kind, token voice, token speaker), ...])
A, Q, R = "author", "quote", "reported"
ANN = "Ann Lee"
SENTENCES = [
    ("a", 1, 1, A, None, [
        ("We", "word", A, None), ("act", "word", A, None), (".", "punct", A, None),
    ]),
    ("a", 2, 2, Q, ANN, [
        ("“", "punct", Q, ANN), ("Peace", "word", Q, ANN), ("now", "word", Q, ANN),
        (",", "punct", Q, ANN), ("”", "punct", Q, ANN),
        ("Ann", "word", A, None), ("said", "word", A, None), (".", "punct", A, None),
    ]),
    ("a", 2, 3, A, None, [
        ("we", "word", A, None), ("act", "word", A, None), ("again", "word", A, None),
        (".", "punct", A, None),
    ]),
    ("b", 1, 1, R, "Bo", [
        ("Bo", "word", R, "Bo"), ("said", "word", R, "Bo"), ("that", "word", R, "Bo"),
        ("peace", "word", R, "Bo"), ("matters", "word", R, "Bo"), (".", "punct", R, "Bo"),
    ]),
]  # fmt: skip


def toy_corpus():
    """The corpus above as contract tables (``text`` columns are the tokens joined by spaces)."""
    sentence_rows, token_rows, texts = [], [], {}
    for doc_id, paragraph_id, sentence_id, voice, speaker, tokens in SENTENCES:
        text = texts.get(doc_id, "")
        start = len(text) + (1 if text else 0)
        for token_id, (token, kind, token_voice, token_speaker) in enumerate(tokens, 1):
            offset = start + sum(len(t[0]) + 1 for t in tokens[: token_id - 1])
            token_rows.append(
                {
                    "doc_id": doc_id,
                    "paragraph_id": paragraph_id,
                    "sentence_id": sentence_id,
                    "token_id": sum(r["doc_id"] == doc_id for r in token_rows) + 1,
                    "token": token,
                    "norm": token.lower(),
                    "kind": kind,
                    "start": offset,
                    "end": offset + len(token),
                    "is_word": kind != "punct",
                    "is_stop": token.lower() == "that",
                    "voice": token_voice,
                    "speaker": token_speaker,
                }
            )
        body = " ".join(t[0] for t in tokens)
        sentence_rows.append(
            {
                "doc_id": doc_id,
                "paragraph_id": paragraph_id,
                "sentence_id": sentence_id,
                "text": body,
                "voice": voice,
                "speaker": speaker,
                "start": start,
                "end": start + len(body),
            }
        )
        texts[doc_id] = f"{text} {body}" if text else body
    sentences = pd.DataFrame(sentence_rows).astype(
        {"doc_id": "str", "text": "str", "voice": VOICES, "speaker": "str"}
    )
    tokens = pd.DataFrame(token_rows).astype(
        {"doc_id": "str", "token": "str", "norm": "str", "kind": KINDS, "voice": VOICES,
         "speaker": "str"}
    )  # fmt: skip
    paragraphs = (
        sentences.groupby(["doc_id", "paragraph_id"], as_index=False)
        .agg(text=("text", " ".join), start=("start", "min"), end=("end", "max"))
        .astype({"doc_id": "str", "text": "str"})
    )
    documents = pd.DataFrame({"doc_id": list(texts), "text": list(texts.values())}, dtype="str")
    return SimpleNamespace(
        path=None, documents=documents, paragraphs=paragraphs, sentences=sentences, tokens=tokens
    )


def snapshot(corpus):
    return {name: getattr(corpus, name).copy(deep=True) for name in ("documents", "paragraphs",
            "sentences", "tokens")}  # fmt: skip


def assert_unchanged(corpus, before):
    for name, table in before.items():
        pd.testing.assert_frame_equal(getattr(corpus, name), table)


def test_toy_corpus_follows_the_contract():
    corpus = toy_corpus()
    for row in corpus.tokens.itertuples():
        text = corpus.documents.set_index("doc_id").loc[row.doc_id, "text"]
        assert text[row.start : row.end] == row.token


# --- corpus_summary -------------------------------------------------------------------------


def test_summary_counts_by_hand():
    summary = corpus_summary(toy_corpus())
    assert summary.columns.tolist() == [
        "doc_id", "n_paragraphs", "n_sentences", "n_tokens", "n_words", "n_types", "ttr",
        "words_per_sentence",
    ]  # fmt: skip
    # a: 15 tokens, 9 words (We act Peace now Ann said we act again), 7 types (we act peace
    #    now ann said again); b: 6 tokens, 5 words, 5 types; pooled: 10 types (peace, said shared)
    assert summary.drop(columns=["ttr", "words_per_sentence"]).values.tolist() == [
        ["a", 2, 3, 15, 9, 7],
        ["b", 1, 1, 6, 5, 5],
        [TOTAL_ID, 3, 4, 21, 14, 10],
    ]
    np.testing.assert_allclose(summary["ttr"], [7 / 9, 5 / 5, 10 / 14])
    np.testing.assert_allclose(summary["words_per_sentence"], [9 / 3, 5 / 1, 14 / 4])


def test_summary_without_total_and_dtypes():
    summary = corpus_summary(toy_corpus(), total=False)
    assert summary["doc_id"].tolist() == ["a", "b"]
    assert summary["doc_id"].dtype == "str"
    assert all(summary[c].dtype == np.int64 for c in summary.columns if c.startswith("n_"))


def test_summary_keeps_a_document_without_words():
    corpus = toy_corpus()
    documents = pd.concat(
        [corpus.documents, pd.DataFrame({"doc_id": ["c"], "text": [""]}, dtype="str")],
        ignore_index=True,
    )
    summary = corpus_summary(SimpleNamespace(**{**vars(corpus), "documents": documents}))
    row = summary.set_index("doc_id").loc["c"]
    assert (row.n_words, row.n_types) == (0, 0)
    assert np.isnan(row.ttr) and np.isnan(row.words_per_sentence)


def test_summary_does_not_depend_on_row_order_and_does_not_mutate():
    corpus = toy_corpus()
    expected = corpus_summary(corpus)
    shuffled = SimpleNamespace(
        **{name: getattr(corpus, name).sample(frac=1, random_state=0) for name in
           ("documents", "paragraphs", "sentences", "tokens")}
    )  # fmt: skip
    before = snapshot(shuffled)
    pd.testing.assert_frame_equal(corpus_summary(shuffled), expected)
    assert_unchanged(shuffled, before)


# --- vocabulary_growth ----------------------------------------------------------------------


def test_growth_by_hand():
    # a: we act peace now ann said we act again -> types 1 2 3 4 5 6 6 6 7; b: 5 new words
    growth = vocabulary_growth(toy_corpus(), every=4)
    assert growth[["doc_id", "n_words", "n_types"]].values.tolist() == [
        ["a", 1, 1],
        ["a", 4, 4],
        ["a", 8, 6],
        ["a", 9, 7],
        ["b", 1, 1],
        ["b", 4, 4],
        ["b", 5, 5],
    ]
    np.testing.assert_allclose(growth["ttr"], [1, 1, 6 / 8, 7 / 9, 1, 1, 1])


def test_growth_every_word_and_final_ttr_matches_summary():
    corpus = toy_corpus()
    growth = vocabulary_growth(corpus, every=1)
    assert growth.groupby("doc_id")["n_words"].max().tolist() == [9, 5]
    last = growth.groupby("doc_id")["ttr"].last()
    summary = corpus_summary(corpus, total=False).set_index("doc_id")["ttr"]
    pd.testing.assert_series_equal(last, summary, check_names=False)


def test_growth_follows_token_order_not_row_order_and_does_not_mutate():
    corpus = toy_corpus()
    shuffled = SimpleNamespace(tokens=corpus.tokens.sample(frac=1, random_state=1))
    before = shuffled.tokens.copy(deep=True)
    pd.testing.assert_frame_equal(
        vocabulary_growth(shuffled, every=2), vocabulary_growth(corpus, every=2)
    )
    pd.testing.assert_frame_equal(shuffled.tokens, before)


@pytest.mark.parametrize("every", [0, -1, 2.5, True, "3"])
def test_growth_rejects_a_bad_step(every):
    with pytest.raises(ValueError, match=re.escape(f"every={every!r} must be an integer >= 1")):
        vocabulary_growth(toy_corpus(), every=every)


# --- voice_shares ---------------------------------------------------------------------------


def test_voice_shares_by_hand():
    shares = voice_shares(toy_corpus())
    assert shares.columns.tolist() == [
        "voice", "speaker", "n_sentences", "share_sentences", "n_words", "share_words",
    ]  # fmt: skip
    # "Ann said" frames the quotation: its words are the author's, the sentence is a quote
    assert shares[["voice", "speaker", "n_sentences", "n_words"]].astype(object).where(
        shares[["voice", "speaker", "n_sentences", "n_words"]].notna(), None
    ).values.tolist() == [
        ["author", None, 2, 7],
        ["quote", "Ann Lee", 1, 2],
        ["reported", "Bo", 1, 5],
    ]
    np.testing.assert_allclose(shares["share_sentences"], [2 / 4, 1 / 4, 1 / 4])
    np.testing.assert_allclose(shares["share_words"], [7 / 14, 2 / 14, 5 / 14])
    assert shares["voice"].dtype == VOICES
    assert shares["speaker"].dtype == "str"


def test_voice_shares_by_document():
    shares = voice_shares(toy_corpus(), by="document")
    assert shares[["doc_id", "voice", "n_sentences", "n_words"]].values.tolist() == [
        ["a", "author", 2, 7],
        ["a", "quote", 1, 2],
        ["b", "reported", 1, 5],
    ]
    np.testing.assert_allclose(shares["share_words"], [7 / 9, 2 / 9, 1])
    np.testing.assert_allclose(shares["share_sentences"], [2 / 3, 1 / 3, 1])


def test_a_speaker_can_have_words_but_no_sentence():
    corpus = toy_corpus()
    # a quoted phrase inside an author sentence: "We act" quoted from a fictional Cy Dunn
    quoted = (corpus.tokens["doc_id"] == "a") & corpus.tokens["token_id"].isin([1, 2])
    tokens = corpus.tokens.assign(
        voice=corpus.tokens["voice"].where(~quoted, "quote"),
        speaker=corpus.tokens["speaker"].where(~quoted, "Cy Dunn"),
    )
    shares = voice_shares(SimpleNamespace(sentences=corpus.sentences, tokens=tokens))
    row = shares[shares["speaker"] == "Cy Dunn"].iloc[0]
    assert (row.voice, row.n_sentences, row.n_words, row.share_sentences) == ("quote", 0, 2, 0)
    assert shares["speaker"].tolist()[1:] == ["Ann Lee", "Cy Dunn", "Bo"]


def test_voice_shares_do_not_depend_on_row_order_and_do_not_mutate():
    corpus = toy_corpus()
    shuffled = SimpleNamespace(
        sentences=corpus.sentences.sample(frac=1, random_state=2),
        tokens=corpus.tokens.sample(frac=1, random_state=3),
    )
    before = {"sentences": shuffled.sentences.copy(), "tokens": shuffled.tokens.copy()}
    for by in ("corpus", "document"):
        pd.testing.assert_frame_equal(voice_shares(shuffled, by=by), voice_shares(corpus, by=by))
    assert_unchanged(shuffled, before)


def test_voice_shares_rejects_an_unknown_grouping():
    with pytest.raises(
        ValueError, match=re.escape("by='speaker' is not one of: 'corpus', 'document'")
    ):
        voice_shares(toy_corpus(), by="speaker")


voice_of = st.sampled_from([("author", None), ("quote", "Ann Lee"), ("reported", "Bo")])


@settings(max_examples=50, deadline=None)
@given(st.lists(voice_of, min_size=25, max_size=25), st.lists(voice_of, min_size=4, max_size=4))
def test_voice_share_counts_add_up_to_the_corpus(token_voices, sentence_voices):
    corpus = toy_corpus()
    tokens = corpus.tokens.assign(
        voice=pd.Categorical([v for v, _ in token_voices[: len(corpus.tokens)]], dtype=VOICES),
        speaker=pd.Series([s for _, s in token_voices[: len(corpus.tokens)]], dtype="str"),
    )
    sentences = corpus.sentences.assign(
        voice=pd.Categorical([v for v, _ in sentence_voices], dtype=VOICES),
        speaker=pd.Series([s for _, s in sentence_voices], dtype="str"),
    )
    shares = voice_shares(SimpleNamespace(sentences=sentences, tokens=tokens))
    assert shares["n_sentences"].sum() == 4
    assert shares["n_words"].sum() == 14
    np.testing.assert_allclose(shares[["share_sentences", "share_words"]].sum(), [1, 1])
    assert not shares.duplicated(["voice", "speaker"]).any()


# --- errors and real corpora ----------------------------------------------------------------


@pytest.mark.parametrize("function", [corpus_summary, vocabulary_growth, voice_shares])
def test_a_non_corpus_is_refused_with_advice(function):
    with pytest.raises(TypeError, match=r"expected a Corpus from analysis\.load_corpus"):
        function(toy_corpus().tokens)


def test_a_table_missing_a_column_is_named():
    corpus = toy_corpus()
    broken = SimpleNamespace(sentences=corpus.sentences, tokens=corpus.tokens.drop(columns="norm"))
    with pytest.raises(ValueError, match=r"table lacks column\(s\) norm; pass corpus\.tokens"):
        voice_shares(broken)


@pytest.fixture(scope="module")
def multi(corpus_multi):
    return analysis.load_corpus(corpus_multi)


def test_multi_document_corpus_totals_agree(multi):
    summary = corpus_summary(multi)
    documents, total = summary.iloc[:-1], summary.iloc[-1]
    assert documents["doc_id"].tolist() == sorted(multi.documents["doc_id"])
    for column in ("n_paragraphs", "n_sentences", "n_tokens", "n_words"):
        assert documents[column].sum() == total[column]
    assert total.n_words == int(multi.tokens["is_word"].sum())
    assert total.n_types < documents["n_types"].sum()  # documents share words
    shares = voice_shares(multi, by="document")
    sums = shares.groupby("doc_id")[["share_sentences", "share_words"]].sum()
    np.testing.assert_allclose(sums.to_numpy(), 1.0)


def test_seed_quotations_are_xi_jinpings():
    shares = voice_shares(analysis.load_corpus())
    quote = shares[shares["voice"] == "quote"]
    assert quote["speaker"].tolist() == ["Xi Jinping"]
    assert quote["n_sentences"].tolist() == [4]
