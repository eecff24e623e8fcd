"""The Dask path gives the in-memory results: tables, the eight analyses, the store, errors.

Every analysis runs on a corpus loaded with ``engine="dask"`` and is compared with
``pandas.testing.assert_frame_equal`` (row order and dtypes included) to the same call on the
in-memory corpus: on the seed, on the multi-document fixture and on the benchmark speeches (skipped
when ``../shared/benchmark/`` is absent). The cluster is a ``LocalCluster`` of two worker threads
(one process: quick to start); one test runs real worker processes, so that everything sent to
a worker is known to pickle. Small partitions (``GROUP_CHARACTERS``) make each corpus several
partitions, so the reductions really combine partial counts.
"""

import itertools
import shutil
import subprocess
import sys

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis
from analysis.distributed import engine
from analysis.distributed import tables as dask_tables
from analysis.errors import AnalysisError

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

pytestmark = pytest.mark.xdist_group("dask")

# dispersion's measures are float sums over parts, taken in another order on the partitions
LOOSE = {"juilland_d", "carroll_d2", "dp", "dp_norm"}


@pytest.fixture(scope="module")
def cluster():
    """A LocalCluster of two single-threaded workers in this process, as the default client."""
    with (
        distributed.LocalCluster(
            processes=False, n_workers=2, threads_per_worker=1, dashboard_address=":0"
        ) as local,
        distributed.Client(local) as session,
    ):
        yield session


