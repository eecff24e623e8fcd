"""analysis.discourse_features: the result tables, rates per 1,000 words counted by hand,
the contract (no input mutation, stable order, tokens or corpus alike) and option errors."""

import re
from types import SimpleNamespace
from typing import get_args

import numpy as np
import pandas as pd
import pytest
from _discourse import corpus_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.discourse.features import FEATURES, Group, discourse_features
from analysis.discourse.lexicon import LexiconError
from analysis.levels import level_columns
from analysis.paths import LEXICONS_DIR

GROUPS = get_args(Group)

# sentence 1: 9 words, 7 inside the quotation (Kell's), "Kell said" the author's frame;
# sentence 2: 3 words, the author's. Deontic "must": one quoted, one the author's.
HAND = "“We must act and we will act,” Kell said. Kell must wait."


@pytest.fixture(scope="module")
def hand():
    return discourse_features(corpus_of(HAND))


def row(rates, **where):
    mask = np.ones(len(rates), dtype=bool)
    for column, value in where.items():
        mask &= (rates[column].isna() if value is None else rates[column] == value).to_numpy()
    found = rates[mask]
    assert len(found) == 1, where
    return found.iloc[0]


def test_rates_per_voice_by_hand(hand):
    quote = row(hand.by_voice, voice="quote", feature="modality", category="deontic")
    author = row(hand.by_voice, voice="author", feature="modality", category="deontic")
    assert (quote["n"], quote["n_words"], quote["per_1k"]) == (1, 7, pytest.approx(1000 / 7))
    assert (author["n"], author["n_words"], author["per_1k"]) == (1, 5, 200.0)
    prediction = row(hand.by_voice, voice="quote", feature="modality", category="prediction")
    assert prediction["n"] == 1


def test_rates_per_speaker_and_document_by_hand(hand):
    kell = row(hand.by_speaker, speaker="Kell", feature="person_deixis", category="first_plural")
    own = row(hand.by_speaker, speaker=None, feature="person_deixis", category="first_plural")
    assert (kell["n"], kell["n_words"], own["n"], own["n_words"]) == (2, 7, 0, 5)
    doc = row(hand.by_document, doc_id="d1", feature="modality", category="deontic")
    assert (doc["n"], doc["n_words"], doc["per_1k"]) == (2, 12, pytest.approx(2000 / 12))


def test_the_sentence_table_counts_each_category(hand):
    sentences = hand.sentences
    assert sentences["voice"].astype(str).tolist() == ["quote", "author"]
    assert sentences["speaker"].fillna("(author)").tolist() == ["Kell", "(author)"]
    assert sentences["n_words"].tolist() == [9, 3]
    assert sentences["modality_deontic"].tolist() == [1, 1]
    assert sentences["modality_prediction"].tolist() == [1, 0]
    assert sentences["reporting_speech"].tolist() == [1, 0]
    assert sentences["text"].tolist() == [
        "“We must act and we will act,” Kell said.",
        "Kell must wait.",
    ]
    names = [
        f"{f}_{c}"
        for f, c in zip(hand.categories["feature"], hand.categories["category"], strict=True)
    ]
    assert sentences.columns.tolist() == [
        "doc_id",
        "paragraph_id",
        "sentence_id",
        "voice",
        "speaker",
        "n_words",
        *names,
        "text",
    ]


def test_match_table_columns_and_dtypes(hand):
    matches = hand.matches
    assert matches.columns.tolist() == [
        "doc_id", "paragraph_id", "sentence_id", "token_id", "n_tokens", "feature", "category",
        "text", "term", "detail", "voice", "speaker", "sentence_voice", "sentence_speaker",
    ]  # fmt: skip
    assert matches["feature"].cat.categories.tolist() == list(FEATURES)
    assert matches["voice"].cat.categories.tolist() == ["author", "quote", "reported"]
    for column in ("doc_id", "category", "text", "term", "detail", "speaker"):
        assert matches[column].dtype == "str", column
    for column in ("paragraph_id", "sentence_id", "token_id", "n_tokens"):
        assert matches[column].dtype == np.int64, column


