"""The corpus at a glance: how big each document is, how varied its vocabulary, who speaks.

Three small tables for a first look at a corpus, each computed from the tidy tables of
``docs/CONTRACT.md`` and keeping its raw counts beside every ratio:

- :func:`corpus_summary`: paragraphs, sentences, tokens, words and types per document, with the
  type/token ratio (TTR) and the mean sentence length, plus a row for the whole corpus;
- :func:`vocabulary_growth`: the number of types and the TTR after the first *n* words of each
  document, which shows why TTR cannot compare texts of different lengths;
- :func:`voice_shares`: the share of sentences and of words in each voice (author, quote,
  reported) and for each speaker.

What counts
-----------
A *token* is any row of ``corpus.tokens``, punctuation included; a *word* is a token with
``is_word`` (words, numbers and clitics such as ``'s`` and ``n't``); a *type* is a distinct
``norm`` among the words, so "China’s" and "China's" are the same two types (``china``, ``'s``)
and "Security" and "security" are one. The type/token ratio is ``n_types / n_words``
(Templin 1957). It falls as a text grows, because the common words recur while new words come
ever more rarely (Heaps 1978); it therefore compares only texts of about the same length.
Length-independent variants (the moving-average TTR of Covington & McFall 2010; MTLD, McCarthy
& Jarvis 2010) are beyond a first look.

References
----------
Templin, M. C. (1957). *Certain Language Skills in Children*. University of Minnesota Press.
Heaps, H. S. (1978). *Information Retrieval: Computational and Theoretical Aspects*. Academic
Press.
Covington, M. A. & McFall, J. D. (2010). Cutting the Gordian knot: the moving-average type-token
ratio (MATTR). *Journal of Quantitative Linguistics* 17(2), 94-100.
McCarthy, P. M. & Jarvis, S. (2010). MTLD, vocd-D, and HD-D: a validation study of sophisticated
approaches to lexical diversity assessment. *Behavior Research Methods* 42(2), 381-392.
Semino, E. & Short, M. (2004). *Corpus Stylistics: Speech, Writing and Thought Presentation in a
Corpus of English Writing*. Routledge.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from analysis._checks import check_corpus, check_number, check_option

__all__ = ["TOTAL_ID", "corpus_summary", "vocabulary_growth", "voice_shares"]

#: ``doc_id`` of the whole-corpus row of :func:`corpus_summary`; no real id can take this form.
TOTAL_ID = "(all)"

_TABLES = {
    "documents": ("doc_id",),
    "paragraphs": ("doc_id", "paragraph_id"),
    "sentences": ("doc_id", "sentence_id", "voice", "speaker"),
    "tokens": ("doc_id", "sentence_id", "token_id", "norm", "is_word", "voice", "speaker"),
}


def _words(tokens: pd.DataFrame) -> pd.DataFrame:
    return tokens[tokens["is_word"].to_numpy(dtype=bool)]


def corpus_summary(corpus, *, total: bool = True) -> pd.DataFrame:
    """Size and vocabulary of each document: paragraphs, sentences, tokens, words, types, TTR.

    Parameters
    ----------
    corpus : Corpus
        A loaded corpus (:func:`analysis.load_corpus`).
    total : bool
        Add a last row for the whole corpus, with ``doc_id`` ``"(all)"``. Its types are counted
        over the pooled corpus, so they are fewer than the documents' types added up.

    Returns
    -------
    DataFrame
        ``doc_id, n_paragraphs, n_sentences, n_tokens, n_words, n_types, ttr,
        words_per_sentence``: one row per document in ``doc_id`` order (then the total row).
        ``n_tokens`` counts every token, punctuation included; ``n_words`` the tokens with
        ``is_word``; ``n_types`` the distinct ``norm`` of those words; ``ttr`` is
        ``n_types / n_words`` (Templin 1957) and ``words_per_sentence`` is
        ``n_words / n_sentences`` (NaN when the divisor is 0).

    Raises
    ------
    TypeError, ValueError
        When ``corpus`` is not a corpus with the contract's tables.

    References
    ----------
    Templin (1957); Heaps (1978): see the module docstring.

    Examples
    --------
    >>> import analysis
    >>> summary = corpus_summary(analysis.load_corpus())
    >>> summary.columns.tolist()
    ['doc_id', 'n_paragraphs', 'n_sentences', 'n_tokens', 'n_words', 'n_types', 'ttr', 'words_per_sentence']
    >>> summary["doc_id"].tolist()
    ['2020-11-10-he-yin-sco-security', '(all)']
    """  # noqa: E501
    check_corpus(corpus, _TABLES)
    doc_ids = sorted(corpus.documents["doc_id"].astype(str))
    words = _words(corpus.tokens)

    def per_document(counts: pd.Series) -> np.ndarray:
        return counts.reindex(doc_ids, fill_value=0).to_numpy(dtype=np.int64)

    columns = {
        "n_paragraphs": per_document(corpus.paragraphs.groupby("doc_id").size()),
        "n_sentences": per_document(corpus.sentences.groupby("doc_id").size()),
        "n_tokens": per_document(corpus.tokens.groupby("doc_id").size()),
        "n_words": per_document(words.groupby("doc_id").size()),
        "n_types": per_document(words.groupby("doc_id")["norm"].nunique()),
    }
    out = pd.DataFrame({"doc_id": pd.Series(doc_ids, dtype="str"), **columns})
    if total:
        row = {name: [int(values.sum())] for name, values in columns.items()}
        row["n_types"] = [int(words["norm"].nunique())]
        out = pd.concat(
            [out, pd.DataFrame({"doc_id": pd.Series([TOTAL_ID], dtype="str"), **row})],
            ignore_index=True,
        )
    with np.errstate(divide="ignore", invalid="ignore"):
        ttr = out["n_types"].to_numpy(float) / out["n_words"].to_numpy(float)
        per_sentence = out["n_words"].to_numpy(float) / out["n_sentences"].to_numpy(float)
    return out.assign(
        ttr=np.where(out["n_words"] > 0, ttr, np.nan),
        words_per_sentence=np.where(out["n_sentences"] > 0, per_sentence, np.nan),
    )


def vocabulary_growth(corpus, *, every: int = 10) -> pd.DataFrame:
    """Types and type/token ratio after the first *n* words of each document.

    Reading a document word by word, the number of types grows ever more slowly (Heaps 1978),
    so the TTR falls: it measures length as much as variety.

    Parameters
    ----------
    corpus : Corpus
        A loaded corpus (:func:`analysis.load_corpus`).
    every : int
        Report a row every ``every`` words (a positive integer). The first and the last word of
        each document always have a row, so each curve starts at 1 and ends at the ``ttr`` of
        :func:`corpus_summary`.

    Returns
    -------
    DataFrame
        ``doc_id, n_words, n_types, ttr``: ``n_types`` distinct ``norm`` among the document's
        first ``n_words`` words, ``ttr = n_types / n_words``; sorted by ``doc_id`` then
        ``n_words``.

    Raises
    ------
    TypeError, ValueError
        When ``corpus`` is not a corpus with the contract's tables, or ``every`` is not a
        positive integer.

    References
    ----------
    Heaps (1978); Templin (1957): see the module docstring.

    Examples
    --------
    >>> import analysis
    >>> corpus = analysis.load_corpus()
    >>> growth = vocabulary_growth(corpus, every=100)
    >>> growth.columns.tolist()
    ['doc_id', 'n_words', 'n_types', 'ttr']
    >>> growth["n_words"].head(3).tolist()
    [1, 100, 200]
    >>> bool(growth["ttr"].iloc[-1] == corpus_summary(corpus)["ttr"].iloc[0])
    True
    """
    check_corpus(corpus, {"tokens": _TABLES["tokens"]})
    check_number("every", every, minimum=1, integer=True)
    words = _words(corpus.tokens).sort_values(["doc_id", "token_id"], kind="stable")
    doc = words["doc_id"].astype(str).to_numpy()
    norm = words["norm"].astype(str).to_numpy()
    # a word is new when its (document, norm) pair has not been seen before
    new = ~pd.DataFrame({"doc": doc, "norm": norm}).duplicated().to_numpy()
    starts = np.flatnonzero(np.r_[True, doc[1:] != doc[:-1]]) if len(doc) else np.array([], int)
    rows = []
    for first, last in zip(starts, [*starts[1:], len(doc)], strict=True):
        n_words = np.arange(1, last - first + 1)
        n_types = np.cumsum(new[first:last])
        keep = (n_words == 1) | (n_words % every == 0) | (n_words == n_words[-1])
        rows.append(
            pd.DataFrame({"doc_id": doc[first], "n_words": n_words[keep], "n_types": n_types[keep]})
        )
    if not rows:
        return pd.DataFrame(
            {
                "doc_id": pd.Series(dtype="str"),
                "n_words": pd.Series(dtype=np.int64),
                "n_types": pd.Series(dtype=np.int64),
                "ttr": pd.Series(dtype=float),
            }
        )
    out = pd.concat(rows, ignore_index=True).astype(
        {"doc_id": "str", "n_words": np.int64, "n_types": np.int64}
    )
    return out.assign(ttr=out["n_types"] / out["n_words"])


def voice_shares(corpus, *, by: Literal["corpus", "document"] = "corpus") -> pd.DataFrame:
    """How much each voice and speaker says: counts and shares of sentences and of words.

    Sentences are counted by their label (``corpus.sentences.voice``). Words are counted by
    their own, finer label (``corpus.tokens.voice``): the words of a quotation are the quoted
    speaker's even in a sentence labelled ``author``, and the attribution frame ("Xi said") is
    the author's even in a ``quote`` sentence. A speaker can therefore have words but no
    sentences. In a speech the ``author`` voice is the speaker's own (``speaker`` is empty).

    Parameters
    ----------
    corpus : Corpus
        A loaded corpus (:func:`analysis.load_corpus`).
    by : {'corpus', 'document'}
        Shares of the whole corpus, or of each document (adds a leading ``doc_id`` column).

    Returns
    -------
    DataFrame
        ``[doc_id,] voice, speaker, n_sentences, share_sentences, n_words, share_words``: one
        row per voice and speaker (``speaker`` is <NA> for the author's voice); shares are
        fractions of the corpus's (or document's) sentences and words, so each share column
        sums to 1. Sorted by ``doc_id``, then voice (author, quote, reported), then speaker
        (<NA> first).

    Raises
    ------
    TypeError, ValueError
        When ``corpus`` is not a corpus with the contract's tables, or ``by`` is unknown.

    References
    ----------
    Semino & Short (2004) for the voice categories: see the module docstring.

    Examples
    --------
    >>> import analysis
    >>> shares = voice_shares(analysis.load_corpus())
    >>> shares.loc[shares["voice"] == "quote", ["speaker", "n_sentences"]].values.tolist()
    [['Xi Jinping', 4]]
    """
    check_option("by", by, ("corpus", "document"))
    check_corpus(corpus, {n: _TABLES[n] for n in ("sentences", "tokens")})
    keys = ["doc_id", "voice", "speaker"] if by == "document" else ["voice", "speaker"]
    sentences = corpus.sentences[keys].assign(n_sentences=1, n_words=0)
    words = _words(corpus.tokens)[keys].assign(n_sentences=0, n_words=1)
    both = pd.concat([sentences, words], ignore_index=True)
    counts = (
        both.groupby(keys, dropna=False, observed=True, sort=False)[["n_sentences", "n_words"]]
        .sum()
        .reset_index()
    )
    voice_order = corpus.sentences["voice"]
    if isinstance(voice_order.dtype, pd.CategoricalDtype):
        counts["voice"] = counts["voice"].astype(voice_order.dtype)
    counts = counts.astype({"speaker": "str", "n_sentences": np.int64, "n_words": np.int64})
    counts = counts.sort_values(keys, na_position="first", kind="stable", ignore_index=True)
    group = counts["doc_id"] if by == "document" else pd.Series(0, index=counts.index)
    for what in ("sentences", "words"):
        n = counts[f"n_{what}"]
        counts[f"share_{what}"] = n / n.groupby(group).transform("sum").replace(0, np.nan)
    columns = [*keys, "n_sentences", "share_sentences", "n_words", "share_words"]
    return counts[columns].reset_index(drop=True)
