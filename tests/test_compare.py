"""Comparing documents: profiles, date order and keyness against the rest, on hand-counted texts."""

import math

import pandas as pd
import pytest
from _corpus_builder import make_corpus

from analysis.compare import (
    KEYNESS_BY_COLUMNS,
    PROFILE_COLUMNS,
    SENTIMENT_COLUMNS,
    _groups,
    document_profile,
    keyness_by,
    over_time,
)
from analysis.corpus.load import Corpus
from analysis.keyterms.keyness import keyness
from analysis.sentiment import sentence_sentiment, sentiment_summary

# words (no stopword but "the"):  a: 9 (8 without "the"), b: 7, c: 9 (3 of them quoted)
DOCUMENTS = {
    "2030-01-10-a": (
        "2030-01-10",
        "Bridges matter. Bridges connect villages. We build the bridges.\n",
        {"genre": "speech"},
    ),
    "2031-05-02-b": (
        "2031-05-02",
        "Rivers flood. Rivers rise. We watch rivers.\n",
        {"speaker": "Tomas Vell", "genre": "speech"},
    ),
    "2029-03-03-c": (
        "2029-03-03",
        "Mayor Mira Orla spoke.\n\n“Bridges connect villages,” Orla said.\n",
        {"speaker": "Mira Orla; Tomas Vell", "genre": "commentary"},
    ),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("compare") / "corpus", DOCUMENTS)


@pytest.fixture(scope="module")
def single(tmp_path_factory):
    folder = tmp_path_factory.mktemp("single") / "corpus"
    return make_corpus(folder, {"2030-01-10-a": DOCUMENTS["2030-01-10-a"]})


# ---------------------------------------------------------------- document_profile


def test_profile_one_row_per_document_in_date_order(corpus):
    profile = document_profile(corpus, sentiment=False)
    assert list(profile.columns) == PROFILE_COLUMNS
    assert profile["doc_id"].tolist() == ["2029-03-03-c", "2030-01-10-a", "2031-05-02-b"]
    assert profile["year"].tolist() == [2029, 2030, 2031]
    assert profile["n_words"].tolist() == [9, 9, 7]
    assert profile["n_sentences"].tolist() == [2, 3, 3]


def test_profile_voice_shares_are_word_shares_that_sum_to_one(corpus):
    profile = document_profile(corpus, sentiment=False).set_index("doc_id")
    assert profile.loc["2029-03-03-c", "share_quote"] == pytest.approx(3 / 9)
    assert profile.loc["2029-03-03-c", "share_author"] == pytest.approx(6 / 9)
    assert profile.loc["2030-01-10-a", "share_author"] == 1
    shares = profile[["share_author", "share_quote", "share_reported"]].sum(axis=1)
    assert shares.tolist() == pytest.approx([1, 1, 1])


def test_profile_sentiment_is_the_sentiment_modules_document_summary(corpus):
    profile = document_profile(corpus).set_index("doc_id")
    assert list(profile.reset_index().columns) == PROFILE_COLUMNS + SENTIMENT_COLUMNS
    summary = sentiment_summary(sentence_sentiment(corpus.sentences), by="document")
    expected = summary.set_index("doc_id")[SENTIMENT_COLUMNS].loc[profile.index]
    pd.testing.assert_frame_equal(profile[SENTIMENT_COLUMNS], expected, check_names=False)


def test_profile_of_a_single_document(single):
    profile = document_profile(single, sentiment=False)
    assert len(profile) == 1 and profile.loc[0, "n_words"] == 9


# ---------------------------------------------------------------- over_time


def test_over_time_adds_dates_and_sorts_keeping_order_within_a_document(corpus):
    table = pd.DataFrame(
        {
            "doc_id": ["2031-05-02-b", "2029-03-03-c", "2029-03-03-c"],
            "voice": ["author", "quote", "author"],
            "date": ["stale", "stale", "stale"],
        }
    )
    before = table.copy()
    dated = over_time(table, corpus)
    assert list(dated.columns) == ["doc_id", "date", "year", "short_title", "voice"]
    assert dated["doc_id"].tolist() == ["2029-03-03-c", "2029-03-03-c", "2031-05-02-b"]
    assert dated["voice"].tolist() == ["quote", "author", "author"]
    assert dated["date"].tolist() == [pd.Timestamp("2029-03-03")] * 2 + [pd.Timestamp("2031-05-02")]
    pd.testing.assert_frame_equal(table, before)


def test_over_time_puts_undated_documents_last(corpus):
    documents = corpus.documents.assign(
        date=corpus.documents["date"].where(corpus.documents["doc_id"] != "2029-03-03-c")
    )
    undated = Corpus(corpus.path, documents, corpus.paragraphs, corpus.sentences, corpus.tokens)
    dated = over_time(pd.DataFrame({"doc_id": sorted(DOCUMENTS)}), undated)
    assert dated["doc_id"].tolist() == ["2030-01-10-a", "2031-05-02-b", "2029-03-03-c"]
    assert pd.isna(dated["year"].iloc[-1])


