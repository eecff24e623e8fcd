"""Public sentiment functions: contract, aggregation by hand, cache, parallelism, overrides."""

import math

import nltk
import numpy as np
import pandas as pd
import pytest
from scipy.stats import spearmanr

import analysis
from analysis import sentiment
from analysis.sentiment.cache import ScoreCache

# A fictional two-document exchange; compounds below are VADER's, checked by hand in test_vader.
TEXTS = [
    "The council is not good, but the treaty is good.",  # 0.4848
    "It was good, but it was horrible.",  # -0.5859
    "The ships sailed at dawn.",  # 0.0
    "The food is very good.",  # 0.4927
    "The food is not good.",  # -0.3412
    "Our security is good.",  # VADER scores "security" (+1.4) too
]


@pytest.fixture
def sentences():
    return pd.DataFrame(
        {
            "doc_id": pd.Series(["a", "a", "a", "b", "b", "b"], dtype="str"),
            "paragraph_id": [1, 1, 2, 1, 1, 1],
            "sentence_id": [1, 2, 3, 1, 2, 3],
            "text": pd.Series(TEXTS, dtype="str"),
            "voice": pd.Categorical(
                ["author", "quote", "quote", "author", "reported", "quote"],
                categories=["author", "quote", "reported"],
            ),
            "speaker": pd.Series(
                [pd.NA, "Ana Vale", "Ana Vale", pd.NA, "Bo Ruiz", "Bo Ruiz"], dtype="str"
            ),
        }
    )


@pytest.fixture
def cache_dir(tmp_path):
    return tmp_path / "cache"


def test_polarity_rows_in_input_order(cache_dir):
    result = analysis.polarity(TEXTS[:3], cache=cache_dir)
    assert list(result.columns) == ["neg", "neu", "pos", "compound"]
    assert result["compound"].tolist() == [0.4848, -0.5859, 0.0]


def test_polarity_rejects_a_single_string_and_non_strings():
    with pytest.raises(TypeError, match="not a single string"):
        analysis.polarity("one text", cache=False)
    with pytest.raises(TypeError, match=r"texts\[1\]"):
        analysis.polarity(["fine", None], cache=False)
    with pytest.raises(ValueError, match="processes=0"):
        analysis.polarity(["fine"], cache=False, processes=0)


def test_polarity_of_nothing():
    assert analysis.polarity([], cache=False).shape == (0, 4)


def test_sentence_sentiment_adds_columns_without_mutating(sentences, cache_dir):
    before = sentences.copy()
    scored = analysis.sentence_sentiment(sentences, cache=cache_dir)
    pd.testing.assert_frame_equal(sentences, before)
    assert list(scored.columns) == [*sentences.columns, "neg", "neu", "pos", "compound", "label"]
    assert scored["compound"].tolist()[:5] == [0.4848, -0.5859, 0.0, 0.4927, -0.3412]
    assert scored["label"].tolist()[:5] == [
        "positive",
        "negative",
        "neutral",
        "positive",
        "negative",
    ]
    assert list(scored["label"].cat.categories) == ["negative", "neutral", "positive"]


def test_sentence_sentiment_needs_text():
    with pytest.raises(ValueError, match=r"table lacks column\(s\) text; pass sentence_sentiment"):
        analysis.sentence_sentiment(pd.DataFrame({"x": [1]}), cache=False)


# ---------------------------------------------------------------- aggregation by hand


@pytest.fixture
def scored():
    # compounds chosen to hit the thresholds exactly: 0.05 is positive, -0.05 negative
    return pd.DataFrame(
        {
            "doc_id": pd.Series(["a", "a", "a", "b", "b"], dtype="str"),
            "paragraph_id": [1, 1, 2, 1, 1],
            "voice": pd.Categorical(
                ["author", "quote", "quote", "author", "quote"],
                categories=["author", "quote", "reported"],
            ),
            "speaker": pd.Series([pd.NA, "Ana", "Ana", pd.NA, "Bo"], dtype="str"),
            "compound": [0.05, -0.05, 0.0, 0.6, -0.4],
        }
    )