def test_rates_hold_every_category_of_every_group_and_add_up(hand):
    for by in GROUPS:
        rates = hand.rates(by)
        n_groups = rates[level_columns(by)[0]].nunique(dropna=False)
        assert len(rates) == n_groups * len(hand.categories)
        assert rates["n"].sum() == len(hand.matches)
    assert hand.rates(["document", "voice"])["n"].sum() == len(hand.matches)


def test_lexicon_provenance_is_reported(hand):
    assert hand.lexicons["feature"].tolist() == list(FEATURES)
    assert hand.lexicons.set_index("feature").loc["reporting", "file"] == "reporting_verbs.txt"
    assert hand.lexicons["version"].str.startswith("1.").all()
    assert "pycountry" in hand.lexicons.set_index("feature").loc["actors", "sources"]


def test_input_is_not_mutated_and_the_result_is_stable(multi_corpus):
    tokens, sentences = multi_corpus.tokens.copy(), multi_corpus.sentences.copy()
    first = discourse_features(multi_corpus)
    pd.testing.assert_frame_equal(multi_corpus.tokens, tokens)
    pd.testing.assert_frame_equal(multi_corpus.sentences, sentences)
    again = discourse_features(multi_corpus)
    pd.testing.assert_frame_equal(first.matches, again.matches)
    ordered = first.matches.sort_values(["doc_id", "token_id"], kind="stable")
    pd.testing.assert_frame_equal(first.matches, ordered.reset_index(drop=True))


def test_shuffled_tokens_give_the_same_matches(multi_corpus):
    expected = discourse_features(multi_corpus.tokens).matches
    shuffled = multi_corpus.tokens.sample(frac=1.0, random_state=3)
    pd.testing.assert_frame_equal(discourse_features(shuffled).matches, expected)


def test_a_token_table_gives_the_matches_of_the_corpus(multi_corpus):
    from_corpus = discourse_features(multi_corpus)
    from_tokens = discourse_features(multi_corpus.tokens)
    columns = [c for c in from_corpus.matches if not c.startswith("sentence_")]
    pd.testing.assert_frame_equal(from_corpus.matches[columns], from_tokens.matches[columns])
    assert from_tokens.sentences["text"].tolist() == multi_corpus.sentences["text"].tolist()


@pytest.mark.parametrize("layout", ["reversed categories", "unused categories", "plain str"])
def test_matching_on_codes_does_not_depend_on_how_the_columns_are_coded(multi_corpus, layout):
    # tokens are matched by their categorical codes: other codes for the same text, or no codes,
    # must find the same matches
    expected = discourse_features(multi_corpus)
    columns = ["doc_id", "token", "norm", "speaker"]
    tokens = multi_corpus.tokens.copy()
    for column in columns:
        values = tokens[column].cat
        if layout == "reversed categories":
            tokens[column] = values.reorder_categories(values.categories[::-1])
        elif layout == "unused categories":
            tokens[column] = values.add_categories(["zz unused", "Aa unused"])
        else:
            tokens[column] = tokens[column].astype("str")
    found = discourse_features(SimpleNamespace(tokens=tokens, sentences=multi_corpus.sentences))
    pd.testing.assert_frame_equal(found.matches, expected.matches)
    pd.testing.assert_frame_equal(found.sentences, expected.sentences)


@pytest.mark.parametrize("feature", FEATURES)
def test_a_feature_alone_finds_what_it_finds_among_all(multi_corpus, feature):
    alone = discourse_features(multi_corpus, features=feature).matches
    among = discourse_features(multi_corpus).matches
    among = among[among["feature"] == feature].reset_index(drop=True)
    pd.testing.assert_frame_equal(alone, among, check_categorical=False)


