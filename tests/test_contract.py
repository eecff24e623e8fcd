"""Every public function's result columns, in order, are the ones docs/CONTRACT.md lists."""

import re

import numpy as np
import pandas as pd
import pytest

import analysis
from analysis.levels import level_columns

CONTRACT = analysis.paths.PROJECT_ROOT / "docs" / "CONTRACT.md"
ROW_RE = re.compile(r"^\| `([\w.()]+)` \| `([^`]+)` \|$")


def documented():
    section = CONTRACT.read_text(encoding="utf-8").split("## Result tables", 1)[1]
    rows = (ROW_RE.match(line) for line in section.splitlines())
    return {m.group(1): m.group(2).split(", ") for m in rows if m}


@pytest.fixture(scope="module")
def calls(seed_corpus, multi_corpus):
    tokens, sentences, paragraphs = (
        seed_corpus.tokens,
        seed_corpus.sentences,
        seed_corpus.paragraphs,
    )
    scored = analysis.sentence_sentiment(sentences, cache=False)
    found = analysis.discourse_features(seed_corpus)
    topics = analysis.fit_topics(paragraphs, n_topics=2)
    quoted = tokens["voice"] == "quote"
    ids = ["doc_id", "paragraph_id"]
    # name -> (result, by level for <by>, id columns for <ids>)
    return {
        "corpus_summary": (analysis.corpus_summary(seed_corpus), None, None),
        "vocabulary_growth": (analysis.vocabulary_growth(seed_corpus), None, None),
        "voice_shares": (analysis.voice_shares(seed_corpus), None, None),
        "frequencies": (analysis.frequencies(tokens, by="voice"), "voice", None),
        "ngrams": (analysis.ngrams(tokens), None, None),
        "formulas": (analysis.formulas(tokens), None, None),
        "collocations": (analysis.collocations(tokens), None, None),
        "collocates": (analysis.collocates(tokens, "security"), None, None),
        "keyness": (analysis.keyness(tokens[quoted], tokens[~quoted]), None, None),
        "reference_frequencies": (analysis.reference_frequencies(["peace"]), None, None),
        "dispersion": (analysis.dispersion(tokens), None, None),
        "kwic": (analysis.kwic(tokens, "security"), None, None),
        "distinctive_terms": (analysis.distinctive_terms(tokens, by="voice"), "voice", None),
        "polarity": (analysis.polarity(["A good plan."], cache=False), None, None),
        "sentence_sentiment": (scored, None, ["doc_id", "paragraph_id", "sentence_id"]),
        "sentiment_summary": (analysis.sentiment_summary(scored, by="speaker"), "speaker", None),
        "explain_sentiment": (analysis.explain_sentiment("A good plan."), None, None),
        "sentiment_sensitivity": (
            analysis.sentiment_sensitivity(sentences, by="voice", cache=False),
            "voice",
            None,
        ),
        "compare_sentiment_methods": (
            analysis.compare_sentiment_methods(sentences, by="document", cache=False),
            "document",
            None,
        ),
        "fit_topics().assignments": (topics.assignments, None, ids),
        "fit_topics().top_terms": (topics.top_terms, None, None),
        "cluster_texts().assignments": (
            analysis.cluster_texts(paragraphs, n_clusters=2).assignments,
            None,
            ids,
        ),
        "model_selection": (analysis.model_selection(paragraphs, ks=[2, 3]), None, None),
        "discourse_features().matches": (found.matches, None, None),
        "discourse_features().rates": (found.rates("document"), "document", None),
        "trace_quotes": (analysis.trace_quotes(multi_corpus), None, None),
        "document_profile": (analysis.document_profile(multi_corpus), None, None),
        "keyness_by": (analysis.keyness_by(multi_corpus, by="year"), None, None),
    }


def expand(columns, by, ids, result):
    out = []
    for column in columns:
        if column == "<by>":
            out += level_columns(by)
        elif column == "<ids>":
            out += ids
        elif column == "topic_1 … topic_k":
            out += [c for c in result.columns if re.fullmatch(r"topic_\d+", c)]
        else:
            out.append(column)
    return out


def test_the_contract_lists_every_public_function_that_returns_a_table(calls):
    assert set(documented()) == set(calls)


@pytest.mark.parametrize("name", sorted(documented()))
def test_result_columns_are_the_documented_ones_in_order(calls, name):
    result, by, ids = calls[name]
    assert list(result.columns) == expand(documented()[name], by, ids, result)


_TOKEN_CATEGORICALS = {"doc_id", "token", "norm", "speaker", "kind", "voice"}


@pytest.mark.parametrize("table", ["paragraphs", "sentences", "tokens"])
def test_corpus_tables_have_the_documented_dtypes(multi_corpus, table):
    """docs/CONTRACT.md, "Dtypes": categorical token strings, narrow integers, str elsewhere."""
    frame = getattr(multi_corpus, table)
    for column, dtype in frame.dtypes.items():
        if column in ("paragraph_id", "sentence_id", "token_id"):
            assert dtype in (np.int16, np.int32), column
        elif column in ("start", "end"):
            assert dtype == np.int32, column
        elif column.startswith("is_"):
            assert dtype == np.bool_, column
        elif column == "voice" or (table == "tokens" and column in _TOKEN_CATEGORICALS):
            assert isinstance(dtype, pd.CategoricalDtype), column
            assert dtype.categories.dtype == "str", column
        else:
            assert dtype == "str", column