def test_summary_by_voice_matches_hand_computation(scored):
    result = analysis.sentiment_summary(scored, by="voice")
    assert result["voice"].tolist() == ["author", "quote"]  # unused category dropped
    # author: 0.05, 0.6 -> 2 positive, mean 0.325, sd |0.6-0.05|/sqrt(2)
    # quote: -0.05, 0.0, -0.4 -> 2 negative, 1 neutral, mean -0.15
    assert result["n_sentences"].tolist() == [2, 3]
    assert result["n_positive"].tolist() == [2, 0]
    assert result["n_neutral"].tolist() == [0, 1]
    assert result["n_negative"].tolist() == [0, 2]
    assert result["share_negative"].tolist() == pytest.approx([0, 2 / 3])
    assert result["share_neutral"].tolist() == pytest.approx([0, 1 / 3])
    assert result["mean_compound"].tolist() == pytest.approx([0.325, -0.15])
    assert result["sd_compound"].iloc[0] == pytest.approx(0.55 / math.sqrt(2))
    assert isinstance(result["voice"].dtype, pd.CategoricalDtype)


def test_summary_by_speaker_keeps_the_author_group(scored):
    result = analysis.sentiment_summary(scored, by="speaker")
    assert result["speaker"].isna().sum() == 1
    by_name = result.set_index(result["speaker"].fillna("<author>"))
    assert by_name.loc["<author>", "n_sentences"] == 2
    assert by_name.loc["Ana", "mean_compound"] == pytest.approx(-0.025)
    assert by_name.loc["Bo", "share_negative"] == 1.0


def test_summary_by_document_paragraph_and_corpus(scored):
    docs = analysis.sentiment_summary(scored, by="document")
    assert docs["doc_id"].tolist() == ["a", "b"]
    assert docs["mean_compound"].tolist() == pytest.approx([0.0, 0.1])
    paragraphs = analysis.sentiment_summary(scored, by="paragraph")
    assert paragraphs[["doc_id", "paragraph_id"]].values.tolist() == [["a", 1], ["a", 2], ["b", 1]]
    assert paragraphs["n_sentences"].tolist() == [2, 1, 2]
    assert np.isnan(paragraphs["sd_compound"].iloc[1])
    corpus = analysis.sentiment_summary(scored, by="corpus")
    assert corpus.shape[0] == 1
    assert corpus.loc[0, "n_sentences"] == 5
    assert corpus.loc[0, "mean_compound"] == pytest.approx(0.04)
    assert corpus.loc[0, "share_positive"] == pytest.approx(0.4)
    combined = analysis.sentiment_summary(scored, by=["document", "voice"])
    assert combined[["doc_id", "voice"]].astype(str).values.tolist() == [
        ["a", "author"],
        ["a", "quote"],
        ["b", "author"],
        ["b", "quote"],
    ]


def test_summary_rejects_bad_options(scored):
    with pytest.raises(ValueError, match=r"by='chapter' is not one of: 'corpus', 'document'"):
        analysis.sentiment_summary(scored, by="chapter")
    with pytest.raises(ValueError, match="compound"):
        analysis.sentiment_summary(scored.drop(columns="compound"))


# ---------------------------------------------------------------- cache and parallelism


def test_cached_scores_equal_uncached(sentences, cache_dir):
    texts = sentences["text"].tolist() * 3
    uncached = analysis.polarity(texts, cache=False)
    cold = analysis.polarity(texts, cache=cache_dir)
    warm = analysis.polarity(texts, cache=cache_dir)
    pd.testing.assert_frame_equal(cold, uncached)
    pd.testing.assert_frame_equal(warm, uncached)
    assert len(ScoreCache(cache_dir)) == len(set(texts))


