"""The corpus and its text processing: files on disk, segmentation, tokens, voice, the tables.

:func:`load_corpus` reads a corpus folder (:mod:`.files`), splits each document into paragraphs
and sentences (:mod:`.segment`), tokens (:mod:`.tokens`) and voices (:mod:`.voice`), and
assembles the four tables of the data contract (:mod:`.tables`); :func:`add_documents`
(:mod:`.add`) grows the corpus safely, from text files, web pages, PDFs and Word files
(:mod:`.ingest`, which keeps each source's provenance); :mod:`.overview` summarises it.
"""

from analysis.corpus.add import add_documents
from analysis.corpus.ingest import reextract
from analysis.corpus.language import detect_language
from analysis.corpus.load import Corpus, Validation, load_corpus, validate_corpus
from analysis.corpus.metadata import metadata_fields
from analysis.corpus.overview import corpus_summary, vocabulary_growth, voice_shares
from analysis.corpus.sandbox import copy_corpus, try_add
from analysis.corpus.segment import split_paragraphs, split_sentences
from analysis.corpus.tables import build_tables
from analysis.corpus.tokens import tokenize

__all__ = [
    "Corpus",
    "Validation",
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
]
