"""Documents into tidy tables: paragraphs, sentences and tokens, one row each.

Each document is segmented (:mod:`analysis.corpus.segment`), labelled for voice
(:mod:`analysis.corpus.voice`) and tokenised (:mod:`analysis.corpus.tokens`) independently, so large
corpora are processed on several cores; the tables are identical whatever the number of processes.
Ids are 1-based within a document and follow text order. The columns are those of
``docs/CONTRACT.md``.
"""

import gc
import itertools
import os
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

import numpy as np
import pandas as pd

from analysis.corpus.segment import split_paragraphs, split_sentences
from analysis.corpus.tokens import token_columns
from analysis.corpus.voice import VOICES, label_sentences
from analysis.resources import stopwords

PARAGRAPH_COLUMNS = ["doc_id", "paragraph_id", "text", "start", "end"]
SENTENCE_COLUMNS = [
    "doc_id",
    "paragraph_id",
    "sentence_id",
    "text",
    "voice",
    "speaker",
    "start",
    "end",
]
TOKEN_COLUMNS = [
    "doc_id",
    "paragraph_id",
    "sentence_id",
    "token_id",
    "token",
    "norm",
    "kind",
    "start",
    "end",
    "is_word",
    "is_stop",
    "voice",
    "speaker",
]
_TABLES = (
    ("paragraphs", PARAGRAPH_COLUMNS),
    ("sentences", SENTENCE_COLUMNS),
    ("tokens", TOKEN_COLUMNS),
)
_Item = tuple[str, str, dict[str, str]]  # doc_id, body text, metadata the voice rules read
# below this many characters a second process costs more than it saves
_PARALLEL_THRESHOLD = 400_000


def _tokens_within(text: str, sentences: list[tuple[int, int]]) -> tuple[list, ...]:
    """Token columns of a document, each token inside one sentence.

    The text is tokenised in one pass. Punkt ends a sentence only before white space or
    punctuation, so no token should cross a boundary; if one does, the document is tokenised
    again sentence by sentence, which cuts it there.
    """
    columns = token_columns(text)
    starts = np.array(columns[1], dtype=np.int64)
    sentence_starts = np.array([start for start, _ in sentences], dtype=np.int64)
    sentence_ends = np.array([end for _, end in sentences], dtype=np.int64)
    inside = np.searchsorted(sentence_starts, starts, side="right") - 1
    if len(starts) == 0 or (
        inside.min() >= 0 and (np.array(columns[2]) <= sentence_ends[inside]).all()
    ):
        return columns
    gathered: tuple[list, ...] = ([], [], [], [], [])
    for start, end in sentences:
        for column, part in zip(gathered, token_columns(text[start:end], start), strict=True):
            column.extend(part)
    return gathered


