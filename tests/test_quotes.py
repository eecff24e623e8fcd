"""Quote tracing on hand-written fictional corpora: exact, near, selective and absent sources."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from _corpus_builder import make_corpus
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.corpus import Corpus, build_tables
from analysis.discourse import quotes
from analysis.discourse.quotes import COLUMNS, trace_quotes

BENCHMARK_DIR = Path(__file__).resolve().parents[2] / "shared" / "benchmark"

SPEECH = """\
Good evening to the people of Tarvel.

The river belongs to every village along its banks. We will build three new bridges before the \
spring floods. No family should wait a week for bread or medicine.

Our neighbours have asked for patience, and we have given it. But patience is not a policy. \
Tonight I ask the council to fund the bridges in full.
"""

REPORT = """\
Governor Mira Orla spoke in Tarvel on Monday.

“The river belongs to every village along its banks,” Orla said.

"we will build FOUR new bridges before the spring floods," Orla said.

“Patience is not a policy,” Orla said.

“The river belongs to every village … No family should wait a week for bread or medicine,” \
Orla said.

“Taxes will fall next year for every farmer in the valley,” Orla said.
"""

SECOND_REPORT = """\
Governor Mira Orla addressed Tarvel.

“The river belongs to every village along its banks,” Orla said. The council will vote in May.
"""


@pytest.fixture(scope="module")
def traced_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("quotes") / "corpus"
    return make_corpus(
        folder,
        {
            "2030-01-10-orla-speech": ("2030-01-10", SPEECH),
            "2030-01-11-report": ("2030-01-11", REPORT),
            "2030-01-12-second-report": ("2030-01-12", SECOND_REPORT),
        },
    )


@pytest.fixture(scope="module")
def traced(traced_corpus):
    return trace_quotes(traced_corpus).set_index(["doc_id", "quote_id"])


def test_one_row_per_direct_quotation_with_the_documented_columns(traced):
    assert list(traced.reset_index().columns) == COLUMNS
    assert traced.loc["2030-01-11-report"].shape[0] == 5
    assert traced.loc["2030-01-12-second-report"].shape[0] == 1
    assert set(traced["speaker"]) == {"Mira Orla"}


def test_exact_quote_points_back_into_the_source_text(traced):
    row = traced.loc[("2030-01-11-report", 1)]
    assert row["match"] == "exact"
    assert row["similarity"] == 100
    assert row["source_doc_id"] == "2030-01-10-orla-speech"
    assert SPEECH.strip()[row["source_start"] : row["source_end"]] == (
        "The river belongs to every village along its banks"
    )
    assert row["selection"] == "whole sentences"
    assert row["share_of_source"] == 1
    assert row["differences"] == ""
    assert row["source_voice"] == "author"


def test_a_source_that_says_the_words_beats_a_report_that_quotes_them(traced):
    row = traced.loc[("2030-01-11-report", 1)]
    assert row["other_sources"] == "2030-01-12-second-report"
    second = traced.loc[("2030-01-12-second-report", 1)]
    assert second["source_doc_id"] == "2030-01-10-orla-speech"
    assert second["other_sources"] == "2030-01-11-report"


def test_near_quote_with_straight_quotes_case_and_an_edited_word(traced):
    row = traced.loc[("2030-01-11-report", 2)]
    assert row["match"] == "near"
    # normalised: "we will build four new bridges before the spring floods" (55 characters)
    # against "... three ..." (56); "three" -> "four" keeps only the "r": 4 deletions and
    # 3 insertions, so 100 (1 - 7 / 111)
    assert row["similarity"] == pytest.approx(100 * (1 - 7 / 111))
    assert row["differences"] == "three → four"
    assert row["source_text"] == "We will build three new bridges before the spring floods"


def test_part_of_a_sentence_is_flagged_with_its_share(traced):
    row = traced.loc[("2030-01-11-report", 3)]
    assert row["match"] == "exact"  # case differs ("Patience" / "patience"): still exact
    assert row["selection"] == "part of a sentence"
    assert row["share_of_source"] == pytest.approx(5 / 6)
    assert row["source_context"] == "But patience is not a policy."


def test_ellipsis_joining_non_adjacent_passages(traced):
    row = traced.loc[("2030-01-11-report", 4)]
    assert row["match"] == "exact"
    assert row["selection"] == "non-adjacent passages"
    assert row["source_text"] == (
        "The river belongs to every village […] No family should wait a week for bread or medicine"
    )
    # 6 + 10 words quoted of the 9 + 10 + 10 words of the three source sentences
    assert row["share_of_source"] == pytest.approx(16 / 29)
    assert row["source_context"].startswith("The river") and row["source_context"].endswith(
        "medicine."
    )


def test_absent_source_is_not_found(traced):
    row = traced.loc[("2030-01-11-report", 5)]
    assert row["match"] == "not found"
    assert np.isnan(row["similarity"])
    assert pd.isna(row["source_doc_id"]) and pd.isna(row["source_start"])


def test_joining_two_sentences_that_are_not_neighbours(tmp_path):
    report = (
        "Governor Mira Orla spoke.\n\n“The river belongs to every village along its banks. "
        "Tonight I ask the council to fund the bridges in full,” Orla said.\n"
    )
    corpus = make_corpus(
        tmp_path / "corpus",
        {"2030-01-10-orla-speech": ("2030-01-10", SPEECH), "2030-01-11-r": ("2030-01-11", report)},
    )
    row = trace_quotes(corpus).iloc[-1]
    assert (row["match"], row["selection"]) == ("exact", "non-adjacent passages")


def test_short_quotes_are_matched_exactly_or_not_at_all(tmp_path):
    report = "Governor Mira Orla spoke.\n\n“Patience is policy,” Orla said.\n"
    corpus = make_corpus(
        tmp_path / "corpus",
        {"2030-01-10-orla-speech": ("2030-01-10", SPEECH), "2030-01-11-r": ("2030-01-11", report)},
    )
    assert trace_quotes(corpus).iloc[-1]["match"] == "not found"
    near = trace_quotes(corpus, fuzzy_min_words=3, min_similarity=80).iloc[-1]
    assert (near["match"], near["differences"]) == ("near", "−not a")


def test_quotations_under_min_words_are_not_traced(tmp_path):
    report = "Governor Mira Orla spoke.\n\n“Bridges,” Orla said. “Good evening,” she added.\n"
    corpus = make_corpus(
        tmp_path / "corpus",
        {"2030-01-10-orla-speech": ("2030-01-10", SPEECH), "2030-01-11-r": ("2030-01-11", report)},
    )
    traced = trace_quotes(corpus)
    assert traced["match"].tolist() == ["too short", "too short"]
    assert traced["similarity"].isna().all()
    assert trace_quotes(corpus, min_words=2).iloc[-1]["match"] == "exact"


def test_a_source_dated_after_the_quotation_loses_a_tie(tmp_path):
    earlier = "Governor Mira Orla spoke.\n\n“Patience is not a policy,” Orla said.\n"
    corpus = make_corpus(
        tmp_path / "corpus",
        {
            "2031-01-10-orla-speech": ("2031-01-10", SPEECH),
            "2030-01-11-r": ("2030-01-11", REPORT),
            "2029-01-01-earlier": ("2029-01-01", earlier),
        },
    )
    # the report's third quotation is in the speech (which says it, but a year later) and in
    # the earlier document (which quotes it): both 100, the later date loses
    row = trace_quotes(corpus).set_index(["doc_id", "quote_id"]).loc[("2030-01-11-r", 3)]
    assert (row["source_doc_id"], row["source_voice"]) == ("2029-01-01-earlier", "quote")
    assert row["source_date"] == pd.Timestamp("2029-01-01")
    assert row["other_sources"] == "2031-01-10-orla-speech"


def test_context_adds_neighbouring_source_sentences(tmp_path):
    corpus = make_corpus(
        tmp_path / "corpus",
        {"2030-01-10-orla-speech": ("2030-01-10", SPEECH), "2030-01-11-r": ("2030-01-11", REPORT)},
    )
    row = trace_quotes(corpus, context=1).iloc[2]
    assert row["source_context"] == (
        "Our neighbours have asked for patience, and we have given it. But patience is not a "
        "policy. Tonight I ask the council to fund the bridges in full."
    )


def test_single_document_corpus_finds_nothing_and_does_not_crash(tmp_path):
    corpus = make_corpus(tmp_path / "corpus", {"2030-01-11-report": ("2030-01-11", REPORT)})
    traced = trace_quotes(corpus)
    assert len(traced) == 5
    assert (traced["match"] == "not found").all()


def test_shipped_corpus_quotes_a_speech_that_is_not_in_it(seed_corpus):
    traced = trace_quotes(seed_corpus)
    assert len(traced) >= 2
    assert (traced["match"] == "not found").all()
    assert (traced["speaker"] == "Xi Jinping").all()


def test_fixture_corpus_exact_and_selective_quotes(multi_corpus):
    traced = trace_quotes(multi_corpus)
    assert traced["match"].tolist() == ["exact", "exact"]
    assert traced["selection"].tolist() == ["whole sentences", "part of a sentence"]
    assert set(traced["source_doc_id"]) == {"2019-11-03-marren-assembly"}


def test_no_quotations_gives_an_empty_table_with_the_columns(tmp_path):
    corpus = make_corpus(
        tmp_path / "corpus",
        {"2030-01-10-orla-speech": ("2030-01-10", SPEECH)},
    )
    traced = trace_quotes(corpus)
    assert traced.empty and list(traced.columns) == COLUMNS


def test_input_tables_are_not_changed(multi_corpus):
    before = {name: getattr(multi_corpus, name).copy() for name in ("documents", "tokens")}
    trace_quotes(multi_corpus)
    for name, table in before.items():
        pd.testing.assert_frame_equal(getattr(multi_corpus, name), table)


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("min_similarity", 0, "min_similarity=0 must be > 0 and <= 100"),
        ("min_similarity", 101, "min_similarity=101 must be > 0 and <= 100"),
        ("min_words", 0, "min_words=0 must be a whole number >= 1"),
        ("fuzzy_min_words", 1.5, "fuzzy_min_words=1.5 must be a whole number >= 1"),
        ("context", -1, "context=-1 must be a whole number >= 0"),
    ],
)
def test_bad_options_raise(multi_corpus, option, value, message):
    with pytest.raises(ValueError, match=message):
        trace_quotes(multi_corpus, **{option: value})


SPEECH_SENTENCES = [
    "The river belongs to every village along its banks.",
    "We will build three new bridges before the spring floods.",
    "No family should wait a week for bread or medicine.",
    "Tonight I ask the council to fund the bridges in full.",
]


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_exact_stretch_of_a_sentence_points_back_to_its_words(tmp_path_factory, data):
    sentence = data.draw(st.sampled_from(SPEECH_SENTENCES))
    words = sentence.rstrip(".").split()
    first = data.draw(st.integers(0, len(words) - 3))
    last = data.draw(st.integers(first + 3, len(words)))
    quoted = " ".join(words[first:last])
    report = f"Governor Mira Orla spoke.\n\n“{quoted.upper()},” Orla said.\n"
    corpus = make_corpus(
        tmp_path_factory.mktemp("property") / "corpus",
        {"2030-01-10-orla-speech": ("2030-01-10", SPEECH), "2030-01-11-r": ("2030-01-11", report)},
    )
    row = trace_quotes(corpus).iloc[-1]
    assert row["match"] == "exact"
    text = corpus.documents.set_index("doc_id").at["2030-01-10-orla-speech", "text"]
    assert text[row["source_start"] : row["source_end"]] == quoted
    assert row["source_context"] == sentence
    whole = first == 0 and last == len(words)
    assert (row["selection"] == "whole sentences") == whole
    assert row["share_of_source"] == pytest.approx((last - first) / len(words))


# --- the index (_Shingles) finds what the exhaustive search finds -----------------------------


def exhaustive(corpus, **options):
    """trace_quotes aligning every quotation with every other document, as before the index."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(quotes, "_sources", lambda *args, **kwargs: (None, None))
        return trace_quotes(corpus, **options)