def test_warm_cache_does_not_rescore(monkeypatch, cache_dir):
    analysis.polarity(TEXTS, cache=cache_dir)

    def fail(*args, **kwargs):
        raise AssertionError("scored although cached")

    monkeypatch.setattr(analysis.sentiment.scores, "_score", fail)
    assert analysis.polarity(TEXTS, cache=cache_dir)["compound"].iloc[0] == 0.4848


def test_changing_the_override_file_invalidates_the_cache(tmp_path, cache_dir):
    path = tmp_path / "overrides.tsv"
    text = ["Our security is good."]
    path.write_text("# version: 1\nsecurity\t0\ttopic\n", encoding="utf-8")
    first = analysis.polarity(text, overrides=path, cache=cache_dir)
    path.write_text("# version: 1\nsecurity\t-3.0\tedited without a version bump\n", "utf-8")
    second = analysis.polarity(text, overrides=path, cache=cache_dir)
    assert first["compound"].iloc[0] != second["compound"].iloc[0]
    pd.testing.assert_frame_equal(second, analysis.polarity(text, overrides=path, cache=False))


def test_two_processes_give_the_same_scores_in_the_same_order():
    texts = [f"{t} Number {i} is {'good' if i % 3 else 'bad'}." for i, t in enumerate(TEXTS * 40)]
    single = analysis.polarity(texts, cache=False, processes=1)
    double = analysis.polarity(texts, cache=False, processes=2)
    pd.testing.assert_frame_equal(single, double)


# ---------------------------------------------------------------- explanations


def test_explanations_reproduce_each_sentence_score(sentences):
    tokens = analysis.explain_sentiment(sentences)
    assert list(tokens.columns[:5]) == ["doc_id", "paragraph_id", "sentence_id", "voice", "speaker"]
    sums = tokens.groupby(["doc_id", "sentence_id"])["contribution"].sum()
    scores = analysis.sentence_sentiment(sentences, cache=False).set_index(
        ["doc_id", "sentence_id"]
    )
    normalised = sums / np.sqrt(sums**2 + 15)
    assert normalised.round(4).tolist() == scores["compound"].tolist()


def test_explanation_of_the_repeated_word_sentence():
    table = analysis.explain_sentiment("The food is not good, but the service is good.")
    drivers = table[table["contribution"] != 0]
    assert drivers["position"].tolist() == [4, 9]
    assert drivers["contribution"].tolist() == pytest.approx([-0.703, 2.85])
    assert table["contribution"].sum() == pytest.approx(2.147)


def test_drivers_by_voice(sentences):
    drivers = analysis.explain_sentiment(sentences, by="voice")
    assert list(drivers.columns) == ["voice", "term", "n", "valence", "total", "mean"]
    quote = drivers[drivers["voice"] == "quote"].set_index("term")
    # quote sentences: "It was good, but it was horrible." and "Our security is good."
    assert quote.loc["horrible", "total"] == pytest.approx(-3.75)
    assert quote.loc["good", "n"] == 2
    assert quote.loc["good", "total"] == pytest.approx(0.95 + 1.9)
    assert quote.index[0] == "horrible"  # largest |total| first


# ---------------------------------------------------------------- domain sensitivity


def test_domain_file_changes_only_sentences_with_named_words(sentences):
    result = analysis.sentiment_sensitivity(sentences, by="sentence", cache=False)
    assert result["changed"].tolist() == [False] * 5 + [True]
    # "Our security is good.": 1.4 + 1.9 -> 1.9 once "security" is neutral
    assert result["compound_base"].iloc[5] == round(3.3 / math.sqrt(3.3**2 + 15), 4)
    assert result["compound_override"].iloc[5] == round(1.9 / math.sqrt(1.9**2 + 15), 4)


def test_sensitivity_by_voice_reports_ranks(sentences):
    result = analysis.sentiment_sensitivity(
        sentences, overrides={"good": 0}, by="voice", cache=False
    )
    assert result["voice"].astype(str).tolist() == ["author", "quote", "reported"]
    assert result["n_changed"].tolist() == [2, 2, 1]
    assert result["mean_compound_override"].iloc[0] == 0.0
    assert set(result["rank_base"]) <= {1, 2, 3}
    assert (
        result["delta_mean"] == result["mean_compound_override"] - result["mean_compound_base"]
    ).all()