def test_the_seed_commentary(seed_corpus):
    found = discourse_features(seed_corpus)
    reporting = found.of("reporting")
    assert reporting["term"].tolist() == [
        "say", "believe", "call on", "call for", "emphasize", "say", "believe", "call on",
        "agree", "say",
    ]  # fmt: skip
    assert reporting["sentence_speaker"].fillna("(none)").tolist()[:2] == ["Xi Jinping", "(none)"]
    events = found.of("intertextuality").query("category == 'event'")["detail"].dropna().tolist()
    assert "place=Qingdao; time=2018" in events
    assert "place=Bishkek; time=last year’s" in events
    terms = set(found.of("nominalisation")["term"])
    assert {"security", "stability", "cooperation"} <= terms
    assert not {"community", "document", "nation"} & terms
    xi = row(found.by_voice, voice="quote", feature="modality", category="deontic")
    assert (xi["n"], xi["n_words"]) == (3, 125)  # "We need to", three times, all Xi's


def test_own_lexicon_folder(tmp_path):
    for path in LEXICONS_DIR.glob("*.tsv"):
        (tmp_path / path.name).write_text(path.read_text("utf-8"), encoding="utf-8")
    with (tmp_path / "stance.tsv").open("a", encoding="utf-8") as file:
        file.write("attitude\tharbour\n")
    result = discourse_features(
        corpus_of("The harbour is calm."), features="stance", lexicons=tmp_path
    )
    assert result.matches["text"].tolist() == ["harbour"]
    (tmp_path / "modality.tsv").write_text("no header\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"modality\.tsv"):
        discourse_features(corpus_of("We must."), features="modality", lexicons=tmp_path)


def test_a_text_with_no_match_gives_empty_tables_with_columns():
    result = discourse_features(corpus_of("Rain fell."), features="modality")
    assert len(result.matches) == 0
    # the columns keep the dtypes they have when there are matches (doc_id was object here)
    for column in ("doc_id", "category", "text", "term", "detail", "speaker"):
        assert result.matches[column].dtype == "str", column
    assert result.sentences["modality_deontic"].tolist() == [0]
    assert result.by_voice["n"].tolist() == [0, 0, 0, 0]
    no_words = discourse_features(corpus_of("“."))  # punctuation only: no group has words
    assert no_words.by_voice.columns.tolist() == [
        "voice", "feature", "category", "n", "n_words", "per_1k"
    ]  # fmt: skip
    assert no_words.by_voice.empty


def test_bad_options_raise_the_house_message(hand):
    corpus = corpus_of(HAND)
    message = "features='mood' is not one of: 'modality', 'person_deixis', "
    with pytest.raises(ValueError, match=re.escape(message)):
        discourse_features(corpus, features="mood")
    with pytest.raises(ValueError, match=re.escape("features='mood'")):
        discourse_features(corpus, features=["modality", "mood"])
    with pytest.raises(
        ValueError, match=re.escape("by='genre' is not one of: 'document', 'voice', 'speaker'")
    ):
        hand.rates("genre")
    with pytest.raises(ValueError, match=re.escape("feature='x' is not one of: 'modality'")):
        hand.of("x")


def test_bad_input_says_what_to_pass():
    with pytest.raises(TypeError, match="expected a Corpus"):
        discourse_features("We must act.")
    with pytest.raises(ValueError, match="lacks column"):
        discourse_features(pd.DataFrame({"doc_id": ["a"]}))
    tokens = corpus_of(HAND).tokens
    with pytest.raises(ValueError, match="empty"):
        discourse_features(tokens.iloc[:0])


WORDS = [
    "we", "must", "the", "will", "of", "people", "China", "SCO", "member", "states", "said",
    "that", "“", "”", ",", ".", "may", "firmly", "security", "nation", "station", "called", "on",
    "summit", "in", "Velt", "2019", "Charter", "Open", "Waters", "they", "US", "us", "agreed",
]  # fmt: skip


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=40))
def test_invariants_on_random_word_salad(words):
    text = " ".join(words) + "."
    result = discourse_features(corpus_of(text))
    matches = result.matches
    # every match is the text as written between its first and last token
    assert all(m in text for m in matches["text"])
    # the sentence table and every grouping count each match once
    counts = result.sentences.drop(
        columns=["doc_id", "paragraph_id", "sentence_id", "voice", "speaker", "n_words", "text"]
    )
    assert int(counts.to_numpy().sum()) == len(matches)
    for by in GROUPS:
        assert result.rates(by)["n"].sum() == len(matches)
    assert (result.by_voice["per_1k"] >= 0).all()
