"""Tests for analysis.topics: table shapes and order, determinism, content words, small corpora."""

import numpy as np
import pandas as pd
import pytest
from _themes import THEMES, theme_texts
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import fit_topics
from analysis import modelling_units as analysis_modelling_units
from analysis import short_units as analysis_short_units
from analysis.topics._vectorize import TIE_DECIMALS, ranked_terms
from analysis.topics.models import topic_order

TEXTS, LABELS = theme_texts()


@pytest.fixture(scope="module", params=["nmf", "lda"])
def model(request):
    return fit_topics(TEXTS, n_topics=3, method=request.param)


def test_assignments_have_one_row_per_text_in_input_order(model):
    a = model.assignments
    assert list(a.columns) == ["text_id", "topic", "weight", "topic_1", "topic_2", "topic_3"]
    assert a["text_id"].tolist() == list(range(1, len(TEXTS) + 1))
    assert str(a["topic"].dtype) == "Int64"
    shares = a[["topic_1", "topic_2", "topic_3"]].to_numpy()
    np.testing.assert_allclose(shares.sum(axis=1), 1.0)
    np.testing.assert_allclose(a["weight"], shares.max(axis=1))
    assert (a["topic"] == shares.argmax(axis=1) + 1).all()


def test_topics_recover_the_three_themes(model):
    by_theme = pd.crosstab(pd.Series(LABELS, name="theme"), model.assignments["topic"])
    assert (by_theme.gt(0).sum(axis=1) == 1).all()  # each theme in one topic
    assert (by_theme.gt(0).sum(axis=0) == 1).all()  # each topic one theme
    for _, terms in model.top_terms[model.top_terms["rank"] <= 5].groupby("topic")["term"]:
        assert any(set(terms) <= set(words) for words in THEMES.values())


def test_top_terms_are_sorted_ranked_and_keep_counts(model):
    t = model.top_terms
    assert list(t.columns) == ["topic", "rank", "term", "weight", "n_texts"]
    assert t.equals(t.sort_values(["topic", "rank"]).reset_index(drop=True))
    for _, group in t.groupby("topic"):
        assert group["rank"].tolist() == list(range(1, len(group) + 1))
        # weights equal to TIE_DECIMALS are ties, ranked by term
        assert group["weight"].round(TIE_DECIMALS).is_monotonic_decreasing
        tied = group.groupby(group["weight"].round(TIE_DECIMALS), sort=False)["term"]
        assert all(terms.is_monotonic_increasing for _, terms in tied)
    # the first word of each theme is in every one of that theme's 10 texts
    assert set(t.loc[t["term"].isin(["lighthouse", "apple", "telescope"]), "n_texts"]) == {10}
    assert t["n_texts"].sum() == sum(t["term"].map(lambda w: sum(w in x.split() for x in TEXTS)))


def test_topics_are_numbered_by_share_of_the_corpus_then_by_top_terms(model):
    # the three themes have ten texts each, so their shares tie (exactly, for LDA): the top
    # terms as text decide, never the component index the library chose
    shares = model.assignments[["topic_1", "topic_2", "topic_3"]].sum() / len(TEXTS)
    top = model.top_terms.groupby("topic")["term"].agg(tuple)
    keys = list(zip(-shares.round(TIE_DECIMALS).to_numpy(), top.to_numpy(), strict=True))
    assert keys == sorted(keys)


@pytest.mark.parametrize("method", ["nmf", "lda"])
def test_numbering_does_not_depend_on_the_order_of_the_texts(method):
    # reversing the input permutes NMF's and LDA's components; the topics keep their numbers
    forward = fit_topics(TEXTS, n_topics=3, method=method)
    backward = fit_topics(TEXTS[::-1], n_topics=3, method=method)
    assert forward.labels(3).tolist() == backward.labels(3).tolist()
    assert forward.assignments["topic"].tolist() == backward.assignments["topic"].tolist()[::-1]


@pytest.mark.parametrize("method", ["nmf", "lda"])
def test_same_input_and_seed_give_identical_tables(method):
    first = fit_topics(TEXTS, n_topics=4, method=method, random_state=7)
    second = fit_topics(TEXTS, n_topics=4, method=method, random_state=7)
    pd.testing.assert_frame_equal(first.assignments, second.assignments)
    pd.testing.assert_frame_equal(first.top_terms, second.top_terms)