@pytest.mark.parametrize(
    "options", [{}, {"fuzzy_min_words": 3, "min_similarity": 80}, {"min_words": 1}]
)
def test_the_index_gives_the_exhaustive_results_on_the_fixtures(traced_corpus, options):
    pd.testing.assert_frame_equal(
        trace_quotes(traced_corpus, **options), exhaustive(traced_corpus, **options)
    )


def test_the_index_gives_the_exhaustive_results_on_the_multi_corpus(multi_corpus):
    pd.testing.assert_frame_equal(trace_quotes(multi_corpus), exhaustive(multi_corpus))


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_an_edited_quotation_is_found_as_the_exhaustive_search_finds_it(tmp_path_factory, data):
    """One or two words of a long quotation replaced, dropped or added: same result either way."""
    words = " ".join(SPEECH_SENTENCES).replace(".", "").split()
    first = data.draw(st.integers(0, len(words) - 10))
    quoted = words[first : data.draw(st.integers(first + 9, min(len(words), first + 30)))]
    for _ in range(data.draw(st.integers(1, 2))):
        at = data.draw(st.integers(0, len(quoted) - 1))
        edit = data.draw(st.sampled_from(["replace", "drop", "add"]))
        if edit == "replace":
            quoted[at] = data.draw(st.sampled_from(["harbour", "the", "all", "winter"]))
        elif edit == "drop":
            del quoted[at]
        else:
            quoted.insert(at, "truly")
    report = f"Governor Mira Orla spoke.\n\n“{' '.join(quoted)},” Orla said.\n"
    corpus = make_corpus(
        tmp_path_factory.mktemp("edited") / "corpus",
        {
            "2030-01-10-orla-speech": ("2030-01-10", SPEECH),
            "2030-01-11-r": ("2030-01-11", report),
            "2030-01-12-second-report": ("2030-01-12", SECOND_REPORT),
        },
    )
    pd.testing.assert_frame_equal(trace_quotes(corpus), exhaustive(corpus))


