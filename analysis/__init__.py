"""Discourse analysis of political speech: corpus, key terms, sentiment, topics, discourse.

Every public name is importable from the package itself (``analysis.load_corpus``,
``analysis.keyness`` ...). The families are subpackages: :mod:`analysis.corpus` (the corpus and
its text processing), :mod:`analysis.keyterms`, :mod:`analysis.sentiment`,
:mod:`analysis.topics`, :mod:`analysis.discourse`, :mod:`analysis.compare` (documents, speakers
and years side by side) and :mod:`analysis.plots` (the figures). They load on first use
(lazy_loader, scientific-python SPEC 1), so ``import analysis`` stays fast and a notebook pays
only for what it calls.
"""

import lazy_loader as lazy

__version__ = "0.1.0"

__getattr__, __dir__, __all__ = lazy.attach(
    __name__,
    submodules=[
        *("compare", "corpus", "discourse", "distributed", "errors", "keyterms", "paths"),
        "plots",
        *("report", "resources", "sentiment", "topics"),
    ],
    submod_attrs={
        "corpus": [
            "Corpus",
            "add_documents",
            "build_tables",
            "copy_corpus",
            "corpus_summary",
            "detect_language",
            "load_corpus",
            "metadata_fields",
            "reextract",
            "split_paragraphs",
            "split_sentences",
            "tokenize",
            "try_add",
            "validate_corpus",
            "vocabulary_growth",
            "voice_shares",
        ],
        "errors": ["CorpusError"],
        "resources": ["stopwords"],
        "keyterms": [
            "collocates",
            "collocations",
            "dispersion",
            "distinctive_terms",
            "formulas",
            "frequencies",
            "keyness",
            "kwic",
            "kwic_html",
            "ngrams",
            "reference_frequencies",
        ],
        "sentiment": [
            "compare_sentiment_methods",
            "compare_vader_variants",
            "explain_sentiment",
            "polarity",
            "sentence_sentiment",
            "sentiment_sensitivity",
            "sentiment_summary",
        ],
        "topics": [
            "cluster_texts",
            "fit_topics",
            "model_selection",
            "modelling_units",
            "short_units",
            "voice_by_unit",
        ],
        "discourse": ["DiscourseFeatures", "discourse_features", "load_lexicon", "trace_quotes"],
        "compare": ["document_profile", "keyness_by", "over_time"],
    },
)