def test_table_input_keeps_its_ids_and_order_and_is_not_mutated():
    table = pd.DataFrame(
        {"doc_id": ["b"] * 3 + ["a"] * 3, "paragraph_id": [3, 1, 2, 1, 2, 3], "text": TEXTS[:6]}
    )
    before = table.copy()
    a = fit_topics(table, n_topics=2, min_df=1).assignments
    pd.testing.assert_frame_equal(table, before)
    assert list(a.columns[:2]) == ["doc_id", "paragraph_id"]
    pd.testing.assert_frame_equal(a[["doc_id", "paragraph_id"]], table[["doc_id", "paragraph_id"]])


def test_only_content_words_are_counted():
    texts = [
        "We must not forget the non-traditional threats of COVID\u201119.",
        "Xi\u2019s non-traditional plan: we will fight COVID-19 together in 2020.",
        "They should fight the threats together.",
    ]
    vocabulary = fit_topics(texts, n_topics=1, min_df=1).pipeline["vectorizer"].vocabulary_
    assert {"non-traditional", "covid-19", "xi", "threats", "fight"} <= set(vocabulary)
    assert not {"we", "must", "not", "the", "will", "they", "should", "2020", "'s"} & set(
        vocabulary
    )


def test_a_text_without_counted_words_gets_no_topic():
    a = fit_topics([*TEXTS[:6], "We and they, of the."], n_topics=2, min_df=1).assignments
    assert a["topic"].iloc[:-1].notna().all()
    assert pd.isna(a["topic"].iloc[-1])
    assert a.iloc[-1][["weight", "topic_1", "topic_2"]].isna().all()


def test_labels_and_pipeline():
    model = fit_topics(TEXTS, n_topics=3)
    labels = model.labels(2)
    assert labels.index.tolist() == [1, 2, 3]
    assert all(label.startswith(f"{t}: ") for t, label in labels.items())
    raw = model.pipeline.transform(["comet telescope nebula"])
    assert np.argmax(raw[0, list(model.topic_order)]) + 1 == model.assignments["topic"].iloc[2]


@pytest.mark.parametrize(
    ("texts", "kwargs", "message"),
    [
        (["one lonely text about comets"], {"n_topics": 1}, "at least 2 texts"),
        (TEXTS[:3], {"n_topics": 3}, "at most n_topics=2"),
        (TEXTS[:3], {"n_topics": 0}, r"^n_topics=0 must be an integer >= 1$"),
        (TEXTS, {"n_topics": 2.5}, r"^n_topics=2.5 must be an integer >= 1$"),
        (TEXTS, {"n_topics": 2, "top": 0}, r"^top=0 must be an integer >= 1$"),
        (TEXTS, {"n_topics": 2, "min_df": -1}, r"^min_df=-1 must be an integer >= 1$"),
        (TEXTS, {"n_topics": 2, "max_df": 1.5}, r"^max_df=1.5 must be a number between 0 and 1$"),
        (TEXTS, {"n_topics": 2, "random_state": -3}, r"^random_state=-3 must be an integer >= 0"),
        (["we and the", "they of it", "she must not"], {"n_topics": 2}, "no content words"),
        (TEXTS[:4], {"n_topics": 2, "min_df": 5}, "lower min_df"),
        (TEXTS[:2], {"n_topics": 1}, "raise max_df"),
        (["comet comet", "comet nebula", "lens comet"], {"n_topics": 2, "max_df": 1.0}, "only 1"),
        (TEXTS, {"n_topics": 2, "method": "pca"}, "method='pca' is not one of: 'nmf', 'lda'"),
    ],
)
def test_requests_the_data_cannot_support_say_what_to_change(texts, kwargs, message):
    with pytest.raises(ValueError, match=message):
        fit_topics(texts, **kwargs)


@pytest.mark.parametrize(
    "texts", ["a single string", [1, 2, 3], pd.DataFrame({"body": ["a", "b"]}), None]
)
def test_wrong_input_types_are_refused(texts):
    with pytest.raises((TypeError, ValueError), match="text"):
        fit_topics(texts, n_topics=1)