def test_over_time_rejects_tables_it_cannot_date(corpus):
    with pytest.raises(ValueError, match=r"table lacks column\(s\) doc_id"):
        over_time(pd.DataFrame({"x": [1]}), corpus)
    with pytest.raises(ValueError, match="not in the corpus: nowhere"):
        over_time(pd.DataFrame({"doc_id": ["nowhere"]}), corpus)


# ---------------------------------------------------------------- keyness_by


def test_keyness_of_a_document_against_the_rest_by_hand(corpus):
    table = keyness_by(corpus, target="2030-01-10-a", min_count=1)
    assert list(table.columns) == KEYNESS_BY_COLUMNS
    first = table.iloc[0]
    # "bridges": 3 of a's 8 non-stopwords against 1 of the other 16 (c's quotation)
    assert (first["term"], first["n_target"], first["n_reference"]) == ("bridges", 3, 1)
    assert (first["n_target_words"], first["n_reference_words"]) == (8, 16)
    assert first["log_ratio"] == pytest.approx(math.log2((3 / 8) / (1 / 16)))
    assert table["rank"].tolist() == list(range(1, len(table) + 1))
    assert set(table["group"]) == {"2030-01-10-a"} and set(table["by"]) == {"document"}


def test_keyness_by_matches_keyness_on_the_split_by_hand(corpus):
    words = corpus.tokens[corpus.tokens["is_word"] & ~corpus.tokens["is_stop"]]
    inside = words["doc_id"] == "2031-05-02-b"
    expected = keyness(words[inside], words[~inside], min_count=2)
    table = keyness_by(corpus, target="2031-05-02-b", min_count=2)
    pd.testing.assert_frame_equal(
        table[expected.columns].reset_index(drop=True), expected.reset_index(drop=True)
    )


@pytest.mark.parametrize("by", ["document", "speaker", "year", "genre"])
@pytest.mark.parametrize("stopwords", ["drop", "keep"])
def test_every_group_is_keyness_of_its_token_table_against_the_rest(corpus, by, stopwords):
    # the reference: keyness of two token tables, as keyness_by computed it before it counted
    # each document's words once (one pass per group made it quadratic in documents)
    words = corpus.tokens[corpus.tokens["is_word"]]
    if stopwords == "drop":
        words = words[~words["is_stop"]]
    table = keyness_by(corpus, by=by, min_count=1, stopwords=stopwords)
    groups = _groups(corpus.documents, by)
    assert set(table["group"]) == set(groups)
    for name, members in groups.items():
        inside = words["doc_id"].isin(members)
        expected = keyness(words[inside], words[~inside], min_count=1)
        got = table[table["group"] == name]
        pd.testing.assert_frame_equal(
            got[expected.columns].reset_index(drop=True), expected, check_exact=True
        )
        assert (got["n_target_words"] == inside.sum()).all()
        assert (got["n_reference_words"] == (~inside).sum()).all()


def test_stopwords_are_left_out_unless_asked(corpus):
    kept = keyness_by(corpus, target="2030-01-10-a", min_count=1, stopwords="keep")
    assert kept["n_target_words"].iloc[0] == 9
    assert "the" in set(kept["term"])
    assert "the" not in set(keyness_by(corpus, target="2030-01-10-a", min_count=1)["term"])


def test_groups_by_speaker_year_and_genre(corpus):
    speakers = keyness_by(corpus, by="speaker", min_count=1)
    assert sorted(set(speakers["group"])) == ["Mira Orla", "Tomas Vell"]
    # the commentary names both speakers, so it is in both groups: Mira Orla = a + c
    orla = speakers[speakers["group"] == "Mira Orla"]
    assert (orla["n_target_words"].iloc[0], orla["n_reference_words"].iloc[0]) == (17, 7)
    years = keyness_by(corpus, by="year", min_count=1, top=2)
    assert years.groupby("group").size().to_dict() == {"2029": 2, "2030": 2, "2031": 2}
    genres = keyness_by(corpus, by="genre", min_count=1)
    assert sorted(set(genres["group"])) == ["commentary", "speech"]


def test_single_document_corpus_has_nothing_to_compare(single):
    table = keyness_by(single)
    assert table.empty and list(table.columns) == KEYNESS_BY_COLUMNS
    assert table["n_target"].dtype == "int64" and table["term"].dtype == "str"


def test_bad_options_raise(corpus):
    with pytest.raises(ValueError, match="by='author' is not one of: 'document', 'speaker'"):
        keyness_by(corpus, by="author")
    with pytest.raises(ValueError, match="target='1999' is not one of the year groups: 2029"):
        keyness_by(corpus, by="year", target="1999")


def test_corpus_tables_are_not_changed(corpus):
    before = corpus.tokens.copy()
    keyness_by(corpus, min_count=1)
    document_profile(corpus, sentiment=False)
    pd.testing.assert_frame_equal(corpus.tokens, before)