def test_domain_override_file_is_versioned_and_names_topic_words():
    from analysis.sentiment.vader import overrides_version, read_overrides

    entries = read_overrides(sentiment.DOMAIN_OVERRIDES)
    assert overrides_version(sentiment.DOMAIN_OVERRIDES) != "unversioned"
    assert {"security", "terrorist", "united"} <= set(entries)


# ---------------------------------------------------------------- second opinion


def test_compare_methods_per_sentence_and_overall(sentences, monkeypatch):
    def no_downloads(*args, **kwargs):
        raise AssertionError("something tried to download NLTK data")

    monkeypatch.setattr(nltk, "download", no_downloads)
    per_sentence = analysis.compare_sentiment_methods(sentences, cache=False)
    assert len(per_sentence) == len(sentences)
    assert per_sentence["textblob_polarity"].between(-1, 1).all()
    overall = analysis.compare_sentiment_methods(sentences, by="corpus", cache=False)
    expected = spearmanr(per_sentence["vader_compound"], per_sentence["textblob_polarity"])
    assert overall.loc[0, "spearman_rho"] == pytest.approx(expected.statistic)
    assert overall.loc[0, "label_agreement"] == per_sentence["labels_agree"].mean()


def test_compare_methods_kappa_by_hand():
    texts = ["A good plan.", "A bad plan.", "A plan.", "A good, bad plan."]
    per = analysis.compare_sentiment_methods(texts, cache=False)
    overall = analysis.compare_sentiment_methods(texts, by="corpus", cache=False)
    a, b = per["vader_label"], per["textblob_label"]
    po = (a == b).mean()
    pe = sum((a == k).mean() * (b == k).mean() for k in ["negative", "neutral", "positive"])
    assert overall.loc[0, "kappa"] == pytest.approx((po - pe) / (1 - pe))


def test_compare_methods_scores_each_sentence_as_textblob_does_and_once(sentences):
    from textblob.en import sentiment as pattern_sentiment

    from analysis.sentiment.comparison import textblob_scores

    texts = [*sentences["text"], sentences["text"].iloc[0]]  # one sentence twice
    textblob_scores.cache_clear()
    per = analysis.compare_sentiment_methods(texts, cache=False)
    reference = np.array([pattern_sentiment(t) for t in texts], dtype=float)
    assert (per[["textblob_polarity", "textblob_subjectivity"]].to_numpy() == reference).all()
    assert textblob_scores.cache_info().misses == len(set(texts))
    analysis.compare_sentiment_methods(texts, by="corpus", cache=False)
    assert textblob_scores.cache_info().misses == len(set(texts))


def test_compare_methods_small_groups_give_nan(sentences):
    result = analysis.compare_sentiment_methods(sentences, by="paragraph", cache=False)
    assert result["spearman_rho"].isna().any()


def test_empty_tables_give_empty_results(sentences):
    empty = sentences.iloc[:0]
    scored = analysis.sentence_sentiment(empty, cache=False)
    assert scored.empty and "compound" in scored
    assert analysis.sentiment_summary(scored, by="voice").empty
    assert analysis.sentiment_sensitivity(empty, by="voice", cache=False).empty
    assert analysis.compare_sentiment_methods(empty, by="document", cache=False).empty
    assert analysis.explain_sentiment(empty).empty


def test_each_distinct_text_is_scored_once(monkeypatch):
    calls = []
    original = analysis.sentiment.vader.VaderAnalyzer.polarity_scores

    def counting(self, text):
        calls.append(text)
        return original(self, text)

    monkeypatch.setattr(analysis.sentiment.vader.VaderAnalyzer, "polarity_scores", counting)
    analysis.polarity(TEXTS + TEXTS[:2], cache=False, processes=1)
    assert sorted(calls) == sorted(TEXTS)
