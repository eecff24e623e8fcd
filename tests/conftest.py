"""Fixtures shared by the whole suite: where the project is and the multi-document corpus.

Hypothesis needs no set-up here: it loads its derandomised "ci" profile by itself when CI=true.
"""

from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
CORPUS_MULTI = PROJECT_ROOT / "tests" / "fixtures" / "corpus_multi"


@pytest.fixture(scope="session")
def project_root() -> Path:
    """The checkout's root folder (where pyproject.toml is)."""
    return PROJECT_ROOT


@pytest.fixture(scope="session")
def corpus_multi() -> Path:
    """The hand-written multi-document fixture corpus; skips the test while it is absent."""
    if not CORPUS_MULTI.is_dir():
        pytest.skip(f"fixture corpus {CORPUS_MULTI.relative_to(PROJECT_ROOT)} does not exist yet")
    return CORPUS_MULTI


@pytest.fixture(scope="session")
def seed_corpus():
    """The shipped corpus (the seed commentary), loaded once for the session."""
    from analysis.corpus import load_corpus

    return load_corpus()


@pytest.fixture(scope="session")
def multi_corpus(corpus_multi):
    """The multi-document fixture corpus, loaded once for the session."""
    from analysis.corpus import load_corpus

    return load_corpus(corpus_multi)


@pytest.fixture(scope="session")
def fixture_names(corpus_multi) -> list[str]:
    """The invented proper names of the fixture corpus: capitalised words rare in English.

    A notebook written for the fixture corpus, or an output leaking from a run on it, shows one of
    these; "Harbour" or "Security" would be no evidence, so common words are left out (Zipf
    frequency below 2.5 in wordfreq's English list).
    """
    import re

    import wordfreq

    text = " ".join(p.read_text("utf-8") for p in sorted((corpus_multi / "texts").glob("*.txt")))
    words = set(re.findall(r"\b[A-Z][a-z]{2,}\b", text))
    return sorted(w for w in words if wordfreq.zipf_frequency(w.lower(), "en") < 2.5)


@pytest.fixture(scope="session")
def speech_corpus(tmp_path_factory):
    """The 124 benchmark speeches as a corpus, added with ``add`` into a temporary folder.

    Skips the test when ``../shared/benchmark/`` is absent; the speeches are never copied into
    the repository (``tests/_speeches.py`` says how each file becomes a document).
    """
    from _speeches import BENCHMARK_DIR, build_speech_corpus

    if not BENCHMARK_DIR.is_dir():
        pytest.skip(f"benchmark speeches not found in {BENCHMARK_DIR}")
    return build_speech_corpus(tmp_path_factory.mktemp("speeches") / "corpus")
