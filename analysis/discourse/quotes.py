"""Quote tracing: where in the corpus does a direct quotation come from, and how faithful is it?

For every direct quotation of every document (the spans
:func:`analysis.corpus.voice.find_quotations` finds: quotation marks that present speech, not
titles), :func:`trace_quotes` looks for the
passage it reproduces in the *other* documents of the corpus, in three steps:

1. **Normalise.** Quotation and source are compared as sequences of words, each word in the
   corpus's normalised form (``norm`` in ``docs/CONTRACT.md``: lower case, straight apostrophes,
   ``n't`` -> ``not``), with punctuation and quotation marks left out. "“Cooperation is the only
   road,” Marren said" and "I say that cooperation is the only road." then agree on
   ``cooperation is the only road``.
2. **Exact search.** The normalised quotation is searched as a run of consecutive source words.
   Found: the match is ``exact`` (same words, same order; case, punctuation and quote-mark style
   may differ), similarity 100.
3. **Fuzzy alignment.** Otherwise ``rapidfuzz.fuzz.partial_ratio_alignment`` finds the stretch of
   the source (as normalised text, words joined by single spaces) most like the quotation; the
   stretch is then moved to word boundaries (up to two words either way) to maximise the
   **similarity**: ``rapidfuzz.fuzz.ratio`` between the normalised quotation and the run of source
   words, i.e. the normalised Indel similarity ``100 (1 - d / (len(a) + len(b)))``, where ``d`` is
   the number of characters inserted or deleted to turn one string into the other (a substitution
   counts twice). A match at or above ``min_similarity`` (default 85) is ``near``; only
   quotations of at least ``fuzzy_min_words`` words (default 8) are matched this way.

Quotations of fewer than ``min_words`` words (default 3) are not traced at all (``too short``): a
one- or two-word quotation ("yes", “liberty,”) is found in almost any speech, and finding it says
nothing about where it came from.

Why 85 and 8 (``benchmarks/quotes.py``, 200 sentences of 8-30 words drawn from the 59 inaugural
addresses in ``../shared/benchmark/``, seed 0): with one word of a sentence replaced, 100% are
still found at 85 (98% at 90); with two replaced, 93.5% (78.5% at 90). Traced in the 58 *other*
addresses, none of the whole sentences finds a source at 85 (1% at 75). Short quotations are the
risk: their first 5 words find a false source at 85 in 10.5% of cases, the first 6 in 5%, the
first 8 in 0.5%; hence fuzzy matching from 8 words, and exact matching only below that. Tracing
took about 2 ms per quotation and document on one core. On all 124 inaugural and State of the
Union addresses together (307 quotations, 49 of them too short; about 40 s) it finds 54 sources,
among them Nixon (1969) quoting Lincoln's "better angels of our nature", Cleveland (1885)
Jefferson's "entangling alliance with none" (near, 99), Roosevelt (1941) Washington's "sacred fire
of liberty" (near, 96, in a different spelling), and Reagan (1982) joining two non-adjacent
passages of his own 1981 inaugural.

A quotation that holds several sentences, or marks an omission with an ellipsis (``…``, ``...``,
``[…]``), is also traced fragment by fragment: if every fragment is found in the same source
document, in order, with source words left out between them, and that explains the quotation
better than one stretch does, the quotation **joins non-adjacent passages**. Otherwise the match
covers ``whole sentences`` of the source, or only ``part of a sentence`` (the quotation starts or
ends inside a source sentence). ``share_of_source`` says how much of the source sentences the
quotation reproduces. These three labels describe how selective a quotation is; whether leaving
words out changed the meaning is for the reader to judge from ``source_context``.

What it cannot see: translated or paraphrased quotations (different words), quotations whose
source is not in the corpus (reported as ``not found``: add the speech and trace again), and
quotations shorter than ``fuzzy_min_words`` words, which are only matched exactly (a fuzzy match
of a few words is found almost anywhere).

References
----------
Bachmann, M. (2024). RapidFuzz 3 (software; ``fuzz.ratio``, ``fuzz.partial_ratio_alignment``,
``distance.Levenshtein.opcodes``). https://github.com/rapidfuzz/RapidFuzz
Navarro, G. (2001). A guided tour to approximate string matching. *ACM Computing Surveys* 33(1),
31-88. (Edit distances and approximate substring search.)
Semino, E. & Short, M. (2004). *Corpus Stylistics: Speech, Writing and Thought Presentation in a
Corpus of English Writing*. Routledge. (Direct speech and its faithfulness to an original.)
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from analysis._checks import check_columns
from analysis.corpus.voice import find_quotations
from analysis.progress import progress

__all__ = ["COLUMNS", "trace_quotes"]

COLUMNS = [
    "doc_id",
    "quote_id",
    "speaker",
    "start",
    "end",
    "quote",
    "n_words",
    "match",
    "similarity",
    "source_doc_id",
    "source_start",
    "source_end",
    "source_text",
    "source_context",
    "source_voice",
    "source_date",
    "selection",
    "share_of_source",
    "differences",
    "other_sources",
]
MATCHES = ["exact", "near", "not found", "too short"]
SELECTIONS = ["whole sentences", "part of a sentence", "non-adjacent passages"]
_ELLIPSIS_RE = re.compile(r"^(?:…|\.{2,})$")
_TEXT_COLUMNS = [
    "doc_id",
    "speaker",
    "quote",
    "source_doc_id",
    "source_text",
    "source_context",
    "source_voice",
    "differences",
    "other_sources",
]
# fuzzy queries this long or longer are looked up by their trigrams (see _Shingles)
_FUZZY_INDEXED = 8
# how far (in words) the fuzzy stretch may be moved to reach the best word boundaries
_SLACK = 2


@dataclass(frozen=True)
class _Words:
    """One document's words in reading order, with where they are in the text and in ``flat``."""

    norms: list[str]
    starts: np.ndarray
    ends: np.ndarray
    sentence_ids: np.ndarray
    voices: np.ndarray
    breaks: np.ndarray  # True where an ellipsis stands between word k - 1 and word k
    flat: str  # the norms joined by single spaces
    offsets: np.ndarray  # where each word starts in ``flat``
    codes: np.ndarray  # each word's code in the corpus's vocabulary of norms
    padded: str  # " " + flat + " ": a run of words is found as " words " without a copy

    def __len__(self) -> int:
        return len(self.norms)


