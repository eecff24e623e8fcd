"""Discourse analysis of political speech: corpus, key terms, sentiment, topics.

Every public function is importable from the package itself (``analysis.load_corpus``,
``analysis.keyness`` ...). Modules load on first use, so ``import analysis`` stays fast and a
notebook pays only for what it calls.
"""

from importlib import import_module

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS = {
    # corpus and text processing (issue: foundation)
    "Corpus": "corpus",
    "load_corpus": "corpus",
    "add_documents": "corpus",
    "validate_corpus": "corpus",
    "CorpusError": "errors",
    "split_paragraphs": "segment",
    "split_sentences": "segment",
    "tokenize": "tokenize",
    "stopwords": "resources",
    # key terms
    "frequencies": "frequency",
    "ngrams": "frequency",
    "formulas": "frequency",
    "collocations": "collocation",
    "collocates": "collocation",
    "keyness": "keyness",
    "reference_frequencies": "keyness",
    "dispersion": "dispersion",
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
    "model_selection": "model_selection",
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