def test_a_table_without_text_gets_the_one_table_message():
    with pytest.raises(ValueError, match=r"^table lacks column\(s\) text; pass e.g. corpus"):
        fit_topics(pd.DataFrame({"body": ["a", "b"]}), n_topics=1)


def test_top_sets_the_terms_per_topic_and_per_label():
    model = fit_topics(TEXTS, n_topics=3, top=4)
    assert model.top_terms.groupby("topic")["rank"].max().tolist() == [4, 4, 4]
    assert model.labels(top=2).str.count(", ").tolist() == [1, 1, 1]
    with pytest.raises(ValueError, match=r"^top=0 must be an integer >= 1$"):
        model.labels(top=0)


def test_two_exactly_tied_topics_are_numbered_by_their_top_terms():
    # issue 9: the two themes' shares tie exactly, so another BLAS kernel may fill NMF's
    # components the other way round; the numbering must come from the terms
    texts = ["border security troops border", "trade tariffs exports trade",
             "security troops patrol border", "exports tariffs trade deal"]  # fmt: skip
    model = fit_topics(texts, n_topics=2, min_df=1)
    assert model.assignments["topic"].tolist() == [1, 2, 1, 2]
    assert model.labels(1).tolist() == ["1: border", "2: trade"]


def test_topic_order_ignores_the_component_index():
    rng = np.random.default_rng(0)
    terms = np.array(["anchor", "apple", "comet", "dome", "ferry", "lens"])
    shares = np.full((4, 3), 1 / 3)  # every topic ties on share
    topic_term = rng.dirichlet(np.ones(6), size=3)
    order = topic_order(shares, topic_term, terms, 3)
    for permutation in ([2, 0, 1], [1, 2, 0], [2, 1, 0]):
        permuted = topic_order(shares[:, permutation], topic_term[permutation], terms, 3)
        assert [permutation[j] for j in permuted] == order


def test_typical_units_break_equal_weights_by_input_order():
    model = fit_topics(TEXTS, n_topics=3)
    typical = model.typical_units(top=2)
    assert typical["topic"].tolist() == [1, 1, 2, 2, 3, 3]
    for _, rows in typical.groupby("topic"):
        weights = rows["weight"].round(TIE_DECIMALS)
        assert weights.is_monotonic_decreasing
        assert all(rows.index[1:] > rows.index[:-1]) or weights.nunique() > 1
    assert (typical["weight"] == model.assignments.loc[typical.index, "weight"]).all()


# A fictional address, written for these tests: two themes (the river, the grain trade), opened
# and closed the way speeches are, and with the title "president" used once as content.
SPEECH = [
    "Colleagues,",
    "Mr. President, Excellencies, ladies and gentlemen, dear friends,",
    "Dear friends, the river floods the valley farms each spring, and the river dams are old.",
    "Dear colleagues, grain exports fell when the ports closed; grain prices rose in winter.",
    "Excellencies, the river commission will rebuild the dams before the spring floods.",
    "Ladies and gentlemen, the grain ports will reopen, and exports will recover by winter.",
    "The president of the river commission inspected the dams and the valley farms.",
    "Mr. Chairman, merchants need open ports, fair grain prices and steady exports.",
    "Thank you. God bless you all.",
]


def _speech_corpus():
    from types import SimpleNamespace

    paragraphs = pd.DataFrame(
        {"doc_id": "d", "paragraph_id": range(1, len(SPEECH) + 1), "text": SPEECH}
    )
    documents = pd.DataFrame({"doc_id": ["d"], "text": ["\n\n".join(SPEECH)]})
    return SimpleNamespace(documents=documents, paragraphs=paragraphs)


def test_salutations_and_vocatives_are_not_topic_terms():
    # issue 10 §3: opening every paragraph with "Dear friends," must not make a theme of it
    from analysis.topics._vectorize import salutations

    model = fit_topics(SPEECH, n_topics=2, min_df=1)
    vocabulary = set(model.pipeline["vectorizer"].vocabulary_)
    words = salutations()[0]
    assert not vocabulary & words
    assert not {"dear", "friends", "colleagues", "excellencies", "ladies", "gentlemen", "mr.",
                "chairman", "thank", "god", "bless"} & vocabulary  # fmt: skip
    # "Mr. President" goes as a phrase; "the president of the river commission" is content
    assert "president" in vocabulary
    assert model.labels(top=2).tolist() == ["1: grain, exports", "2: river, dams"]


