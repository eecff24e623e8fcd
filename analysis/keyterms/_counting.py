"""Shared counting steps for the key-term modules (private).

Every key-term statistic starts from the same few steps: check that a token table follows the
contract (``docs/CONTRACT.md``), keep the tokens that are counted (words only by default, with an
explicit stopword policy) and lay the words out as integer codes in reading order, with the
sentence and the unbroken run of words each one belongs to. Doing this once, with numpy arrays
instead of Python loops, is what lets the key-term functions count millions of tokens in seconds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import special

from analysis._checks import check_columns, check_option

#: columns every key-term function reads from a token table
TOKEN_COLUMNS = ("doc_id", "sentence_id", "token_id", "norm", "is_word", "is_stop")


def check_tokens(tokens: pd.DataFrame, columns: Iterable[str] = TOKEN_COLUMNS) -> None:
    """Raise a ValueError that says what to fix if ``tokens`` is not a usable token table."""
    check_columns(tokens, columns, source="corpus.tokens from analysis.load_corpus()")
    if len(tokens) == 0:
        raise ValueError(
            "token table is empty: there is nothing to count; check the corpus folder or the "
            "filter applied before this call"
        )


def in_reading_order(tokens: pd.DataFrame) -> pd.DataFrame:
    """Return ``tokens`` sorted by document then token id (a copy only when it was unsorted)."""
    doc = pd.factorize(tokens["doc_id"], sort=True)[0]
    tid = tokens["token_id"].to_numpy()
    if len(doc) < 2 or bool(
        np.all((doc[1:] > doc[:-1]) | ((doc[1:] == doc[:-1]) & (tid[1:] > tid[:-1])))
    ):
        return tokens
    return tokens.iloc[np.lexsort((tid, doc))]


def counted(
    tokens: pd.DataFrame,
    *,
    words_only: bool = True,
    stopwords: str = "keep",
    columns: list[str] | None = None,
) -> pd.DataFrame:
    """Keep the tokens that are counted: words only unless asked, stopwords kept or dropped.

    ``columns`` selects the columns to keep: copying only those is much faster on big tables.
    """
    check_option("stopwords", stopwords, ("keep", "drop"))
    keep = np.ones(len(tokens), dtype=bool)
    if words_only:
        keep &= tokens["is_word"].to_numpy(dtype=bool)
    if stopwords == "drop":
        keep &= ~tokens["is_stop"].to_numpy(dtype=bool)
    out = tokens.loc[keep, list(dict.fromkeys(columns))] if columns else tokens[keep]
    if len(out) == 0:
        raise ValueError(
            "no tokens left to count after keeping "
            f"{'words' if words_only else 'tokens'} (stopwords={stopwords!r}); "
            "the table holds only punctuation or stopwords"
        )
    return out


@dataclass(frozen=True)
class WordStream:
    """The words of a token table in reading order, as integer codes.

    ``codes[i]`` indexes ``vocab``; ``sentence[i]`` numbers the sentence (unique across
    documents); ``run[i]`` numbers the unbroken run of words (a new run starts at each sentence
    and after each punctuation or symbol token); ``stop[i]`` is the word's ``is_stop``;
    ``row[i]`` is the word's position in the ordered token table; ``doc[i]`` numbers its
    document.
    """

    codes: np.ndarray
    doc: np.ndarray
    vocab: np.ndarray
    sentence: np.ndarray
    run: np.ndarray
    stop: np.ndarray
    row: np.ndarray

    def __len__(self) -> int:
        return len(self.codes)


def word_stream(tokens: pd.DataFrame) -> WordStream:
    """Lay out the words of an ordered token table as a :class:`WordStream`."""
    doc = pd.factorize(tokens["doc_id"])[0]
    sent = tokens["sentence_id"].to_numpy()
    is_word = tokens["is_word"].to_numpy(dtype=bool)
    new_sentence = np.ones(len(tokens), dtype=bool)
    new_sentence[1:] = (doc[1:] != doc[:-1]) | (sent[1:] != sent[:-1])
    new_run = new_sentence.copy()
    new_run[1:] |= ~is_word[:-1]
    sentence = np.cumsum(new_sentence)
    run = np.cumsum(new_run)
    codes, vocab = pd.factorize(tokens["norm"].to_numpy()[is_word])
    if len(codes) == 0:
        raise ValueError("token table has no word tokens (is_word is False on every row)")
    return WordStream(
        codes=codes.astype(np.int64),
        doc=doc[is_word],
        vocab=np.asarray(vocab, dtype=object),
        sentence=sentence[is_word],
        run=run[is_word],
        stop=tokens["is_stop"].to_numpy(dtype=bool)[is_word],
        row=np.flatnonzero(is_word),
    )


def ngram_codes(
    stream: WordStream, lo: int, hi: int, *, min_count: int = 1
) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """Return ``{n: (start, key)}`` for the runs of ``n`` consecutive words inside one run.

    ``key`` is an integer id of the word sequence (equal sequences get equal keys, all keys are
    below the number of words). Keys of length ``n`` are built from those of length ``n - 1``
    by factorizing (key, next word) pairs, so each extra length costs one pass and nothing
    overflows whatever the vocabulary size. With ``min_count > 1`` only n-grams seen at least
    that often are returned, and the search is pruned as in Apriori (Agrawal & Srikant 1994):
    an n-gram can only be that frequent if both its (n-1)-word parts are.
    """
    size, width = len(stream), len(stream.vocab)
    key = stream.codes
    alive = np.bincount(key)[key] >= min_count
    out = {1: (np.flatnonzero(alive), key[alive])} if lo <= 1 else {}
    for n in range(2, min(hi, size) + 1):
        m = size - n + 1
        ok = alive[:m] & alive[1 : m + 1] & (stream.run[:m] == stream.run[n - 1 :])
        at = np.flatnonzero(ok)
        previous, key = key, np.full(m, -1, dtype=np.int64)
        key[at] = pd.factorize(previous[at] * width + stream.codes[at + n - 1])[0]
        alive = ok
        if min_count > 1 and len(at):
            alive[at] = np.bincount(key[at])[key[at]] >= min_count
        if n >= lo:
            start = np.flatnonzero(alive)
            out[n] = (start, key[start])
    return out


def ngram_text(stream: WordStream, start: np.ndarray, n: int) -> np.ndarray:
    """Join the words of the n-grams that begin at ``start`` with single spaces."""
    text = pd.Series(stream.vocab[stream.codes[start]], dtype=object)
    for k in range(1, n):
        text = text + " " + stream.vocab[stream.codes[start + k]]
    return text.to_numpy(dtype=object)


def terms_of(data: object) -> pd.Series:
    """Return the counted terms of a token table (words' ``norm``) or of an iterable of terms."""
    if isinstance(data, pd.DataFrame):
        check_tokens(data, ("norm", "is_word"))
        return counted(data, columns=["norm"])["norm"].astype(str)
    if isinstance(data, str):
        raise TypeError("expected a token table or an iterable of terms, got a single string")
    terms = pd.Series(list(data), dtype=object)
    if len(terms) == 0:
        raise ValueError("the list of terms is empty: there is nothing to count")
    return terms.astype(str)


def dense_codes(key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Renumber integer keys 0..k-1 in order of appearance; also return each code's first index."""
    codes, uniques = pd.factorize(key)
    first = np.full(len(uniques), -1, dtype=np.int64)
    first[codes[::-1]] = np.arange(len(codes))[::-1]
    return codes.astype(np.int64), first


def group_codes(frame: pd.DataFrame, columns: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """One integer code per combination of ``columns`` (all 0 when there are none).

    Returns the codes and, for each code, the position of its first row in ``frame``.
    """
    if not columns:
        return np.zeros(len(frame), dtype=np.int64), np.zeros(1, dtype=np.int64)
    key = np.zeros(len(frame), dtype=np.int64)
    for column in columns:
        codes, uniques = pd.factorize(frame[column].to_numpy())
        key = pd.factorize(key * (len(uniques) + 1) + codes)[0].astype(np.int64)
    return dense_codes(key)


def o_ln_o_over_e(o, e) -> np.ndarray:
    """One cell of G² (Dunning 1993): ``O ln(O / E)``, with ``0 ln(0 / E) = 0`` even if E = 0.

    Shared by keyness and collocation so that both compute log-likelihood the same way.
    """
    o, e = np.broadcast_arrays(np.asarray(o, dtype=float), np.asarray(e, dtype=float))
    ratio = np.divide(o, e, out=np.ones_like(o), where=o > 0)
    return special.xlogy(o, ratio)


def sort_result(df: pd.DataFrame, by: list[str], ascending: list[bool]) -> pd.DataFrame:
    """Sort with a stable tie-break on the trailing keys and a fresh 0..n-1 index."""
    return df.sort_values(by, ascending=ascending, kind="stable").reset_index(drop=True)


_TOY_STOPWORDS = frozenset({"a", "an", "and", "for", "in", "is", "of", "on", "the", "to"})


def toy_tokens(text: str, *, doc_id: str = "d1", voice: str = "author") -> pd.DataFrame:
    """Build a contract token table from whitespace-separated toy text (examples and tests).

    Each whitespace-separated item is a token; ``. , ; : ! ?`` are punctuation and ``. ! ?``
    end a sentence; the item ``|`` starts a new paragraph. Stopwords
    are a tiny fixed set (a, an, and, for, in, is, of, on, the, to), not the project list.

    >>> toy_tokens("We act . | Peace , now .")[["paragraph_id", "sentence_id", "token", "kind"]]
       paragraph_id  sentence_id  token   kind
    0             1            1     We   word
    1             1            1    act   word
    2             1            1      .  punct
    3             2            2  Peace   word
    4             2            2      ,  punct
    5             2            2    now   word
    6             2            2      .  punct
    """
    rows, offset, paragraph, sentence = [], 0, 1, 1
    for item in text.split():
        if item == "|":
            paragraph += 1
            if rows and rows[-1]["sentence_id"] == sentence and rows[-1]["token"] not in ".!?":
                sentence += 1
            continue
        punct = item in {".", ",", ";", ":", "!", "?"}
        rows.append(
            {
                "doc_id": doc_id,
                "paragraph_id": paragraph,
                "sentence_id": sentence,
                "token_id": len(rows) + 1,
                "token": item,
                "norm": item.lower(),
                "kind": "punct" if punct else "word",
                "start": offset,
                "end": offset + len(item),
                "is_word": not punct,
                "is_stop": item.lower() in _TOY_STOPWORDS,
                "voice": voice,
                "speaker": pd.NA,
            }
        )
        offset += len(item) + 1
        if item in {".", "!", "?"}:
            sentence += 1
    out = pd.DataFrame(rows)
    return out.astype(
        {
            "doc_id": "str",
            "token": "str",
            "norm": "str",
            "kind": "str",
            "voice": "category",
            "speaker": "str",
        }
    )