@pytest.mark.skipif(not BENCHMARK_DIR.is_dir(), reason="benchmark speeches absent")
def test_the_index_gives_the_exhaustive_results_on_the_benchmark_speeches():
    """All 124 speeches (307 quotations, 54 sources found): identical tables."""
    texts = {}
    for path in sorted(BENCHMARK_DIR.glob("*/*.txt")):
        data = path.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252")
        texts[f"{path.parent.name}-{path.stem}".lower().replace("_", "-")] = text.strip()
    paragraphs, sentences, tokens = build_tables(texts)
    documents = pd.DataFrame({"doc_id": list(texts), "text": list(texts.values())}, dtype="str")
    years = [next(part for part in doc_id.split("-") if part.isdigit()) for doc_id in texts]
    documents["date"] = pd.to_datetime([f"{year}-01-01" for year in years])
    corpus = Corpus(BENCHMARK_DIR, documents, paragraphs, sentences, tokens)
    pd.testing.assert_frame_equal(trace_quotes(corpus), exhaustive(corpus))


@pytest.mark.parametrize(
    ("quoted", "source_text"),
    [
        (
            "harbour truly bridges before the spring floods No family should",
            "bridges before the spring floods. No family should",
        ),
        (
            "village along its banks We will build three new before the spring floods No family "
            "wait a week",
            "village along its banks. We will build three new bridges before the spring floods. "
            "No family should wait a week",
        ),
    ],
)
def test_the_index_and_the_exhaustive_search_climb_to_the_same_run(tmp_path, quoted, source_text):
    """Cases the property test found: the two searches start from stretches a few words apart
    (past a dip in similarity in the second); both must end at the best run."""
    report = f"Governor Mira Orla spoke.\n\n“{quoted},” Orla said.\n"
    corpus = make_corpus(
        tmp_path / "corpus",
        {
            "2030-01-10-orla-speech": ("2030-01-10", SPEECH),
            "2030-01-11-r": ("2030-01-11", report),
            "2030-01-12-second-report": ("2030-01-12", SECOND_REPORT),
        },
    )
    found = trace_quotes(corpus)
    pd.testing.assert_frame_equal(found, exhaustive(corpus))
    assert found.loc[0, "source_text"] == source_text


def test_a_quotation_matched_only_exactly_needs_all_its_trigrams(traced_corpus):
    """Its words in another order are not enough: that document is not a candidate at all."""
    words, vocabulary = quotes._all_words(traced_corpus.tokens)
    index = quotes._Shingles(words, vocabulary)
    query = ["patience", "is", "not", "a", "policy"]
    in_order = index.lookup(query, fuzzy=False, by_trigrams=True)
    assert set(in_order) == {"2030-01-10-orla-speech", "2030-01-11-report"}
    assert set(index.lookup(query[::-1], fuzzy=False)) == set(in_order)  # all the words
    assert index.lookup(query[::-1], fuzzy=False, by_trigrams=True) == {}