@pytest.fixture(scope="module")
def small_partitions():
    """One document per partition."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dask_tables, "GROUP_CHARACTERS", 1)
        yield


def assert_same(result, expected):
    """Equal, dtypes and order included; floats of ``LOOSE`` columns to 1e-12 relative."""
    loose = [c for c in expected.columns if c in LOOSE]
    exact = [c for c in expected.columns if c not in LOOSE]
    assert list(result.columns) == list(expected.columns)
    pd.testing.assert_frame_equal(result[exact], expected[exact])
    if loose:
        pd.testing.assert_frame_equal(
            result[loose], expected[loose], check_exact=False, rtol=1e-12, atol=1e-15
        )


def on_dask(corpus):
    return analysis.load_corpus(corpus.path, engine="dask")


@pytest.fixture(scope="module")
def seed_pair(cluster, small_partitions, seed_corpus):
    return on_dask(seed_corpus), seed_corpus


@pytest.fixture(scope="module")
def multi_pair(cluster, small_partitions, multi_corpus):
    return on_dask(multi_corpus), multi_corpus


@pytest.fixture(scope="module")
def speech_pair(cluster, speech_corpus):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dask_tables, "GROUP_CHARACTERS", 500_000)
        return on_dask(speech_corpus), speech_corpus


KEYTERM_CALLS = {
    "frequencies": lambda t: analysis.frequencies(t),
    "frequencies by document": lambda t: analysis.frequencies(t, by="document", min_count=2),
    "frequencies by voice, speaker": lambda t: analysis.frequencies(
        t, by=["voice", "speaker"], stopwords="drop"
    ),
    "ngrams": lambda t: analysis.ngrams(t),
    "ngrams 2-4 drop_edge": lambda t: analysis.ngrams(t, n=(2, 4), stopwords="drop_edge"),
    "collocations": lambda t: analysis.collocations(t, min_count=2),
    "collocations mi drop": lambda t: analysis.collocations(
        t, measure="mi", min_count=1, stopwords="drop"
    ),
    "dispersion": lambda t: analysis.dispersion(t),
    "dispersion by document": lambda t: analysis.dispersion(t, parts="doc_id", min_count=2),
    "dispersion by sentence": lambda t: analysis.dispersion(
        t, parts="sentence_id", stopwords="drop"
    ),
    "keyness quote vs all": lambda t: analysis.keyness(t[t["voice"] == "quote"], t, min_count=1),
    "keyness author vs list": lambda t: analysis.keyness(
        t[t["voice"] == "author"], ["we", "peace", "security"] * 5, g2="two_term"
    ),
    "kwic": lambda t: analysis.kwic(t, "security"),
    "kwic phrase": lambda t: analysis.kwic(t, "we will", window=3),
    "kwic regex left": lambda t: analysis.kwic(t, "(peace|secur.*)", match="regex", sort="left"),
    "kwic absent": lambda t: analysis.kwic(t, "zzzzqx"),
}

# one call of each function on the half-million words of the speeches (the others: the fixtures)
SPEECH_CALLS = [
    "frequencies by document",
    "ngrams",
    "collocations mi drop",
    "dispersion",
    "keyness quote vs all",
    "kwic regex left",
]


def test_the_tables_are_the_in_memory_tables(multi_pair):
    dask_corpus, corpus = multi_pair
    assert dask_corpus.tokens.npartitions == len(corpus.documents) > 1
    pd.testing.assert_frame_equal(dask_corpus.documents, corpus.documents)
    for name in ("paragraphs", "sentences", "tokens"):
        pd.testing.assert_frame_equal(getattr(dask_corpus, name).compute(), getattr(corpus, name))


@pytest.mark.parametrize("call", KEYTERM_CALLS, ids=str)
@pytest.mark.parametrize("pair", ["seed_pair", "multi_pair"])
def test_key_terms_equal_the_in_memory_ones(pair, call, request):
    dask_corpus, corpus = request.getfixturevalue(pair)
    assert_same(KEYTERM_CALLS[call](dask_corpus.tokens), KEYTERM_CALLS[call](corpus.tokens))


@pytest.mark.parametrize("pair", ["seed_pair", "multi_pair"])
def test_sentence_sentiment_and_discourse_features_equal_the_in_memory_ones(
    pair, request, tmp_path
):
    dask_corpus, corpus = request.getfixturevalue(pair)
    expected = analysis.sentence_sentiment(corpus.sentences, cache=False)
    assert_same(analysis.sentence_sentiment(dask_corpus.sentences, cache=False), expected)
    found, expected = analysis.discourse_features(dask_corpus), analysis.discourse_features(corpus)
    for name in ("matches", "sentences", "categories", "lexicons", "words"):
        assert_same(getattr(found, name), getattr(expected, name))
    assert_same(found.by_document, expected.by_document)
    some = analysis.discourse_features(dask_corpus.tokens, features=["modality", "actors"])
    assert_same(
        some.matches,
        analysis.discourse_features(corpus.tokens, features=["modality", "actors"]).matches,
    )


def test_every_analysis_equals_the_in_memory_one_on_the_benchmark_speeches(speech_pair):
    dask_corpus, corpus = speech_pair
    assert dask_corpus.tokens.npartitions > 2
    for name in ("sentences", "tokens"):
        pd.testing.assert_frame_equal(getattr(dask_corpus, name).compute(), getattr(corpus, name))
    for call in SPEECH_CALLS:
        assert_same(KEYTERM_CALLS[call](dask_corpus.tokens), KEYTERM_CALLS[call](corpus.tokens))
    # VADER and the feature finders on every tenth speech (all partitions, a tenth of the CPU)
    some = corpus.documents["doc_id"].iloc[::10].tolist()
    sentences = dask_corpus.sentences[dask_corpus.sentences["doc_id"].isin(some)]
    expected = analysis.sentence_sentiment(
        corpus.sentences[corpus.sentences["doc_id"].isin(some)], cache=False
    )
    assert_same(analysis.sentence_sentiment(sentences, cache=False), expected)
    tokens = dask_corpus.tokens[dask_corpus.tokens["doc_id"].isin(some)]
    found = analysis.discourse_features(tokens, features=["modality", "actors"])
    expected = analysis.discourse_features(
        corpus.tokens[corpus.tokens["doc_id"].isin(some)], features=["modality", "actors"]
    )
    for name in ("matches", "sentences", "words"):
        assert_same(getattr(found, name), getattr(expected, name))


@given(cuts=st.sets(st.integers(min_value=1, max_value=3), max_size=3))
@settings(max_examples=5, deadline=None)
def test_any_split_into_whole_documents_counts_the_same(multi_pair, cuts):
    """Partial counts of any groups of whole documents add up to the counts of the corpus."""
    _, corpus = multi_pair
    tokens = corpus.tokens
    doc_ids = sorted(tokens["doc_id"].unique())
    bounds = [0, *sorted(cuts), len(doc_ids)]
    parts = [tokens[tokens["doc_id"].isin(doc_ids[lo:hi])] for lo, hi in itertools.pairwise(bounds)]
    table = dd.from_delayed([dask.delayed(part) for part in parts], meta=tokens.iloc[:0])
    for call in ("frequencies by document", "ngrams 2-4 drop_edge", "dispersion"):
        assert_same(KEYTERM_CALLS[call](table), KEYTERM_CALLS[call](tokens))


def test_a_second_load_reads_the_store(cluster, small_partitions, corpus_multi, tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(corpus_multi, folder, ignore=shutil.ignore_patterns(".cache"))
    first = analysis.load_corpus(folder, engine="dask")
    stored = sorted(p.name for p in (folder / ".cache" / "tables").glob("*.json"))
    assert len(stored) == first.tokens.npartitions  # one segment per group of documents
    with pytest.MonkeyPatch.context() as patch:

        def refuse(*args, **kwargs):
            raise AssertionError("a table was built again")

        patch.setattr(dask_tables, "build_arrow_tables", refuse)
        second = analysis.load_corpus(folder, engine="dask")
        pd.testing.assert_frame_equal(second.tokens.compute(), first.tokens.compute())
    assert sorted(p.name for p in (folder / ".cache" / "tables").glob("*.json")) == stored


def test_without_the_store_the_tables_stay_in_memory(
    cluster, small_partitions, corpus_multi, tmp_path
):
    folder = tmp_path / "corpus"
    shutil.copytree(corpus_multi, folder, ignore=shutil.ignore_patterns(".cache"))
    loaded = analysis.load_corpus(folder, engine="dask", cache=False)
    assert not (folder / ".cache").exists()
    expected = analysis.load_corpus(folder, cache=False)
    pd.testing.assert_frame_equal(loaded.sentences.compute(), expected.sentences)
    assert_same(analysis.frequencies(loaded.tokens), analysis.frequencies(expected.tokens))


def test_worker_processes_give_the_same_counts(multi_corpus, tmp_path):
    """Real worker processes: every function and table sent to them pickles."""
    with (
        distributed.LocalCluster(
            processes=True, n_workers=1, threads_per_worker=1, dashboard_address=":0"
        ) as local,
        distributed.Client(local, set_as_default=False) as session,
        session.as_current(),
    ):
        folder = tmp_path / "corpus"
        shutil.copytree(multi_corpus.path, folder, ignore=shutil.ignore_patterns(".cache"))
        loaded = analysis.load_corpus(folder, engine="dask")
        assert_same(analysis.ngrams(loaded.tokens), analysis.ngrams(multi_corpus.tokens))


def test_a_sample_of_documents_is_seeded_and_in_memory(multi_pair):
    dask_corpus, corpus = multi_pair
    sample = dask_tables.sample_documents(dask_corpus, 2, seed=3)
    doc_ids = list(sample.documents["doc_id"])
    assert doc_ids == sorted(doc_ids) and len(doc_ids) == 2
    assert doc_ids == list(dask_tables.sample_documents(corpus, 2, seed=3).documents["doc_id"])
    expected = corpus.tokens[corpus.tokens["doc_id"].isin(doc_ids)].reset_index(drop=True)
    pd.testing.assert_frame_equal(sample.tokens, expected)


def test_a_bad_engine_is_a_one_line_error():
    with pytest.raises(ValueError, match=r"^engine='spark' is not one of: 'pandas', 'dask'$"):
        analysis.load_corpus(engine="spark")


def test_an_unreachable_scheduler_says_what_to_fix(monkeypatch):
    monkeypatch.setattr(engine, "_TIMEOUT", 1)
    monkeypatch.setenv(engine.ENV_VAR, "tcp://127.0.0.1:9")
    with pytest.raises(
        AnalysisError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9 "
    ) as error:
        engine.client()
    assert "\n" not in str(error.value) and "DASK_SCHEDULER_ADDRESS" in str(error.value)


def test_the_in_memory_path_never_imports_dask():
    code = (
        "import sys, analysis\n"
        "from analysis.keyterms._counting import toy_tokens\n"
        "analysis.frequencies(toy_tokens('we act . we act .'))\n"
        "print(any(m.split('.')[0] in ('dask', 'distributed') for m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_a_dask_table_missing_columns_gets_the_in_memory_message(cluster):
    table = dd.from_pandas(pd.DataFrame({"norm": ["a"]}), npartitions=1)
    with pytest.raises(ValueError, match="table lacks column"):
        analysis.frequencies(table)