def test_units_too_short_to_carry_a_topic_are_left_out_and_listed():
    corpus = _speech_corpus()
    units = analysis_modelling_units(corpus)
    left_out = analysis_short_units(corpus)
    assert units["paragraph_id"].tolist() == [3, 4, 5, 6, 7, 8]
    assert left_out.to_dict("list") == {
        "doc_id": ["d", "d", "d"],
        "paragraph_id": [1, 2, 9],
        "n_content_words": [0, 0, 0],
        "text": [SPEECH[0], SPEECH[1], SPEECH[8]],
    }
    # the two tables partition the units, whatever the threshold
    for min_words in (0, 3, 6, 8, 100):
        kept = analysis_modelling_units(corpus, min_words=min_words)["paragraph_id"]
        short = analysis_short_units(corpus, min_words=min_words)["paragraph_id"]
        assert sorted([*kept, *short]) == list(range(1, 10)) and not set(kept) & set(short)
    assert analysis_modelling_units(corpus, min_words=0)["paragraph_id"].tolist() == list(
        range(1, 10)
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"unit": "sentences"}, r"^unit='sentences' is not one of: 'auto', 'paragraphs'"),
        ({"min_words": -1}, r"^min_words=-1 must be an integer >= 0$"),
        ({"min_documents": 0}, r"^min_documents=0 must be an integer >= 1$"),
    ],
)
def test_unit_options_are_checked(kwargs, message):
    with pytest.raises(ValueError, match=message):
        analysis_modelling_units(_speech_corpus(), **kwargs)


def test_the_benchmark_speeches_have_no_topic_made_of_salutations(speech_corpus):
    # issue 10 §3, on real speeches: the 124 documents, and the paragraphs of seven addresses
    # (they open with "Mr. Speaker, ..., fellow citizens" and close with "God bless America").
    # A top term counts as a salutation when it is a listed word or when most of its
    # occurrences sit inside a listed phrase ("God" in "God bless" is, "God is near" is not).
    from collections import Counter

    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    from analysis.resources import stopwords
    from analysis.topics._vectorize import ContentWords, content_words, salutations

    words = salutations()[0]
    plain, full = ContentWords(frozenset(ENGLISH_STOP_WORDS) | stopwords()), content_words()
    ids = sorted(speech_corpus.documents["doc_id"])
    few = [d for d in ids if d.startswith("state-union-20")][:4] + [
        d for d in ids if d.startswith("inaugural-19")
    ][-3:]
    paragraphs = analysis_modelling_units(speech_corpus, unit="paragraphs")
    left_out = analysis_short_units(speech_corpus, unit="paragraphs")
    assert {"Fellow-Citizens:", "My fellow citizens:", "Thank you. Thank you so much."} <= set(
        left_out["text"]
    )
    for units in (speech_corpus.documents, paragraphs[paragraphs["doc_id"].isin(few)]):
        raw = Counter(w for text in units["text"] for w in plain(text))
        kept = Counter(w for text in units["text"] for w in full(text))
        for k in (3, 6):
            top = fit_topics(units, n_topics=k).top_terms
            assert not set(top["term"]) & words
            for _, terms in top.groupby("topic")["term"]:
                salutation = [t for t in terms if kept[t] < 0.5 * raw[t]]
                assert len(salutation) < len(terms) / 2, salutation


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from([0.0, 0.1, 0.2, 0.2 + 1e-17, 0.5, 1.0, -0.3]), min_size=1, max_size=12
    ),
    st.integers(min_value=1, max_value=14),
)
def test_the_first_top_ranked_terms_are_the_head_of_the_full_ranking(weights, top):
    # ranked_terms(top=...) sorts only the terms that can make the head (a speed-up for large
    # vocabularies); ties at the cut, equal-to-9-decimals weights and zeros must not change it
    terms = np.array([f"t{i:02d}" for i in range(len(weights))][::-1], dtype=object)
    row = np.array(weights)
    assert ranked_terms(row, terms, top) == ranked_terms(row, terms)[:top]
