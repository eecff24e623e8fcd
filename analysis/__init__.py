"""Discourse analysis of political speech: corpus, key terms, sentiment, topics.

Every public function is importable from the package itself (``analysis.load_corpus``,
``analysis.keyness`` ...). Modules load on first use, so ``import analysis`` stays fast and a
notebook pays only for what it calls.
"""

from importlib import import_module

__version__ = "0.1.0"

# public name -> module that defines it
# public name -> module that defines it; no public name is also a module's name, or importing
# that module would shadow the function (tests/test_package.py checks this)
_EXPORTS = {
    # the corpus and its text processing
    "Corpus": "corpus",
    "CorpusError": "errors",
    "load_corpus": "corpus",
    "validate_corpus": "corpus",
    "add_documents": "corpus",
    "split_paragraphs": "segment",
    "split_sentences": "segment",
    "tokenize": "tokens",
    "stopwords": "resources",
    "corpus_summary": "overview",
    "vocabulary_growth": "overview",
    "voice_shares": "overview",
    # key terms
    "frequencies": "frequency",
    "ngrams": "frequency",
    "formulas": "frequency",
    "collocations": "collocation",
    "collocates": "collocation",
    "keyness": "keywords",
    "reference_frequencies": "keywords",
    "dispersion": "spread",
    "kwic": "concordance",
    "kwic_html": "concordance",
    "distinctive_terms": "distinctive",
    # sentiment
    "polarity": "sentiment",
    "sentence_sentiment": "sentiment",
    "sentiment_summary": "sentiment",
    "explain_sentiment": "sentiment",
    "sentiment_sensitivity": "sentiment",
    "compare_sentiment_methods": "sentiment",
    # topics and clusters
    "fit_topics": "topics",
    "cluster_texts": "clusters",
    "model_selection": "selection",
    # voice, stance and intertextuality
    "discourse_features": "features",
    "DiscourseFeatures": "features",
    "load_lexicon": "lexicon",
    "trace_quotes": "quotes",
    "document_profile": "compare",
    "over_time": "compare",
    "keyness_by": "compare",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    value = getattr(import_module(f"analysis.{_EXPORTS[name]}"), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