def _by_document(table: pd.DataFrame, columns: list[str]) -> dict[str, dict[str, np.ndarray]]:
    """Some columns of a corpus table as arrays, by ``doc_id`` (sorted), rows in table order.

    One factorisation and one stable sort for the whole table: far cheaper than a group per
    document, and the same rows in the same order as ``groupby("doc_id", sort=True)``.
    """
    codes, doc_ids = pd.factorize(table["doc_id"])
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(doc_ids) + 1))
    arrays = {column: table[column].to_numpy() for column in columns}
    return {
        str(doc_ids[k]): {
            column: values[order[bounds[k] : bounds[k + 1]]] for column, values in arrays.items()
        }
        for k in sorted(range(len(doc_ids)), key=lambda k: str(doc_ids[k]))
    }


def _spans(table: dict[str, np.ndarray]) -> list[tuple[int, int]]:
    return list(zip(table["start"].tolist(), table["end"].tolist(), strict=True))


def _strings(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Codes of a text column and its distinct values as Python strings (an object array)."""
    codes, values = pd.factorize(column)
    return codes, np.array([str(value) for value in values], dtype=object)


def _all_words(tokens: pd.DataFrame) -> tuple[dict[str, _Words], np.ndarray]:
    """Every document's :class:`_Words`, by ``doc_id`` (sorted), and the vocabulary of norms.

    Strings are read once per distinct value (categorical or not), not once per token.
    """
    norm_codes, norms = _strings(tokens["norm"])
    voice_codes, voices = _strings(tokens["voice"])
    is_ellipsis = np.array([bool(_ELLIPSIS_RE.match(norm)) for norm in norms], dtype=bool)
    table = pd.DataFrame(
        {
            "doc_id": tokens["doc_id"],
            "norm": norm_codes,
            "voice": voice_codes,
            "is_word": tokens["is_word"].to_numpy(dtype=bool),
            "start": tokens["start"].to_numpy(dtype=np.int64),
            "end": tokens["end"].to_numpy(dtype=np.int64),
            "sentence_id": tokens["sentence_id"].to_numpy(dtype=np.int64),
        },
        index=tokens.index,
    )
    columns = ["norm", "voice", "is_word", "start", "end", "sentence_id"]
    words = {
        doc_id: _words_of(parts, norms, voices, is_ellipsis)
        for doc_id, parts in _by_document(table, columns).items()
    }
    return words, norms


def _words_of(parts: dict[str, np.ndarray], norms, voices, is_ellipsis) -> _Words:
    """One document's words from its token columns (codes into ``norms`` and ``voices``)."""
    word = parts["is_word"]
    codes = parts["norm"][word]
    names = norms[codes].tolist()
    lengths = np.array([len(name) + 1 for name in names], dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
    ellipses = parts["start"][is_ellipsis[parts["norm"]]]
    starts = parts["start"][word]
    breaks = np.zeros(len(names), dtype=bool)
    if len(names) and len(ellipses):
        after = np.searchsorted(starts, ellipses)
        breaks[after[(after > 0) & (after < len(names))]] = True
    return _Words(
        norms=names,
        starts=starts,
        ends=parts["end"][word],
        sentence_ids=parts["sentence_id"][word],
        voices=voices[parts["voice"][word]],
        breaks=breaks,
        flat=" ".join(names),
        offsets=offsets,
        codes=codes.astype(np.uint64),
        padded=f" {' '.join(names)} ",
    )


@dataclass(frozen=True)
class _Match:
    doc_id: str
    spans: tuple[tuple[int, int], ...]  # word index ranges [i, j) in the source
    similarity: float


def _check(min_similarity: float, min_words: int, fuzzy_min_words: int, context: int) -> None:
    if not 0 < min_similarity <= 100:
        raise ValueError(f"min_similarity={min_similarity!r} must be > 0 and <= 100")
    for name, value in (("min_words", min_words), ("fuzzy_min_words", fuzzy_min_words)):
        if not (isinstance(value, int) and value >= 1):
            raise ValueError(f"{name}={value!r} must be a whole number >= 1")
    if not (isinstance(context, int) and context >= 0):
        raise ValueError(f"context={context!r} must be a whole number >= 0")


def _find(
    query: list[str],
    source: _Words,
    *,
    after: int,
    min_similarity: float,
    fuzzy: bool,
    anchors: np.ndarray | None = None,
) -> tuple[int, int, float] | None:
    """Best run of source words at or after word ``after`` for ``query``: (i, j, similarity).

    ``anchors`` (word positions where the source shares a trigram with the query) narrow the
    fuzzy alignment to the stretches around them; None aligns with the whole source.

    With anchors, the exact search too looks only inside the windows (:func:`_windows`), and
    none means no match: proven, not a rule of thumb. A query of ``n`` words found exactly at
    word ``p`` puts its ``n - 2`` trigrams at ``p, p + 1, ..., p + n - 3``, all among the
    anchors; those hold ``needed = max(1, (n - 2) // 4) <= n - 2`` consecutive anchors spanning
    ``needed - 1 < reach`` words, so a window runs from at most ``p`` to at least
    ``p + needed - 1 + reach >= p + n`` (or the end of the source) and holds the whole run. The
    first occurrence in the windows is therefore the first in the source.
    """
    if not query or after >= len(source):
        return None
    text = " ".join(query)
    base = int(source.offsets[after])
    rest = len(text) >= len(source.flat) - base  # too short to slide along: align with it all
    windows, end = None, len(source.padded)
    if fuzzy and anchors is not None and not rest:
        windows = _windows(len(query), source, after, anchors)
        if not windows:
            return None
        base = int(source.offsets[windows[0][0]])
        stop = windows[-1][1] - 1
        end = int(source.offsets[stop]) + len(source.norms[stop]) + 2
    # padded[base:] is " " + flat[base:] + " " (the space before word ``after``)
    at = source.padded.find(f" {text} ", base, end)
    if at >= 0:
        i = int(np.searchsorted(source.offsets, at))
        return i, i + len(query), 100.0
    if not fuzzy:
        return None
    if rest:
        first, last = after, len(source)
    else:
        if windows is None:
            windows = _windows(len(query), source, after, anchors)
        stretch = _stretch(text, source, windows, after=after, cutoff=max(min_similarity - 10, 0))
        if stretch is None:
            return None
        first, last = stretch
    best = _best_run(text, source, first, last, after=after, n_words=len(query))
    return best if best is not None and best[2] >= min_similarity else None


def _best_run(text: str, source: _Words, first: int, last: int, *, after: int, n_words: int):
    """The run of source words most like ``text`` (``n_words`` words), climbing from [first, last).

    The climb starts from the stretch and from the runs of the quotation's length that begin or
    end where the stretch does (a dropped or added word can leave the stretch a few words short
    of the best run, beyond a dip in similarity); runs whose ends are within ``_SLACK`` words of
    the best so far are scored until the best stays put. The indexed search and the exhaustive
    one, which start from slightly different stretches, thus reach the same run. Ties go to the
    earlier run.
    """
    scores: dict[tuple[int, int], float] = {}

    def score_around(centre: tuple[int, int]) -> None:
        for i in range(
            max(after, centre[0] - _SLACK), min(centre[0] + _SLACK, len(source) - 1) + 1
        ):
            for j in range(
                max(i + 1, centre[1] - _SLACK), min(centre[1] + _SLACK, len(source)) + 1
            ):
                if (i, j) not in scores:
                    scores[i, j] = fuzz.ratio(text, " ".join(source.norms[i:j]))

    for start in ((first, last), (first, first + n_words), (last - n_words, last)):
        score_around(start)
    if not scores:
        return None
    centre, best = None, max(scores, key=lambda run: (scores[run], -run[0], -run[1]))
    while best != centre:
        centre = best
        score_around(centre)
        best = max(scores, key=lambda run: (scores[run], -run[0], -run[1]))
    return (*best, scores[best])


class _Shingles:
    """Where a quotation may have its source: an inverted index of word unigrams and trigrams.

    Every word and every trigram (three consecutive words) of every document is kept as an
    integer code in one sorted array, beside its document and position, so finding where a
    query's trigrams occur costs a binary search per trigram instead of an alignment per
    document. Codes are products modulo 2**64: a collision only adds a candidate.

    Rules (``tests/test_quotes.py`` checks that they give the exhaustive search's results on the
    fixtures, and on the benchmark speeches when present):

    - a query matched exactly needs a source holding all its words, and all its trigrams when
      the whole quotation is too short for fuzzy matching (a necessary condition, so exact);
    - a fuzzy query of eight or more words is aligned only around places where the source holds
      at least one in four of its trigrams (at least one) within the quotation's length plus
      eight words: a near match (similarity 85 or more) changes few enough words to keep that
      many. A quotation reworded so that fewer survive is not found. A document without such a
      place (and longer than the quotation) holds no exact match either, which is proven (see
      :func:`_find`), so a quotation of one fragment is not aligned with it at all;
    - a fuzzy query of fewer words (``fuzzy_min_words`` below 8) is aligned with every document.
    """

    def __init__(self, words: dict[str, _Words], vocabulary: np.ndarray):
        self.doc_ids = list(words)
        self.vocabulary = {norm: code for code, norm in enumerate(vocabulary.tolist())}
        self.size = np.uint64(max(len(vocabulary), 1))
        self.lengths = {doc_id: len(source.flat) for doc_id, source in words.items()}
        unigrams, trigrams = [], []
        for number, source in enumerate(words.values()):
            ids = source.codes
            codes = np.unique(ids)
            unigrams.append((codes, np.full(len(codes), number), np.zeros(len(codes))))
            codes = self._trigrams(ids)
            trigrams.append((codes, np.full(len(codes), number), np.arange(len(codes))))
        self.unigrams = self._sorted(unigrams)
        self.trigrams = self._sorted(trigrams)

    def _trigrams(self, ids: np.ndarray) -> np.ndarray:
        if len(ids) < 3:
            return np.zeros(0, dtype=np.uint64)
        with np.errstate(over="ignore"):
            return (ids[:-2] * self.size + ids[1:-1]) * self.size + ids[2:]

    @staticmethod
    def _sorted(postings) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        codes = np.concatenate([c for c, _, _ in postings] or [np.zeros(0, np.uint64)])
        docs = np.concatenate([d for _, d, _ in postings] or [np.zeros(0)]).astype(np.int32)
        where = np.concatenate([w for *_, w in postings] or [np.zeros(0)]).astype(np.int32)
        order = np.argsort(codes, kind="stable")
        return codes[order], docs[order], where[order]

    @staticmethod
    def _hits(index, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        keys, docs, where = index
        first = np.searchsorted(keys, codes, "left")
        last = np.searchsorted(keys, codes, "right")
        rows = np.concatenate([np.arange(a, b) for a, b in zip(first, last, strict=True)] or [[]])
        rows = rows.astype(np.int64)
        return docs[rows], where[rows]

    def lookup(
        self, query: list[str], *, fuzzy: bool, by_trigrams: bool = False
    ) -> dict[str, np.ndarray | None] | None:
        """The documents that may match ``query``, each with its anchors; None: every document.

        The anchors are the word positions where a query trigram starts (None: align with the
        whole document). ``by_trigrams``: a query matched only exactly (``fuzzy`` False) needs
        a document holding all its trigrams, not only all its words.
        """
        ids = np.array([self.vocabulary.get(norm, -1) for norm in query], dtype=np.int64)
        if not fuzzy:
            if (ids < 0).any():
                return {}  # a word no document has: no exact match anywhere
            if by_trigrams and len(query) >= 3:
                keys, docs, _ = self.trigrams
                codes = np.unique(self._trigrams(ids.astype(np.uint64)))
                first = np.searchsorted(keys, codes, "left")
                last = np.searchsorted(keys, codes, "right")
                held = functools.reduce(
                    np.intersect1d, [np.unique(docs[a:b]) for a, b in zip(first, last, strict=True)]
                )
                return {self.doc_ids[d]: None for d in held.tolist()}
            docs, _ = self._hits(self.unigrams, np.unique(ids.astype(np.uint64)))
            held = np.bincount(docs, minlength=len(self.doc_ids))
            return {self.doc_ids[d]: None for d in np.flatnonzero(held == len(set(ids.tolist())))}
        if len(query) < _FUZZY_INDEXED or (ids < 0).any():
            return None
        codes = np.unique(self._trigrams(ids.astype(np.uint64)))
        docs, where = self._hits(self.trigrams, codes)
        order = np.lexsort((where, docs))
        docs, where = docs[order], where[order]
        bounds = np.concatenate([[0], np.flatnonzero(np.diff(docs)) + 1, [len(docs)]])
        needed = max(1, (len(query) - 2) // 4)
        held = np.flatnonzero(np.diff(bounds) >= needed)
        # as _windows, for every document at once: ``needed`` anchors within ``reach`` words
        reach, first = len(query) + 4 * _SLACK, len(docs) - needed + 1
        dense = np.zeros(len(self.doc_ids), dtype=bool)
        if first > 0:
            close = (docs[needed - 1 :] == docs[:first]) & (
                where[needed - 1 :] - where[:first] < reach
            )
            dense[docs[:first][close]] = True
        return {
            self.doc_ids[docs[bounds[k]]]: (
                where[bounds[k] : bounds[k + 1]] if dense[docs[bounds[k]]] else where[:0]
            )
            for k in held.tolist()
        }


def _sources(index: _Shingles, quote: _Words, span, *, min_words: int):
    """The documents worth aligning with the quotation ``span``, and where to align in each.

    The documents are those that may hold the whole quotation or every one of its fragments; the
    function returned gives the anchors of a (part of the) quotation in a document. None: every
    document, aligned everywhere.
    """
    i, j = span
    # a quotation too short for fuzzy matching, and so each of its fragments, is found exactly
    # or not at all: a document without all the trigrams of one of them cannot match
    exact = j - i < min_words
    parts = {(i, j): index.lookup(quote.norms[i:j], fuzzy=not exact, by_trigrams=exact)}
    fragments = _fragments(quote, i, j)
    if len(fragments) > 1:
        for a, b in fragments:
            parts[a, b] = index.lookup(
                quote.norms[a:b], fuzzy=b - a >= min_words, by_trigrams=exact
            )
    if parts[i, j] is None:
        return None, None
    candidates = set(parts[i, j])
    if len(fragments) == 1:
        # no window, and longer than the quotation: _find proves there is no match (see there)
        text = len(" ".join(quote.norms[i:j]))
        candidates = {
            doc_id
            for doc_id, found in parts[i, j].items()
            if found is None or len(found) or index.lengths[doc_id] <= text
        }
    else:
        every = None
        for a, b in fragments:
            if parts[a, b] is not None:
                every = set(parts[a, b]) if every is None else every & set(parts[a, b])
        if every is None:
            return None, None
        candidates |= every

    def anchors(a: int, b: int, doc_id: str):
        found = parts.get((a, b))
        return None if found is None else found.get(doc_id)

    return sorted(candidates), anchors


def _windows(n_words: int, source: _Words, after: int, anchors) -> list[tuple[int, int]]:
    """Word ranges of the source worth aligning: all of it, or around the anchors (merged).

    A range is kept where at least one in four of the query's trigrams occur within its length
    plus eight words.
    """
    if anchors is None:
        return [(after, len(source))]
    reach = n_words + 4 * _SLACK
    needed = max(1, (n_words - 2) // 4)
    anchors = anchors[anchors >= after - reach]
    # anchors[k + needed - 1] - anchors[k]: the span of ``needed`` consecutive anchors
    if len(anchors) < needed:
        return []
    dense = np.flatnonzero(anchors[needed - 1 :] - anchors[: len(anchors) - needed + 1] < reach)
    windows: list[tuple[int, int]] = []
    for k in dense:
        start = max(after, int(anchors[k]) - reach)
        stop = min(len(source), int(anchors[k + needed - 1]) + reach)
        if start >= stop:
            continue
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], stop))
        else:
            windows.append((start, stop))
    return windows


def _stretch(
    text: str, source: _Words, windows, *, after: int, cutoff: float
) -> tuple[int, int] | None:
    """First and last word (exclusive) of the stretch of ``windows`` most like ``text``."""
    haystacks = []
    for start, stop in windows:
        base = int(source.offsets[start])
        haystacks.append(
            (base, source.flat[base : int(source.offsets[stop - 1]) + len(source.norms[stop - 1])])
        )
    if any(len(haystack) <= len(text) for _, haystack in haystacks):
        # too short to slide the quotation along: align with the whole rest of the source
        base = int(source.offsets[after])
        haystacks = [(base, source.flat[base:])]
    best = None
    for base, haystack in haystacks:
        # the cheap stretch may score a little below the word-aligned run, hence the margin
        aligned = fuzz.partial_ratio_alignment(text, haystack, score_cutoff=cutoff)
        if aligned is not None and (best is None or aligned.score > best[2]):
            best = (base + aligned.dest_start, base + aligned.dest_end, aligned.score)
    if best is None:
        return None
    first = int(np.searchsorted(source.offsets, best[0], "right")) - 1
    last = int(np.searchsorted(source.offsets, best[1] - 1, "right"))
    return first, last


def _fragments(words: _Words, i: int, j: int) -> list[tuple[int, int]]:
    """The quotation's words [i, j) cut at sentence ends and ellipses."""
    cuts = [
        k
        for k in range(i + 1, j)
        if words.breaks[k] or words.sentence_ids[k] != words.sentence_ids[k - 1]
    ]
    bounds = [i, *cuts, j]
    return list(itertools.pairwise(bounds))


def _match_in(
    quote: _Words,
    span: tuple[int, int],
    source: _Words,
    doc_id: str,
    *,
    min_similarity,
    min_words,
    anchors=None,
    fragments=None,
) -> _Match | None:
    i, j = span
    query = quote.norms[i:j]
    fuzzy = j - i >= min_words
    whole = _find(
        query,
        source,
        after=0,
        min_similarity=min_similarity,
        fuzzy=fuzzy,
        anchors=anchors(i, j, doc_id) if anchors else None,
    )
    best = _Match(doc_id, ((whole[0], whole[1]),), whole[2]) if whole else None
    if fragments is None:
        fragments = _fragments(quote, i, j)
    if len(fragments) < 2 or (best and best.similarity == 100):
        return best
    found, after = [], 0
    for a, b in fragments:
        part = _find(
            quote.norms[a:b],
            source,
            after=after,
            min_similarity=min_similarity,
            fuzzy=b - a >= min_words,
            anchors=anchors(a, b, doc_id) if anchors else None,
        )
        if part is None:
            return best
        found.append(part)
        after = part[1]
    gaps = any(later[0] > earlier[1] for earlier, later in itertools.pairwise(found))
    weights = [len(" ".join(quote.norms[a:b])) for a, b in fragments]
    similarity = float(np.average([part[2] for part in found], weights=weights))
    if gaps and (best is None or similarity > best.similarity):
        return _Match(doc_id, tuple((a, b) for a, b, _ in found), similarity)
    return best


def _describe(match: _Match, source: _Words, sentences: dict, text: str, context: int):
    """The source columns of a matched quotation."""
    spans = match.spans
    first, last = spans[0][0], spans[-1][1] - 1
    first_sentence, last_sentence = source.sentence_ids[first], source.sentence_ids[last]
    in_sentences = (source.sentence_ids >= first_sentence) & (source.sentence_ids <= last_sentence)
    sentence_words = np.flatnonzero(in_sentences)
    n_quoted = sum(j - i for i, j in spans)
    if len(spans) > 1:
        selection = "non-adjacent passages"
    elif first == sentence_words[0] and last == sentence_words[-1]:
        selection = "whole sentences"
    else:
        selection = "part of a sentence"
    ids = sentences["sentence_id"]
    around = (ids >= first_sentence - context) & (ids <= last_sentence + context)
    voices = Counter(np.concatenate([source.voices[i:j] for i, j in spans]).tolist())
    most = max(voices.values())
    return {
        "source_doc_id": match.doc_id,
        "source_start": int(source.starts[first]),
        "source_end": int(source.ends[last]),
        "source_text": " […] ".join(text[source.starts[i] : source.ends[j - 1]] for i, j in spans),
        "source_context": text[
            int(sentences["start"][around].min()) : int(sentences["end"][around].max())
        ],
        "source_voice": min(voice for voice, n in voices.items() if n == most),  # as Series.mode
        "selection": selection,
        "share_of_source": n_quoted / len(sentence_words),
    }


def _differences(quoted: list[str], original: list[str]) -> str:
    """Word edits from the source to the quotation: ``a → b``, ``−a`` left out, ``+b`` added."""
    edits = []
    for tag, i1, i2, j1, j2 in Levenshtein.opcodes(original, quoted).as_list():
        was, now = " ".join(original[i1:i2]), " ".join(quoted[j1:j2])
        if tag == "replace":
            edits.append(f"{was} → {now}")
        elif tag == "delete":
            edits.append(f"−{was}")
        elif tag == "insert":
            edits.append(f"+{now}")
    return "; ".join(edits)


def _source_columns(matches, quoted, words, dates: dict) -> dict:
    """Match, similarity, date, edits and other sources of the best of ``matches``."""
    best = matches[0]
    original = [w for a, b in best.spans for w in words[best.doc_id].norms[a:b]]
    return {
        "match": "exact" if best.similarity == 100 else "near",
        "similarity": best.similarity,
        "source_date": dates[best.doc_id],
        "differences": _differences(quoted, original),
        "other_sources": "; ".join(sorted(m.doc_id for m in matches[1:])),
    }


def _preference(match: _Match, words: dict[str, _Words], dates: dict, when) -> tuple:
    """Sort key among sources.

    Best similarity first, then not later than the quotation, not itself quoting, earliest date.
    """
    quoting = bool(words[match.doc_id].voices[match.spans[0][0]] == "quote")
    date = dates.get(match.doc_id)
    later = bool(pd.notna(date) and pd.notna(when) and date > when)
    return (-match.similarity, later, quoting, pd.isna(date), date, match.doc_id)


def _empty() -> pd.DataFrame:
    return _typed(pd.DataFrame({column: [] for column in COLUMNS}))


def _typed(table: pd.DataFrame) -> pd.DataFrame:
    table = table[COLUMNS].copy()
    for column in _TEXT_COLUMNS:
        table[column] = table[column].astype("str")
    for column in ("quote_id", "start", "end", "n_words"):
        table[column] = table[column].astype("int64")
    for column in ("source_start", "source_end"):
        table[column] = table[column].astype("Int64")
    for column in ("similarity", "share_of_source"):
        table[column] = table[column].astype("float64")
    table["source_date"] = pd.to_datetime(table["source_date"])
    table["match"] = pd.Categorical(table["match"], categories=MATCHES)
    table["selection"] = pd.Categorical(table["selection"], categories=SELECTIONS)
    return table.reset_index(drop=True)


def trace_quotes(
    corpus,
    *,
    min_similarity: float = 85.0,
    min_words: int = 3,
    fuzzy_min_words: int = 8,
    context: int = 0,
) -> pd.DataFrame:
    """Look for the source of every direct quotation in the other documents of the corpus.

    Parameters
    ----------
    corpus : analysis.Corpus
        A loaded corpus (:func:`analysis.load_corpus`); its ``documents``, ``paragraphs``,
        ``sentences`` and ``tokens`` are read, never changed.
    min_similarity : float, default 85
        Lowest similarity (0-100, normalised Indel similarity of the normalised texts, see the
        module docstring) for a ``near`` match.
    min_words : int, default 3
        Quotations with fewer words are not traced (``too short``).
    fuzzy_min_words : int, default 8
        Quotations (and fragments) with fewer words are matched exactly or not at all (a fuzzy
        match of a few words is often chance: see the module docstring).
    context : int, default 0
        Sentences shown on each side of the matched source sentences in ``source_context``.

    Returns
    -------
    pandas.DataFrame
        One row per direct quotation (a quotation that runs over several paragraphs gives one row
        per paragraph), sorted by ``doc_id, quote_id``:

        - ``doc_id, quote_id`` (1-based in the document), ``speaker`` (from the attribution;
          <NA> when none), ``start, end`` (offsets of the quotation, marks included, in the
          document's ``text``), ``quote`` (its text), ``n_words``;
        - ``match``: ``exact``, ``near``, ``not found`` or ``too short`` (categorical);
          ``similarity`` (100 for exact, NaN when not found or not traced);
        - ``source_doc_id, source_start, source_end`` (offsets in the source's ``text``, from the
          first matched word to the last), ``source_text`` (the matched words as the source
          writes them, ``[…]`` between non-adjacent passages), ``source_context`` (the source
          sentences that hold the match, plus ``context`` sentences each side), ``source_voice``
          (the voice of the matched source words: ``author`` when the source document says it,
          ``quote`` when it too is quoting), ``source_date``;
        - ``selection``: ``whole sentences``, ``part of a sentence`` or ``non-adjacent
          passages``; ``share_of_source``: quoted source words / words of the source sentences
          that hold the match;
        - ``differences``: word edits from source to quotation (``a → b``, ``−a`` left out,
          ``+b`` added; empty for exact matches); ``other_sources``: other documents that also
          match (``"; "``-separated), e.g. a second report quoting the same words.

        When several documents match, the best similarity wins; ties go to a source not dated
        after the quoting document, then to one that says the words itself (not quoting them),
        then to the earliest date, then to ``doc_id``.
        In a corpus of one document every quotation is ``not found``.

    Raises
    ------
    ValueError
        If ``min_similarity`` is not in (0, 100], ``min_words`` or ``fuzzy_min_words`` < 1, or
        ``context`` < 0.

    References
    ----------
    Bachmann (2024), RapidFuzz; Navarro (2001); Semino & Short (2004): see the module docstring.

    Examples
    --------
    >>> import analysis
    >>> from analysis.paths import PROJECT_ROOT
    >>> corpus = analysis.load_corpus(PROJECT_ROOT / "tests" / "fixtures" / "corpus_multi")
    >>> traced = trace_quotes(corpus)
    >>> traced[["quote_id", "match", "source_doc_id", "selection"]]
       quote_id  match               source_doc_id           selection
    0         1  exact  2019-11-03-marren-assembly     whole sentences
    1         2  exact  2019-11-03-marren-assembly  part of a sentence
    >>> traced.loc[1, "source_context"]
    'I say that cooperation is the only road that does not end in a wall.'
    """
    tables = ("documents", "paragraphs", "sentences", "tokens")
    if not all(isinstance(getattr(corpus, name, None), pd.DataFrame) for name in tables):
        raise TypeError(f"expected a Corpus (analysis.load_corpus()), got {type(corpus).__name__}")
    check_columns(corpus.documents, ["doc_id", "text"], source="analysis.load_corpus()")
    _check(min_similarity, min_words, fuzzy_min_words, context)
    documents = corpus.documents.set_index("doc_id")
    words, vocabulary = _all_words(corpus.tokens)
    sentences = _by_document(corpus.sentences, ["sentence_id", "start", "end"])
    paragraphs = _by_document(corpus.paragraphs, ["start", "end"])
    dates = documents["date"].to_dict()
    texts = documents["text"].to_dict()
    index = _Shingles(words, vocabulary)
    rows = []
    for doc_id in progress(sorted(words), desc="tracing quotations", unit="doc"):
        text = texts[doc_id]
        # the same speakers and genre as the corpus tables' voice labels, so the two agree
        speakers = str(documents.at[doc_id, "speakers"]) if "speakers" in documents else ""
        quotations = find_quotations(
            text,
            _spans(paragraphs[doc_id]),
            _spans(sentences[doc_id]),
            speakers=[name.strip() for name in speakers.split(";") if name.strip()],
            genre=str(documents.at[doc_id, "genre"]) if "genre" in documents else "",
        )
        quote_words = words[doc_id]
        for quote_id, quotation in enumerate(quotations, start=1):
            i = int(np.searchsorted(quote_words.starts, quotation.start))
            j = int(np.searchsorted(quote_words.ends, quotation.end, "right"))
            row = {
                "doc_id": doc_id,
                "quote_id": quote_id,
                "speaker": quotation.speaker,
                "start": quotation.start,
                "end": quotation.end,
                "quote": text[quotation.start : quotation.end],
                "n_words": j - i,
                "match": "not found",
                "similarity": np.nan,
            }
            if j - i < min_words:
                rows.append(row | {"match": "too short"})
                continue
            candidates, anchors = _sources(index, quote_words, (i, j), min_words=fuzzy_min_words)
            fragments = _fragments(quote_words, i, j)  # the same for every candidate
            matches = [
                found
                for other in (sorted(words) if candidates is None else candidates)
                if other != doc_id
                and (
                    found := _match_in(
                        quote_words,
                        (i, j),
                        words[other],
                        other,
                        min_similarity=min_similarity,
                        min_words=fuzzy_min_words,
                        anchors=anchors,
                        fragments=fragments,
                    )
                )
            ]
            if matches:
                matches.sort(key=lambda m: _preference(m, words, dates, dates[doc_id]))
                row |= _source_columns(matches, quote_words.norms[i:j], words, dates)
                row |= _describe(
                    matches[0],
                    words[matches[0].doc_id],
                    sentences[matches[0].doc_id],
                    texts[matches[0].doc_id],
                    context,
                )
            rows.append(row)
    if not rows:
        return _empty()
    table = pd.DataFrame.from_records(rows, columns=COLUMNS)
    return _typed(table).sort_values(["doc_id", "quote_id"], ignore_index=True)