@contextmanager
def _collector_paused():
    """Pause Python's cyclic garbage collector while the tables of a document are built.

    Tokenising a document allocates hundreds of thousands of short-lived objects that form no
    reference cycles; left running, the collector scans them again and again (measured: a third
    of the tokenising time). Reference counting still frees everything, and the collector's
    previous state is restored.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _document_columns(text: str, meta: Mapping[str, str]) -> dict[str, dict[str, list]]:
    """The three tables of one document, as columns (lists), without ``doc_id``."""
    with _collector_paused():
        return _columns_of(text, meta)


def _columns_of(text: str, meta: Mapping[str, str]) -> dict[str, dict[str, list]]:
    paragraphs = split_paragraphs(text)
    sentences = split_sentences(text, paragraphs)
    speakers = [name.strip() for name in (meta.get("speakers") or "").split(";") if name.strip()]
    labels, quotations = label_sentences(
        text, paragraphs, sentences, speakers=speakers, genre=meta.get("genre") or ""
    )

    sentence_starts = np.array([start for start, _ in sentences], dtype=np.int64)
    paragraph_starts = np.array([start for start, _ in paragraphs], dtype=np.int64)
    sentence_paragraph = np.searchsorted(paragraph_starts, sentence_starts, side="right")

    surfaces, starts, ends, norms, kinds = _tokens_within(text, sentences)
    token_starts = np.array(starts, dtype=np.int64)
    token_sentence = np.searchsorted(sentence_starts, token_starts, side="right")

    sentence_voice = np.array([voice for voice, _ in labels] or [""], dtype=object)
    sentence_speaker = np.array([speaker for _, speaker in labels] or [None], dtype=object)
    token_voice = sentence_voice[token_sentence - 1]
    token_speaker = sentence_speaker[token_sentence - 1]
    # inside a quotation a token is the quoted speaker's; the frame around it is the author's
    framed = token_voice == "quote"
    token_voice[framed], token_speaker[framed] = "author", None
    if quotations:
        quote_starts = np.array([q.start for q in quotations], dtype=np.int64)
        quote_ends = np.array([q.end for q in quotations], dtype=np.int64)
        quote_speakers = np.array([q.speaker for q in quotations], dtype=object)
        nearest = np.searchsorted(quote_starts, token_starts, side="right") - 1
        inside = (nearest >= 0) & (token_starts < quote_ends[np.maximum(nearest, 0)])
        token_voice[inside] = "quote"
        token_speaker[inside] = quote_speakers[nearest[inside]]

    stop = stopwords()
    return {
        "paragraphs": {
            "paragraph_id": list(range(1, len(paragraphs) + 1)),
            "text": [text[s:e] for s, e in paragraphs],
            "start": [s for s, _ in paragraphs],
            "end": [e for _, e in paragraphs],
        },
        "sentences": {
            "paragraph_id": sentence_paragraph.tolist(),
            "sentence_id": list(range(1, len(sentences) + 1)),
            "text": [text[s:e] for s, e in sentences],
            "voice": [voice for voice, _ in labels],
            "speaker": [speaker for _, speaker in labels],
            "start": sentence_starts.tolist(),
            "end": [e for _, e in sentences],
        },
        "tokens": {
            "paragraph_id": sentence_paragraph[token_sentence - 1].tolist() if surfaces else [],
            "sentence_id": token_sentence.tolist(),
            "token_id": list(range(1, len(surfaces) + 1)),
            "token": surfaces,
            "norm": norms,
            "kind": kinds,
            "start": token_starts.tolist(),
            "end": ends,
            "is_word": [kind in ("word", "number", "clitic") for kind in kinds],
            "is_stop": [norm in stop for norm in norms],
            "voice": token_voice.tolist(),
            "speaker": token_speaker.tolist(),
        },
    }


_KINDS = ("word", "number", "clitic", "punct", "symbol")
_CATEGORIES = {"kind": list(_KINDS), "voice": list(VOICES)}
_STRINGS = {"doc_id", "text", "token", "norm", "speaker"}


def _frame(doc_ids: list[str], parts: list[dict[str, list]], columns: list[str]) -> pd.DataFrame:
    """One table from the per-document columns, with the documented dtypes."""
    lengths = [len(part[columns[1]]) for part in parts]
    total = sum(lengths)
    data = {"doc_id": pd.array(np.repeat(np.array(doc_ids, dtype=object), lengths), dtype="str")}
    for column in columns[1:]:
        values = itertools.chain.from_iterable(part[column] for part in parts)
        if column in _CATEGORIES:
            data[column] = pd.Categorical(list(values), categories=_CATEGORIES[column])
        elif column in _STRINGS:
            data[column] = pd.array(list(values), dtype="str")
        else:
            dtype = bool if column.startswith("is_") else np.int64
            data[column] = np.fromiter(values, dtype=dtype, count=total)
    return pd.DataFrame(data, columns=columns)


def build_tables(
    texts: Mapping[str, str],
    *,
    n_jobs: int | None = None,
    metadata: Mapping[str, Mapping[str, str]] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Paragraph, sentence and token tables for documents given as ``{doc_id: text}``.

    Parameters
    ----------
    texts
        Body text by document id; tables follow the mapping's order.
    metadata
        ``{doc_id: {"speakers": ..., "genre": ...}}``: who speaks and the genre, which the voice
        rules read (:func:`analysis.corpus.voice.label_sentences`); None or a missing document
        means neither is known.
    n_jobs
        Processes to use; None uses every core when the corpus is large enough to gain from it.

    Returns
    -------
    paragraphs, sentences, tokens : pandas.DataFrame
        With the columns of ``PARAGRAPH_COLUMNS``, ``SENTENCE_COLUMNS`` and ``TOKEN_COLUMNS``.

    Examples
    --------
    >>> _, sentences, tokens = build_tables({"d1": "“We act,” Xi said. Nov. 10 was cold."})
    >>> sentences[["sentence_id", "text", "voice"]].to_dict("records")
    ... # doctest: +NORMALIZE_WHITESPACE
    [{'sentence_id': 1, 'text': '“We act,” Xi said.', 'voice': 'quote'},
     {'sentence_id': 2, 'text': 'Nov. 10 was cold.', 'voice': 'author'}]
    >>> tokens.loc[tokens.is_word, ["token", "voice"]].head(4).to_dict("list")
    {'token': ['We', 'act', 'Xi', 'said'], 'voice': ['quote', 'quote', 'author', 'author']}
    """
    metadata = metadata or {}
    items = [(doc_id, body, dict(metadata.get(doc_id, {}))) for doc_id, body in texts.items()]
    if n_jobs is None:
        big = sum(len(body) for _, body, _ in items) >= _PARALLEL_THRESHOLD and len(items) > 1
        n_jobs = (os.cpu_count() or 1) if big else 1
    if n_jobs <= 1:
        return _tables_of(items)
    # each worker assembles the frames of its own documents, so building the string columns
    # (pandas checks every value) runs in parallel too; the parent only concatenates
    chunks = _balanced_chunks(items, n_jobs * 8)
    with ProcessPoolExecutor(max_workers=n_jobs) as pool:
        parts = list(pool.map(_tables_of, chunks))
    return tuple(
        pd.concat([part[i] for part in parts], ignore_index=True) for i in range(len(_TABLES))
    )


def _balanced_chunks(items: list[_Item], count: int) -> list[list[_Item]]:
    """Consecutive runs of documents with about equal amounts of text, in the original order.

    Equal amounts keep both cores busy to the end (documents differ in length tenfold), and
    consecutive runs keep the tables in document order when they are concatenated.
    """
    share = sum(len(text) for _, text, _ in items) / count
    chunks: list[list[_Item]] = [[]]
    filled = 0
    for item in items:
        if chunks[-1] and filled >= share * len(chunks):
            chunks.append([])
        chunks[-1].append(item)
        filled += len(item[1])
    return chunks


def _tables_of(items: list[_Item]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The three tables of some documents, given as ``(doc_id, text, metadata)``."""
    doc_ids = [doc_id for doc_id, _, _ in items]
    parts = [_document_columns(text, meta) for _, text, meta in items]
    return tuple(
        _frame(doc_ids, [part[name] for part in parts], columns) for name, columns in _TABLES
    )
